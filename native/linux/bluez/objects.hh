// What BlueZ has (adapters, devices, GATT services and characteristics) as a local copy of its object
// tree: loaded once with ObjectManager.GetManagedObjects and kept current by InterfacesAdded/Removed and
// PropertiesChanged, which are also handed on to the listeners.
#pragma once
#include <gio/gio.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "linux/bluez/bus.hh"
#include "linux/bluez/variant.hh"

namespace host::bluez {

inline constexpr const char *kAdapter = "org.bluez.Adapter1";
inline constexpr const char *kDevice = "org.bluez.Device1";
inline constexpr const char *kGattService = "org.bluez.GattService1";
inline constexpr const char *kGattCharacteristic = "org.bluez.GattCharacteristic1";
inline constexpr const char *kGattManager = "org.bluez.GattManager1";
inline constexpr const char *kAdvertisingManager = "org.bluez.LEAdvertisingManager1";

class ObjectCache {
 public:
  using Props = std::map<std::string, Variant>;
  using Interfaces = std::map<std::string, Props>;

  struct Listener {
    std::function<void(const std::string &path, const std::vector<std::string> &interfaces)> added;
    std::function<void(const std::string &path, const std::vector<std::string> &interfaces)> removed;
    std::function<void(const std::string &path, const std::string &interface, const Props &changed)> changed;
  };

  explicit ObjectCache(Bus &bus) : bus_(bus) {}
  ~ObjectCache();
  ObjectCache(const ObjectCache &) = delete;
  ObjectCache &operator=(const ObjectCache &) = delete;

  // Subscribes to the signals, then loads the tree once; later calls answer at once.
  void load(Bus::Ready ready);
  void listen(Listener listener) { listeners_.push_back(std::move(listener)); }

  const Props *props(const std::string &path, const char *interface) const;
  bool has(const std::string &path, const char *interface) const { return props(path, interface) != nullptr; }
  Variant prop(const std::string &path, const char *interface, const char *name) const;
  // The first adapter by path ("" when there is none).
  std::string defaultAdapter() const;
  std::string deviceByAddress(const std::string &adapter, const std::string &address) const;
  // Paths below `prefix` (itself excluded) that have `interface`, in path order.
  std::vector<std::string> below(const std::string &prefix, const char *interface) const;
  // The device a path belongs to ("" when none): the path itself or its nearest ancestor with Device1.
  std::string deviceOf(const std::string &path) const;
  std::string characteristic(const std::string &device, const std::string &serviceId, const std::string &characteristicId) const;
  std::string serviceOf(const std::string &characteristicPath) const;

 private:
  static void onSignal(GDBusConnection *, const gchar *sender, const gchar *path, const gchar *interface, const gchar *signal,
                       GVariant *parameters, gpointer self);
  void addInterfaces(const std::string &path, GVariant *interfaces, std::vector<std::string> &names);
  void forgetAll();

  Bus &bus_;
  bool loaded_ = false;
  bool loading_ = false;
  std::vector<Bus::Ready> waiting_;
  std::vector<guint> subscriptions_;
  std::map<std::string, Interfaces> objects_;
  std::vector<Listener> listeners_;
};

}  // namespace host::bluez
