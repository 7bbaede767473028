#include "linux/bluez/central.hh"

#include <algorithm>

#include "linux/bluez/errors.hh"
#include "linux/bluez/uuid.hh"

namespace host::bluez {

namespace api = ::api::bluetooth;

namespace {
// Fires `reply` with a TimeoutError after `ms` unless it was answered first (answers after the first are ignored).
void replyTimeoutAfter(int ms, std::weak_ptr<void> alive, ipc::Reply reply, std::string what) {
  struct Timer {
    std::weak_ptr<void> alive;
    ipc::Reply reply;
    std::string what;
  };
  g_timeout_add(ms, [](gpointer data) -> gboolean {
    auto *timer = static_cast<Timer *>(data);
    if (timer->alive.lock()) timer->reply.error({"TimeoutError", timer->what, "ERR_BLUETOOTH_TIMEOUT", {}, "", ""});
    delete timer;
    return G_SOURCE_REMOVE;
  }, new Timer{std::move(alive), std::move(reply), std::move(what)});
}
}  // namespace

// A removed device's address, from its object path: BlueZ names devices ".../dev_AA_BB_CC_DD_EE_FF" and the
// properties are already gone when InterfacesRemoved arrives.
std::string Central::addressOf(const std::string &device) {
  size_t at = device.rfind("/dev_");
  std::string out = at == std::string::npos ? device : device.substr(at + 5);
  std::replace(out.begin(), out.end(), '_', ':');
  return out;
}

Central::Central(Bus &bus, ObjectCache &objects) : bus_(bus), objects_(objects) {
  objects_.listen({
      [this](const std::string &path, const std::vector<std::string> &interfaces) { onAdded(path, interfaces); },
      [this](const std::string &path, const std::vector<std::string> &interfaces) { onRemoved(path, interfaces); },
      [this](const std::string &path, const std::string &interface, const ObjectCache::Props &changed) { onChanged(path, interface, changed); },
  });
}

Central::~Central() {
  // What this window started stops with it; nobody waits for the answers.
  std::string adapter = objects_.defaultAdapter();
  if (scanning_ && !adapter.empty()) bus_.call(adapter, kAdapter, "StopDiscovery", nullptr, [](GVariant *, const GError *) {});
  for (const auto &path : notifying_) bus_.call(path, kGattCharacteristic, "StopNotify", nullptr, [](GVariant *, const GError *) {});
}

void Central::withAdapter(ipc::Reply reply, bool needPowered, std::function<void(const std::string &)> then) {
  objects_.load([this, reply, needPowered, then](const ipc::Error *error) mutable {
    if (error) return (void)reply.error(*error);
    std::string adapter = objects_.defaultAdapter();
    if (adapter.empty()) return (void)reply.error(noAdapter("BlueZ has no adapter"));
    if (needPowered && !asBool(objects_.prop(adapter, kAdapter, "Powered"))) return (void)reply.error(poweredOff());
    then(adapter);
  });
}

void Central::withDevice(const std::string &id, ipc::Reply reply, Then then) {
  withAdapter(reply, true, [this, id, reply, then](const std::string &adapter) mutable {
    std::string device = objects_.deviceByAddress(adapter, id);
    if (device.empty()) return (void)reply.error(notFoundOnDevice("no Bluetooth device " + id + " is known (scan first)"));
    then(device);
  });
}

void Central::withCharacteristic(const std::string &id, const std::string &serviceId, const std::string &characteristicId, ipc::Reply reply,
                                 Then then) {
  withDevice(id, reply, [this, id, serviceId, characteristicId, reply, then](const std::string &device) mutable {
    std::string path = objects_.characteristic(device, serviceId, characteristicId);
    if (path.empty())
      return (void)reply.error(notFoundOnDevice("device " + id + " has no characteristic " + characteristicId + " in service " + serviceId +
                                                " (connect first)"));
    then(path);
  });
}

void Central::deviceCall(const std::string &path, const std::string &id, const char *interface, const char *method, GVariant *params,
                         ipc::Reply reply, std::function<void(GVariant *, ipc::Reply &)> done) {
  uint64_t token = nextPending_++;
  pending_.emplace(token, Pending{objects_.deviceOf(path), id, reply});
  bus_.call(path, interface, method, params, [this, token, reply, method = std::string(method), done](GVariant *result, const GError *error) mutable {
    pending_.erase(token);
    if (!result) return (void)reply.error(fromDBus(error, method));
    done(result, reply);
  });
}

void Central::adapterState(ipc::Reply reply) {
  objects_.load([this, reply](const ipc::Error *error) mutable {
    api::BluetoothAdapterInfo info{};
    std::string adapter = error ? "" : objects_.defaultAdapter();
    if (error && error->code != "ERR_BLUETOOTH_NO_ADAPTER") return (void)reply.error(*error);
    info.present = !adapter.empty();
    info.powered = asBool(objects_.prop(adapter, kAdapter, "Powered"));
    info.discovering = asBool(objects_.prop(adapter, kAdapter, "Discovering"));
    info.address = asString(objects_.prop(adapter, kAdapter, "Address"));
    info.name = asString(objects_.prop(adapter, kAdapter, "Alias"), asString(objects_.prop(adapter, kAdapter, "Name")));
    api::resolveGetAdapterState(reply, info);
  });
}

void Central::startScan(std::vector<std::string> serviceIds, int rssi, std::string transport, ipc::Reply reply) {
  if (transport != "le" && transport != "bredr" && transport != "auto")
    return (void)reply.error(ipc::Error::typeError("transport must be \"le\", \"bredr\" or \"auto\", got \"" + transport + "\""));
  for (auto &id : serviceIds) id = normalizeUuid(id);
  withAdapter(reply, true, [this, serviceIds, rssi, transport, reply](const std::string &adapter) mutable {
    GVariantBuilder filter;
    g_variant_builder_init(&filter, G_VARIANT_TYPE("a{sv}"));
    if (!serviceIds.empty()) g_variant_builder_add(&filter, "{sv}", "UUIDs", stringsVariant(serviceIds));
    if (rssi != 0) g_variant_builder_add(&filter, "{sv}", "RSSI", g_variant_new_int16(static_cast<int16_t>(rssi)));
    g_variant_builder_add(&filter, "{sv}", "Transport", g_variant_new_string(transport.c_str()));
    bus_.call(adapter, kAdapter, "SetDiscoveryFilter", g_variant_new("(a{sv})", &filter),
              [this, adapter, serviceIds, rssi, reply](GVariant *result, const GError *error) mutable {
                if (!result) return (void)reply.error(fromDBus(error, "SetDiscoveryFilter"));
                bus_.call(adapter, kAdapter, "StartDiscovery", nullptr, [this, adapter, serviceIds, rssi, reply](GVariant *result, const GError *error) mutable {
                  // Discovery this app already started is still on: a second start only changes the filter.
                  if (!result && !(scanning_ && g_dbus_error_is_remote_error(error))) return (void)reply.error(fromDBus(error, "StartDiscovery"));
                  scanning_ = true;
                  filter_ = serviceIds;
                  rssi_ = rssi;
                  api::resolveStartScan(reply);
                  // Devices BlueZ already knows are found too, as they are in BlueZ's own cache.
                  for (const auto &device : objects_.below(adapter, kDevice))
                    if (events_ && matchesFilter(device)) api::emitDeviceFound(*events_, describe(device));
                });
              });
  });
}

void Central::stopScan(ipc::Reply reply) {
  withAdapter(reply, false, [this, reply](const std::string &adapter) mutable {
    if (!scanning_) return api::resolveStopScan(reply);
    bus_.call(adapter, kAdapter, "StopDiscovery", nullptr, [this, reply](GVariant *result, const GError *error) mutable {
      scanning_ = false;
      if (!result && !g_dbus_error_is_remote_error(error)) return (void)reply.error(fromDBus(error, "StopDiscovery"));
      api::resolveStopScan(reply);
    });
  });
}

void Central::devices(ipc::Reply reply) {
  withAdapter(reply, false, [this, reply](const std::string &adapter) mutable {
    std::vector<api::BluetoothDevice> out;
    for (const auto &device : objects_.below(adapter, kDevice)) out.push_back(describe(device));
    api::resolveGetDevices(reply, out);
  });
}

void Central::connect(const std::string &id, ipc::Reply reply) {
  withDevice(id, reply, [this, id, reply](const std::string &device) mutable {
    deviceCall(device, id, kDevice, "Connect", nullptr, reply, [this, device](GVariant *, ipc::Reply &reply) { waitResolved(device, reply); });
  });
}

void Central::waitResolved(const std::string &device, ipc::Reply reply) {
  if (resolved(device)) return api::resolveConnect(reply);
  resolving_[device].push_back(reply);
  replyTimeoutAfter(bus_.timeoutMs(), bus_.alive(), reply, "connect: the device's GATT services were not resolved in time");
}

bool Central::resolved(const std::string &device) const {
  return asBool(objects_.prop(device, kDevice, "ServicesResolved")) || !objects_.below(device, kGattService).empty();
}

void Central::disconnect(const std::string &id, ipc::Reply reply) {
  withDevice(id, reply, [this, id, reply](const std::string &device) mutable {
    if (!asBool(objects_.prop(device, kDevice, "Connected"))) return api::resolveDisconnect(reply);
    deviceCall(device, id, kDevice, "Disconnect", nullptr, reply, [](GVariant *, ipc::Reply &reply) { api::resolveDisconnect(reply); });
  });
}

void Central::services(const std::string &id, ipc::Reply reply) {
  withDevice(id, reply, [this, reply](const std::string &device) mutable {
    std::vector<api::BluetoothGattService> out;
    for (const auto &service : objects_.below(device, kGattService)) {
      api::BluetoothGattService s{};
      s.id = normalizeUuid(asString(objects_.prop(service, kGattService, "UUID")));
      s.primary = asBool(objects_.prop(service, kGattService, "Primary"), true);
      for (const auto &c : objects_.below(service, kGattCharacteristic))
        s.characteristics.push_back({normalizeUuid(asString(objects_.prop(c, kGattCharacteristic, "UUID"))),
                                     asStrings(objects_.prop(c, kGattCharacteristic, "Flags"))});
      out.push_back(std::move(s));
    }
    api::resolveGetServices(reply, out);
  });
}

void Central::read(const std::string &id, const std::string &serviceId, const std::string &characteristicId, ipc::Reply reply) {
  withCharacteristic(id, serviceId, characteristicId, reply, [this, id, reply](const std::string &path) mutable {
    deviceCall(path, id, kGattCharacteristic, "ReadValue", g_variant_new("(@a{sv})", g_variant_new_array(G_VARIANT_TYPE("{sv}"), nullptr, 0)), reply,
               [](GVariant *result, ipc::Reply &reply) {
                 GVariant *value = g_variant_get_child_value(result, 0);
                 std::vector<uint8_t> bytes = asBytes(Variant(value));
                 api::resolveReadCharacteristic(reply, std::move(bytes));
               });
  });
}

void Central::write(const std::string &id, const std::string &serviceId, const std::string &characteristicId, std::vector<uint8_t> value,
                    bool withResponse, ipc::Reply reply) {
  withCharacteristic(id, serviceId, characteristicId, reply, [this, id, value, withResponse, reply](const std::string &path) mutable {
    GVariantBuilder options;
    g_variant_builder_init(&options, G_VARIANT_TYPE("a{sv}"));
    g_variant_builder_add(&options, "{sv}", "type", g_variant_new_string(withResponse ? "request" : "command"));
    deviceCall(path, id, kGattCharacteristic, "WriteValue", g_variant_new("(@aya{sv})", bytesVariant(value), &options), reply,
               [](GVariant *, ipc::Reply &reply) { api::resolveWriteCharacteristic(reply); });
  });
}

void Central::notifications(const std::string &id, const std::string &serviceId, const std::string &characteristicId, bool start, ipc::Reply reply) {
  withCharacteristic(id, serviceId, characteristicId, reply, [this, id, start, reply](const std::string &path) mutable {
    if (start && notifying_.count(path)) return api::resolveStartNotifications(reply);
    if (!start && !notifying_.count(path)) return api::resolveStopNotifications(reply);
    if (!start) notifying_.erase(path);
    deviceCall(path, id, kGattCharacteristic, start ? "StartNotify" : "StopNotify", nullptr, reply, [this, path, start](GVariant *, ipc::Reply &reply) {
      if (start) notifying_.insert(path);
      reply.ok();
    });
  });
}

void Central::subscribe(const std::string &serviceId, const std::string &characteristicId, ipc::Reply reply) {
  withAdapter(reply, true, [this, serviceId, characteristicId, reply](const std::string &) mutable {
    std::pair<std::string, std::string> wanted{normalizeUuid(serviceId), normalizeUuid(characteristicId)};
    bool known = false;
    for (const auto &s : subscriptions_) known = known || s == wanted;
    if (!known) subscriptions_.push_back(wanted);
    applySubscriptions();
    api::resolveSubscribe(reply);
  });
}

void Central::applySubscriptions() {
  std::string adapter = objects_.defaultAdapter();
  if (adapter.empty() || subscriptions_.empty() || !asBool(objects_.prop(adapter, kAdapter, "Powered"))) return;
  for (const auto &device : objects_.below(adapter, kDevice)) {
    bool connected = asBool(objects_.prop(device, kDevice, "Connected"));
    for (const auto &[service, characteristic] : subscriptions_) {
      bool offers = false;
      for (const auto &uuid : describe(device).serviceIds) offers = offers || uuid == service;
      if (!offers) continue;
      if (!connected) {
        // A peer offering the service is connected once (not again after it or the app disconnects); its
        // characteristics are subscribed to when Connected turns true.
        if (autoConnected_.insert(device).second) bus_.call(device, kDevice, "Connect", nullptr, [](GVariant *, const GError *) {});
        continue;
      }
      std::string path = objects_.characteristic(device, service, characteristic);
      if (path.empty() || notifying_.count(path) || starting_.count(path)) continue;
      starting_.insert(path);
      bus_.call(path, kGattCharacteristic, "StartNotify", nullptr, [this, path](GVariant *result, const GError *) {
        starting_.erase(path);
        if (result) notifying_.insert(path);
      });
    }
  }
}

api::BluetoothDevice Central::describe(const std::string &device) const {
  api::BluetoothDevice out{};
  out.id = asString(objects_.prop(device, kDevice, "Address"));
  out.name = asString(objects_.prop(device, kDevice, "Alias"), asString(objects_.prop(device, kDevice, "Name")));
  out.rssi = static_cast<int16_t>(asInt(objects_.prop(device, kDevice, "RSSI")));
  out.connected = asBool(objects_.prop(device, kDevice, "Connected"));
  for (const auto &uuid : asStrings(objects_.prop(device, kDevice, "UUIDs"))) out.serviceIds.push_back(normalizeUuid(uuid));
  for (const auto &service : objects_.below(device, kGattService)) {
    std::string uuid = normalizeUuid(asString(objects_.prop(service, kGattService, "UUID")));
    bool seen = false;
    for (const auto &s : out.serviceIds) seen = seen || s == uuid;
    if (!seen) out.serviceIds.push_back(uuid);
  }
  return out;
}

bool Central::matchesFilter(const std::string &device) const {
  // BlueZ filters what it discovers; devices it already knew are filtered here the same way.
  if (rssi_ != 0) {
    int rssi = asInt(objects_.prop(device, kDevice, "RSSI"), -32768);
    if (rssi < rssi_) return false;
  }
  if (filter_.empty()) return true;
  for (const auto &uuid : describe(device).serviceIds)
    for (const auto &wanted : filter_)
      if (uuid == wanted) return true;
  return false;
}

void Central::onAdded(const std::string &path, const std::vector<std::string> &interfaces) {
  for (const auto &interface : interfaces) {
    if (interface == kDevice && scanning_ && events_ && path.rfind(objects_.defaultAdapter() + "/", 0) == 0 && matchesFilter(path))
      api::emitDeviceFound(*events_, describe(path));
    if (interface == kGattService || interface == kGattCharacteristic) {
      std::string device = objects_.deviceOf(path);
      if (interface == kGattService && resolving_.count(device)) {
        for (auto &reply : resolving_[device]) api::resolveConnect(reply);
        resolving_.erase(device);
      }
      applySubscriptions();
    }
    if (interface == kAdapter && events_) {
      api::BluetoothState state{};
      state.state = asBool(objects_.prop(path, kAdapter, "Powered")) ? api::BluetoothStateKind::PoweredOn : api::BluetoothStateKind::PoweredOff;
      api::emitState(*events_, state);
    }
  }
}

void Central::onRemoved(const std::string &path, const std::vector<std::string> &interfaces) {
  bool device = false, adapter = false;
  for (const auto &interface : interfaces) {
    device = device || interface == kDevice;
    adapter = adapter || interface == kAdapter;
  }
  if (!device && !adapter) return;
  std::string prefix = path + "/";
  auto under = [&](const std::string &p) { return p == path || p.rfind(prefix, 0) == 0; };
  // Fail what was waiting on the device at once: BlueZ may never answer for an object that is gone.
  std::vector<Pending> failed;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (under(it->second.device)) {
      failed.push_back(it->second);
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto &p : failed) p.reply.error(adapter ? noAdapter("the adapter was removed") : deviceGone(p.id));
  for (auto it = notifying_.begin(); it != notifying_.end();) it = under(*it) ? notifying_.erase(it) : std::next(it);
  for (auto it = resolving_.begin(); it != resolving_.end();) {
    if (!under(it->first)) {
      ++it;
      continue;
    }
    for (auto &reply : it->second) reply.error(adapter ? noAdapter("the adapter was removed") : deviceGone(addressOf(it->first)));
    it = resolving_.erase(it);
  }
  if (device) autoConnected_.erase(path);
  if (adapter) scanning_ = false;
  if (!events_) return;
  api::BluetoothState state{};
  state.state = adapter ? api::BluetoothStateKind::PoweredOff : api::BluetoothStateKind::PeerDisconnected;
  if (device) state.peerId = addressOf(path);
  api::emitState(*events_, state);
}

void Central::onChanged(const std::string &path, const std::string &interface, const ObjectCache::Props &changed) {
  if (interface == kAdapter && changed.count("Powered")) {
    bool powered = asBool(changed.at("Powered"));
    if (!powered) scanning_ = false;
    if (events_) {
      api::BluetoothState state{};
      state.state = powered ? api::BluetoothStateKind::PoweredOn : api::BluetoothStateKind::PoweredOff;
      api::emitState(*events_, state);
    }
    if (powered) applySubscriptions();
  } else if (interface == kDevice) {
    if (changed.count("ServicesResolved") && asBool(changed.at("ServicesResolved")) && resolving_.count(path)) {
      for (auto &reply : resolving_[path]) api::resolveConnect(reply);
      resolving_.erase(path);
    }
    if (changed.count("Connected") && events_) {
      api::BluetoothState state{};
      state.state = asBool(changed.at("Connected")) ? api::BluetoothStateKind::PeerConnected : api::BluetoothStateKind::PeerDisconnected;
      state.peerId = asString(objects_.prop(path, kDevice, "Address"));
      api::emitState(*events_, state);
    }
    bool seen = changed.count("RSSI") || changed.count("Name") || changed.count("Alias") || changed.count("UUIDs");
    if (seen && scanning_ && events_ && matchesFilter(path)) api::emitDeviceFound(*events_, describe(path));
    if (changed.count("UUIDs") || changed.count("Connected")) applySubscriptions();
  } else if (interface == kGattCharacteristic && changed.count("Value") && notifying_.count(path) && events_) {
    std::string device = objects_.deviceOf(path);
    api::BluetoothValue value{normalizeUuid(asString(objects_.prop(objects_.serviceOf(path), kGattService, "UUID"))),
                              normalizeUuid(asString(objects_.prop(path, kGattCharacteristic, "UUID"))),
                              asString(objects_.prop(device, kDevice, "Address"))};
    api::emitCharacteristicData(*events_, value, asBytes(changed.at("Value")));
  }
}

}  // namespace host::bluez
