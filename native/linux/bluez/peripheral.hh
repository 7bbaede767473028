// The peripheral role (the original's start/publish): this app's GATT service, exported on the bus as
// BlueZ's GATT application API wants it (an ObjectManager, a GattService1, GattCharacteristic1 objects)
// and registered with GattManager1; advertised with an LEAdvertisement1 registered with
// LEAdvertisingManager1. BlueZ reads, writes and subscribes to the characteristics on behalf of remote
// centrals: their writes become `characteristicData` events, `publish` sets a value and notifies.
#pragma once
#include <gio/gio.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "generated/cpp/bluetooth.hh"
#include "linux/bluez/bus.hh"
#include "linux/bluez/central.hh"
#include "linux/bluez/objects.hh"

namespace host::bluez {

class Peripheral {
 public:
  Peripheral(Bus &bus, ObjectCache &objects, Central &central);
  ~Peripheral();
  Peripheral(const Peripheral &) = delete;
  Peripheral &operator=(const Peripheral &) = delete;

  void setEvents(std::shared_ptr<ipc::EventSink> events) { events_ = std::move(events); }

  void start(const std::string &serviceId, ipc::Reply reply);
  void publish(const std::string &serviceId, const std::string &characteristicId, std::vector<uint8_t> value, ipc::Reply reply);
  // Adds a characteristic to the started service if it is that service and the characteristic is new
  // (BlueZ then gets the application again); `done` runs either way.
  void ensureCharacteristic(const std::string &serviceId, const std::string &characteristicId, std::function<void(const ipc::Error *)> done);

 private:
  struct Characteristic {
    std::string uuid;
    std::string path;
    std::vector<uint8_t> value;
    bool notifying = false;
    guint registration = 0;
  };

  void exportRoot();
  void exportCharacteristic(Characteristic &c);
  void unexportAll();
  void registerApplication(const std::string &adapter, std::function<void(const ipc::Error *)> done);
  void advertise(const std::string &adapter, std::function<void(const ipc::Error *)> done);
  Characteristic *find(const std::string &path);
  GVariant *managedObjects();
  GVariant *characteristicProps(const Characteristic &c);
  void emitValue(const Characteristic &c);

  static void onMethod(GDBusConnection *, const gchar *sender, const gchar *path, const gchar *interface, const gchar *method, GVariant *params,
                       GDBusMethodInvocation *invocation, gpointer self);
  static GVariant *onGetProperty(GDBusConnection *, const gchar *sender, const gchar *path, const gchar *interface, const gchar *name,
                                 GError **error, gpointer self);

  Bus &bus_;
  ObjectCache &objects_;
  Central &central_;
  std::shared_ptr<ipc::EventSink> events_;
  GDBusNodeInfo *introspection_ = nullptr;
  std::string root_;
  std::string serviceId_;  // "" until start
  std::string adapter_;
  bool registered_ = false;
  std::vector<guint> registrations_;
  std::vector<std::unique_ptr<Characteristic>> characteristics_;
};

}  // namespace host::bluez
