// process: the generated ProcessService (env, cwd, exit, and the backend sub-process handle).
#pragma once
#include "generated/cpp/process.hh"

namespace host {

class App;

class ProcessServiceImpl : public api::process::ProcessService {
 public:
  explicit ProcessServiceImpl(App &app) : app_(app) {}

  void envGet(const ipc::Context &, api::process::EnvGetArgs, ipc::Reply) override;
  void envSet(const ipc::Context &, api::process::EnvSetArgs, ipc::Reply) override;
  void cwd(const ipc::Context &, api::process::CwdArgs, ipc::Reply) override;
  void open(const ipc::Context &, api::process::OpenArgs, ipc::Reply) override;
  void kill(const ipc::Context &, api::process::KillArgs, ipc::Reply) override;
  void write(const ipc::Context &, api::process::WriteArgs, ipc::Reply) override;
  void exit(const ipc::Context &, api::process::ExitArgs, ipc::Reply) override;

 private:
  App &app_;
};

}  // namespace host
