// extension: the generated ExtensionService over the process-wide ExtensionRegistry (extension_registry.hh).
#pragma once
#include "generated/cpp/extension.hh"

namespace host {

class App;

class ExtensionServiceImpl : public api::extension::ExtensionService {
 public:
  explicit ExtensionServiceImpl(App &app) : app_(app) {}
  void load(const ipc::Context &, api::extension::LoadArgs, ipc::Reply) override;
  void unload(const ipc::Context &, api::extension::UnloadArgs, ipc::Reply) override;
  void stats(const ipc::Context &, api::extension::StatsArgs, ipc::Reply) override;
  void type(const ipc::Context &, api::extension::TypeArgs, ipc::Reply) override;
  void call(const ipc::Context &, api::extension::CallArgs, ipc::Reply) override;

 private:
  App &app_;
};

}  // namespace host
