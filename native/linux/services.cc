#include "linux/services.hh"

#include "generated/cpp/register_all.hh"
#include "linux/app.hh"
#include "linux/bluetooth_service.hh"
#include "linux/child_process_service.hh"
#include "linux/conduit_service.hh"
#include "linux/dns_service.hh"
#include "linux/events.hh"
#include "linux/extension_service.hh"
#include "linux/fs_service.hh"
#include "linux/hotkey_service.hh"
#include "linux/notification_service.hh"
#include "linux/os_service.hh"
#include "linux/process_service.hh"
#include "linux/service_worker_service.hh"
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
  // Every capability's routes come from the generated registerAll: it takes one service per capability (a
  // missing one does not compile), and the dispatch validates every argument before any of these runs.
  api::registerAll(router_, {
      .application = own<ApplicationServiceImpl>(services_, app),
      .bluetooth = own<BluetoothServiceImpl>(services_, app),
      .child_process = own<ChildProcessServiceImpl>(services_, app),
      .conduit = own<ConduitServiceImpl>(services_, app),
      .dns = own<DnsServiceImpl>(services_),
      .extension = own<ExtensionServiceImpl>(services_, app),
      .fs = own<FsServiceImpl>(services_, app.sharedPermissions()),
      .hotkey = own<HotkeyServiceImpl>(services_, app),
      .notification = own<NotificationServiceImpl>(services_, app),
      .os = own<OsServiceImpl>(services_, app),
      .process = own<ProcessServiceImpl>(services_, app),
      .service_worker = own<ServiceWorkerServiceImpl>(services_, app, window),
      .udp = own<UdpServiceImpl>(services_),
      .window = own<WindowServiceImpl>(services_, app),
  });
}

WindowServices::~WindowServices() {
  // Services go first (they may emit while closing); the router's handlers point into them.
  services_.clear();
}

}  // namespace host
