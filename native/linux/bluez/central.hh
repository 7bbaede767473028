// The central role over BlueZ: adapter state, discovery with a filter, connecting, GATT services, and reading,
// writing and being notified of characteristics of remote devices. An operation on a device that disappears
// while it runs fails at once with EDEVICEGONE instead of waiting for BlueZ.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "generated/cpp/bluetooth.hh"
#include "linux/bluez/bus.hh"
#include "linux/bluez/objects.hh"

namespace host::bluez {

class Central {
 public:
  Central(Bus &bus, ObjectCache &objects);
  ~Central();
  Central(const Central &) = delete;
  Central &operator=(const Central &) = delete;

  // Where events go: the window of the latest call.
  void setEvents(std::shared_ptr<ipc::EventSink> events) { events_ = std::move(events); }

  void adapterState(ipc::Reply reply);
  void startScan(std::vector<std::string> serviceIds, int rssi, std::string transport, ipc::Reply reply);
  void stopScan(ipc::Reply reply);
  void devices(ipc::Reply reply);
  void connect(const std::string &id, ipc::Reply reply);
  void disconnect(const std::string &id, ipc::Reply reply);
  void services(const std::string &id, ipc::Reply reply);
  void read(const std::string &id, const std::string &serviceId, const std::string &characteristicId, ipc::Reply reply);
  void write(const std::string &id, const std::string &serviceId, const std::string &characteristicId, std::vector<uint8_t> value,
             bool withResponse, ipc::Reply reply);
  void notifications(const std::string &id, const std::string &serviceId, const std::string &characteristicId, bool start, ipc::Reply reply);
  // The original's subscribe: notifications of this characteristic from every peer offering the service,
  // now and whenever one appears.
  void subscribe(const std::string &serviceId, const std::string &characteristicId, ipc::Reply reply);

  // Runs `then` with the default adapter's path once BlueZ's tree is loaded, or answers `reply` with why not.
  void withAdapter(ipc::Reply reply, bool needPowered, std::function<void(const std::string &adapter)> then);

 private:
  using Then = std::function<void(const std::string &path)>;
  void withDevice(const std::string &id, ipc::Reply reply, Then then);
  void withCharacteristic(const std::string &id, const std::string &serviceId, const std::string &characteristicId, ipc::Reply reply, Then then);
  // Calls BlueZ for an operation on a device: the reply fails with EDEVICEGONE if the device goes first.
  void deviceCall(const std::string &path, const std::string &id, const char *interface, const char *method, GVariant *params, ipc::Reply reply,
                  std::function<void(GVariant *result, ipc::Reply &reply)> done);
  void waitResolved(const std::string &device, ipc::Reply reply);
  bool resolved(const std::string &device) const;
  static std::string addressOf(const std::string &device);
  api::bluetooth::BluetoothDevice describe(const std::string &device) const;
  bool matchesFilter(const std::string &device) const;
  void applySubscriptions();
  void onAdded(const std::string &path, const std::vector<std::string> &interfaces);
  void onRemoved(const std::string &path, const std::vector<std::string> &interfaces);
  void onChanged(const std::string &path, const std::string &interface, const ObjectCache::Props &changed);

  struct Pending {
    std::string device;  // object path
    std::string id;      // address, for the error message
    ipc::Reply reply;
  };

  Bus &bus_;
  ObjectCache &objects_;
  std::shared_ptr<ipc::EventSink> events_;
  uint64_t nextPending_ = 1;
  std::map<uint64_t, Pending> pending_;
  std::map<std::string, std::vector<ipc::Reply>> resolving_;  // device path -> connect calls waiting for services
  std::set<std::string> notifying_;                            // characteristic paths whose values become events
  std::set<std::string> starting_;                             // characteristic paths with a StartNotify in flight
  std::vector<std::pair<std::string, std::string>> subscriptions_;
  std::set<std::string> autoConnected_;                        // devices subscribe() connected to
  bool scanning_ = false;
  std::vector<std::string> filter_;
  int rssi_ = 0;
};

}  // namespace host::bluez
