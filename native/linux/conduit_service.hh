// conduit: the generated ConduitService over the process-wide ConduitServer (conduit_server.hh).
#pragma once
#include "generated/cpp/conduit.hh"

namespace host {

class App;

class ConduitServiceImpl : public api::conduit::ConduitService {
 public:
  explicit ConduitServiceImpl(App &app) : app_(app) {}
  void start(const ipc::Context &, api::conduit::StartArgs, ipc::Reply) override;
  void status(const ipc::Context &, api::conduit::StatusArgs, ipc::Reply) override;

 private:
  App &app_;
};

}  // namespace host
