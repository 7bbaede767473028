// os: the generated OsService (system facts, process priorities, paths, openExternal, revealFile).
#pragma once
#include "generated/cpp/os.hh"

namespace host {

class App;

class OsServiceImpl : public api::os::OsService {
 public:
  explicit OsServiceImpl(App &app) : app_(app) {}

  void availableMemory(const ipc::Context &, api::os::AvailableMemoryArgs, ipc::Reply) override;
  void constants(const ipc::Context &, api::os::ConstantsArgs, ipc::Reply) override;
  void cpus(const ipc::Context &, api::os::CpusArgs, ipc::Reply) override;
  void hostname(const ipc::Context &, api::os::HostnameArgs, ipc::Reply) override;
  void hrtime(const ipc::Context &, api::os::HrtimeArgs, ipc::Reply) override;
  void getPriority(const ipc::Context &, api::os::GetPriorityArgs, ipc::Reply) override;
  void setPriority(const ipc::Context &, api::os::SetPriorityArgs, ipc::Reply) override;
  void loadavg(const ipc::Context &, api::os::LoadavgArgs, ipc::Reply) override;
  void networkInterfaces(const ipc::Context &, api::os::NetworkInterfacesArgs, ipc::Reply) override;
  void paths(const ipc::Context &, api::os::PathsArgs, ipc::Reply) override;
  void rusage(const ipc::Context &, api::os::RusageArgs, ipc::Reply) override;
  void totalMemory(const ipc::Context &, api::os::TotalMemoryArgs, ipc::Reply) override;
  void uname(const ipc::Context &, api::os::UnameArgs, ipc::Reply) override;
  void uptime(const ipc::Context &, api::os::UptimeArgs, ipc::Reply) override;
  void userInfo(const ipc::Context &, api::os::UserInfoArgs, ipc::Reply) override;
  void primordials(const ipc::Context &, api::os::PrimordialsArgs, ipc::Reply) override;
  void platformEvent(const ipc::Context &, api::os::PlatformEventArgs, ipc::Reply) override;
  void openExternal(const ipc::Context &, api::os::OpenExternalArgs, ipc::Reply) override;
  void revealFile(const ipc::Context &, api::os::RevealFileArgs, ipc::Reply) override;

 private:
  App &app_;
};

}  // namespace host
