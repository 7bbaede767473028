#include "linux/services.hh"

#include "linux/app.hh"
#include "linux/bluetooth_service.hh"
#include "linux/child_process_service.hh"
#include "linux/dns_service.hh"
#include "linux/events.hh"
#include "linux/fs_service.hh"
#include "linux/hotkey_service.hh"
#include "linux/notification_service.hh"
#include "linux/os_service.hh"
#include "linux/process_service.hh"
#include "linux/udp_service.hh"
#include "linux/window.hh"
#include "linux/window_service.hh"

namespace host {

namespace {
// Keeps `service` alive in `owned` and returns a reference for the generated register function.
template <class T, class... Args>
T &own(std::vector<std::shared_ptr<void>> &owned, Args &&...args) {
  auto service = std::make_shared<T>(std::forward<Args>(args)...);
  owned.push_back(service);
  return *service;
}
}  // namespace

WindowServices::WindowServices(Window &window) : window_(window), events_(makeWindowEventSink(window)) {
  App &app = window.app();
  // Each capability's routes come from its generated register function: the dispatch validates every
  // argument against the IDL before any of these implementations runs.
  api::fs::registerFsRoutes(router_, own<FsServiceImpl>(services_, app.permissions()));
  api::udp::registerUdpRoutes(router_, own<UdpServiceImpl>(services_));
  api::os::registerOsRoutes(router_, own<OsServiceImpl>(services_, app));
  api::process::registerProcessRoutes(router_, own<ProcessServiceImpl>(services_, app));
  api::window::registerWindowRoutes(router_, own<WindowServiceImpl>(services_, app));
  api::application::registerApplicationRoutes(router_, own<ApplicationServiceImpl>(services_, app));
  api::child_process::registerChildProcessRoutes(router_, own<ChildProcessServiceImpl>(services_, app));
  api::dns::registerDnsRoutes(router_, own<DnsServiceImpl>(services_));
  api::bluetooth::registerBluetoothRoutes(router_, own<BluetoothServiceImpl>(services_));
  api::hotkey::registerHotkeyRoutes(router_, own<HotkeyServiceImpl>(services_, app));
  api::notification::registerNotificationRoutes(router_, own<NotificationServiceImpl>(services_, app));
}

WindowServices::~WindowServices() {
  // Services go first (they may emit while closing); the router's handlers point into them.
  services_.clear();
}

}  // namespace host
