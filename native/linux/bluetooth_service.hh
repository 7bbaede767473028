// bluetooth: the generated BluetoothService over BlueZ (native/linux/bluez/). Refuses every call when
// socket.ini says `[permissions] allow_bluetooth = false`.
#pragma once
#include <memory>

#include "generated/cpp/bluetooth.hh"

namespace host {

class App;
namespace bluez {
class Bus;
class ObjectCache;
class Central;
class Peripheral;
}  // namespace bluez

class BluetoothServiceImpl : public api::bluetooth::BluetoothService {
 public:
  explicit BluetoothServiceImpl(App &app);
  ~BluetoothServiceImpl() override;

  void start(const ipc::Context &, api::bluetooth::StartArgs, ipc::Reply) override;
  void subscribe(const ipc::Context &, api::bluetooth::SubscribeArgs, ipc::Reply) override;
  void publish(const ipc::Context &, api::bluetooth::PublishArgs, ipc::Reply) override;
  void getAdapterState(const ipc::Context &, api::bluetooth::GetAdapterStateArgs, ipc::Reply) override;
  void startScan(const ipc::Context &, api::bluetooth::StartScanArgs, ipc::Reply) override;
  void stopScan(const ipc::Context &, api::bluetooth::StopScanArgs, ipc::Reply) override;
  void getDevices(const ipc::Context &, api::bluetooth::GetDevicesArgs, ipc::Reply) override;
  void connect(const ipc::Context &, api::bluetooth::ConnectArgs, ipc::Reply) override;
  void disconnect(const ipc::Context &, api::bluetooth::DisconnectArgs, ipc::Reply) override;
  void getServices(const ipc::Context &, api::bluetooth::GetServicesArgs, ipc::Reply) override;
  void readCharacteristic(const ipc::Context &, api::bluetooth::ReadCharacteristicArgs, ipc::Reply) override;
  void writeCharacteristic(const ipc::Context &, api::bluetooth::WriteCharacteristicArgs, ipc::Reply) override;
  void startNotifications(const ipc::Context &, api::bluetooth::StartNotificationsArgs, ipc::Reply) override;
  void stopNotifications(const ipc::Context &, api::bluetooth::StopNotificationsArgs, ipc::Reply) override;

 private:
  // False (and `reply` answered with NotAllowedError) when the app may not use Bluetooth; otherwise
  // remembers the caller's window for events.
  bool admit(const ipc::Context &context, ipc::Reply &reply);

  bool allowed_;
  std::shared_ptr<int> alive_;  // callbacks still queued in GLib hold a weak reference to it
  std::unique_ptr<bluez::Bus> bus_;
  std::unique_ptr<bluez::ObjectCache> objects_;
  std::unique_ptr<bluez::Central> central_;
  std::unique_ptr<bluez::Peripheral> peripheral_;
};

}  // namespace host
