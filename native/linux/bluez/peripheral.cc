#include "linux/bluez/peripheral.hh"

#include <atomic>

#include "linux/bluez/errors.hh"
#include "linux/bluez/uuid.hh"

namespace host::bluez {

namespace api = ::api::bluetooth;

namespace {
const char *kIntrospection = R"(<node>
  <interface name="org.freedesktop.DBus.ObjectManager">
    <method name="GetManagedObjects"><arg type="a{oa{sa{sv}}}" direction="out"/></method>
  </interface>
  <interface name="org.bluez.GattService1">
    <property name="UUID" type="s" access="read"/>
    <property name="Primary" type="b" access="read"/>
  </interface>
  <interface name="org.bluez.GattCharacteristic1">
    <method name="ReadValue"><arg type="a{sv}" direction="in"/><arg type="ay" direction="out"/></method>
    <method name="WriteValue"><arg type="ay" direction="in"/><arg type="a{sv}" direction="in"/></method>
    <method name="StartNotify"/>
    <method name="StopNotify"/>
    <property name="UUID" type="s" access="read"/>
    <property name="Service" type="o" access="read"/>
    <property name="Flags" type="as" access="read"/>
    <property name="Value" type="ay" access="read"/>
    <property name="Notifying" type="b" access="read"/>
  </interface>
  <interface name="org.bluez.LEAdvertisement1">
    <method name="Release"/>
    <property name="Type" type="s" access="read"/>
    <property name="ServiceUUIDs" type="as" access="read"/>
  </interface>
</node>)";

const std::vector<std::string> kFlags = {"read", "write", "notify"};
std::atomic<unsigned> nextApp{1};

std::string serviceObject(const std::string &root) { return root + "/service0"; }
GVariant *emptyOptions() { return g_variant_new_array(G_VARIANT_TYPE("{sv}"), nullptr, 0); }
}  // namespace

Peripheral::Peripheral(Bus &bus, ObjectCache &objects, Central &central) : bus_(bus), objects_(objects), central_(central) {
  introspection_ = g_dbus_node_info_new_for_xml(kIntrospection, nullptr);
  root_ = "/io/socket/bluetooth/app" + std::to_string(nextApp++);
}

Peripheral::~Peripheral() {
  // The bus connection outlives the window: tell BlueZ the application and advertisement are gone.
  if (registered_) {
    bus_.call(adapter_, kAdvertisingManager, "UnregisterAdvertisement", g_variant_new("(o)", (root_ + "/advertisement0").c_str()), [](GVariant *, const GError *) {});
    bus_.call(adapter_, kGattManager, "UnregisterApplication", g_variant_new("(o)", root_.c_str()), [](GVariant *, const GError *) {});
  }
  unexportAll();
  if (introspection_) g_dbus_node_info_unref(introspection_);
}

void Peripheral::start(const std::string &serviceId, ipc::Reply reply) {
  std::string uuid = normalizeUuid(serviceId);
  central_.withAdapter(reply, true, [this, uuid, reply](const std::string &adapter) mutable {
    if (registered_ && uuid == serviceId_) return api::resolveStart(reply);
    if (registered_) {
      bus_.call(adapter_, kGattManager, "UnregisterApplication", g_variant_new("(o)", root_.c_str()), [](GVariant *, const GError *) {});
      unexportAll();
      characteristics_.clear();
      registered_ = false;
    }
    serviceId_ = uuid;
    adapter_ = adapter;
    exportRoot();
    registerApplication(adapter, [this, adapter, uuid, reply](const ipc::Error *error) mutable {
      if (error) {
        unexportAll();  // a later start exports afresh
        return (void)reply.error(*error);
      }
      advertise(adapter, [this, uuid, reply](const ipc::Error *error) mutable {
        if (error) return (void)reply.error(*error);
        // Scanning for the same service finds the other peers; its result is not this call's.
        central_.startScan({uuid}, 0, "le", ipc::Reply("bluetooth.startScan", "", [](ipc::Response) {}));
        api::resolveStart(reply);
      });
    });
  });
}

void Peripheral::registerApplication(const std::string &adapter, std::function<void(const ipc::Error *)> done) {
  bus_.call(adapter, kGattManager, "RegisterApplication", g_variant_new("(o@a{sv})", root_.c_str(), emptyOptions()),
            [this, done](GVariant *result, const GError *error) {
              if (!result) {
                ipc::Error failure = fromDBus(error, "RegisterApplication");
                return done(&failure);
              }
              registered_ = true;
              done(nullptr);
            });
}

void Peripheral::advertise(const std::string &adapter, std::function<void(const ipc::Error *)> done) {
  bus_.call(adapter, kAdvertisingManager, "RegisterAdvertisement", g_variant_new("(o@a{sv})", (root_ + "/advertisement0").c_str(), emptyOptions()),
            [done](GVariant *result, const GError *error) {
              if (!result) {
                ipc::Error failure = fromDBus(error, "RegisterAdvertisement");
                return done(&failure);
              }
              done(nullptr);
            });
}

void Peripheral::ensureCharacteristic(const std::string &serviceId, const std::string &characteristicId, std::function<void(const ipc::Error *)> done) {
  std::string uuid = normalizeUuid(characteristicId);
  if (!registered_ || normalizeUuid(serviceId) != serviceId_) return done(nullptr);
  for (auto &c : characteristics_)
    if (c->uuid == uuid) return done(nullptr);
  auto c = std::make_unique<Characteristic>();
  c->uuid = uuid;
  c->path = serviceObject(root_) + "/char" + std::to_string(characteristics_.size());
  exportCharacteristic(*c);
  characteristics_.push_back(std::move(c));
  // BlueZ reads an application's objects once, when it is registered: register it again to add one.
  bus_.call(adapter_, kGattManager, "UnregisterApplication", g_variant_new("(o)", root_.c_str()), [this, done](GVariant *, const GError *) {
    registerApplication(adapter_, done);
  });
}

void Peripheral::publish(const std::string &serviceId, const std::string &characteristicId, std::vector<uint8_t> value, ipc::Reply reply) {
  if (!registered_ || normalizeUuid(serviceId) != serviceId_) return (void)reply.error(notStarted(serviceId));
  ensureCharacteristic(serviceId, characteristicId, [this, uuid = normalizeUuid(characteristicId), value, reply](const ipc::Error *error) mutable {
    if (error) return (void)reply.error(*error);
    for (auto &c : characteristics_) {
      if (c->uuid != uuid) continue;
      c->value = value;
      emitValue(*c);
    }
    api::resolvePublish(reply);
  });
}

void Peripheral::emitValue(const Characteristic &c) {
  GVariantBuilder changed;
  g_variant_builder_init(&changed, G_VARIANT_TYPE("a{sv}"));
  g_variant_builder_add(&changed, "{sv}", "Value", bytesVariant(c.value));
  g_dbus_connection_emit_signal(bus_.connection(), nullptr, c.path.c_str(), "org.freedesktop.DBus.Properties", "PropertiesChanged",
                                g_variant_new("(sa{sv}@as)", kGattCharacteristic, &changed, g_variant_new_strv(nullptr, 0)), nullptr);
}

void Peripheral::exportRoot() {
  static const GDBusInterfaceVTable vtable = {onMethod, onGetProperty, nullptr, {}};
  auto add = [&](const std::string &path, const char *interface) {
    GDBusInterfaceInfo *info = g_dbus_node_info_lookup_interface(introspection_, interface);
    guint id = g_dbus_connection_register_object(bus_.connection(), path.c_str(), info, &vtable, this, nullptr, nullptr);
    if (id) registrations_.push_back(id);
  };
  add(root_, "org.freedesktop.DBus.ObjectManager");
  add(serviceObject(root_), kGattService);
  add(root_ + "/advertisement0", "org.bluez.LEAdvertisement1");
}

void Peripheral::exportCharacteristic(Characteristic &c) {
  static const GDBusInterfaceVTable vtable = {onMethod, onGetProperty, nullptr, {}};
  GDBusInterfaceInfo *info = g_dbus_node_info_lookup_interface(introspection_, kGattCharacteristic);
  c.registration = g_dbus_connection_register_object(bus_.connection(), c.path.c_str(), info, &vtable, this, nullptr, nullptr);
}

void Peripheral::unexportAll() {
  GDBusConnection *connection = bus_.connection();
  if (!connection) return;
  for (guint id : registrations_) g_dbus_connection_unregister_object(connection, id);
  registrations_.clear();
  for (auto &c : characteristics_)
    if (c->registration) g_dbus_connection_unregister_object(connection, c->registration), c->registration = 0;
}

Peripheral::Characteristic *Peripheral::find(const std::string &path) {
  for (auto &c : characteristics_)
    if (c->path == path) return c.get();
  return nullptr;
}

GVariant *Peripheral::characteristicProps(const Characteristic &c) {
  GVariantBuilder props;
  g_variant_builder_init(&props, G_VARIANT_TYPE("a{sv}"));
  g_variant_builder_add(&props, "{sv}", "UUID", g_variant_new_string(c.uuid.c_str()));
  g_variant_builder_add(&props, "{sv}", "Service", g_variant_new_object_path(serviceObject(root_).c_str()));
  g_variant_builder_add(&props, "{sv}", "Flags", stringsVariant(kFlags));
  g_variant_builder_add(&props, "{sv}", "Value", bytesVariant(c.value));
  g_variant_builder_add(&props, "{sv}", "Notifying", g_variant_new_boolean(c.notifying));
  return g_variant_builder_end(&props);
}

GVariant *Peripheral::managedObjects() {
  GVariantBuilder objects;
  g_variant_builder_init(&objects, G_VARIANT_TYPE("a{oa{sa{sv}}}"));
  GVariantBuilder service;
  g_variant_builder_init(&service, G_VARIANT_TYPE("a{sv}"));
  g_variant_builder_add(&service, "{sv}", "UUID", g_variant_new_string(serviceId_.c_str()));
  g_variant_builder_add(&service, "{sv}", "Primary", g_variant_new_boolean(TRUE));
  GVariantBuilder interfaces;
  g_variant_builder_init(&interfaces, G_VARIANT_TYPE("a{sa{sv}}"));
  g_variant_builder_add(&interfaces, "{s@a{sv}}", kGattService, g_variant_builder_end(&service));
  g_variant_builder_add(&objects, "{o@a{sa{sv}}}", serviceObject(root_).c_str(), g_variant_builder_end(&interfaces));
  for (auto &c : characteristics_) {
    GVariantBuilder inner;
    g_variant_builder_init(&inner, G_VARIANT_TYPE("a{sa{sv}}"));
    g_variant_builder_add(&inner, "{s@a{sv}}", kGattCharacteristic, characteristicProps(*c));
    g_variant_builder_add(&objects, "{o@a{sa{sv}}}", c->path.c_str(), g_variant_builder_end(&inner));
  }
  return g_variant_builder_end(&objects);
}

void Peripheral::onMethod(GDBusConnection *, const gchar *, const gchar *path, const gchar *, const gchar *method, GVariant *params,
                          GDBusMethodInvocation *invocation, gpointer data) {
  auto *self = static_cast<Peripheral *>(data);
  std::string name = method;
  if (name == "GetManagedObjects") return g_dbus_method_invocation_return_value(invocation, g_variant_new("(@a{oa{sa{sv}}})", self->managedObjects()));
  if (name == "Release") return g_dbus_method_invocation_return_value(invocation, nullptr);
  Characteristic *c = self->find(path);
  if (!c) return g_dbus_method_invocation_return_dbus_error(invocation, "org.bluez.Error.DoesNotExist", "no such characteristic");
  // Long values are read and written in pieces: BlueZ passes where each piece starts as options["offset"].
  auto offsetOf = [](GVariant *options) -> size_t {
    Variant offset(g_variant_lookup_value(options, "offset", G_VARIANT_TYPE_UINT16));
    return offset ? g_variant_get_uint16(offset.get()) : 0;
  };
  if (name == "ReadValue") {
    GVariant *options = g_variant_get_child_value(params, 0);
    size_t offset = offsetOf(options);
    g_variant_unref(options);
    if (offset > c->value.size()) return g_dbus_method_invocation_return_dbus_error(invocation, "org.bluez.Error.InvalidOffset", "offset past the value");
    std::vector<uint8_t> rest(c->value.begin() + static_cast<long>(offset), c->value.end());
    return g_dbus_method_invocation_return_value(invocation, g_variant_new("(@ay)", bytesVariant(rest)));
  }
  if (name == "WriteValue") {
    GVariant *bytes = g_variant_get_child_value(params, 0);
    GVariant *options = g_variant_get_child_value(params, 1);
    size_t offset = offsetOf(options);
    if (offset > c->value.size()) {
      g_variant_unref(bytes);
      g_variant_unref(options);
      return g_dbus_method_invocation_return_dbus_error(invocation, "org.bluez.Error.InvalidOffset", "offset past the value");
    }
    std::vector<uint8_t> piece = asBytes(Variant(bytes));
    c->value.resize(offset);
    c->value.insert(c->value.end(), piece.begin(), piece.end());
    // BlueZ names the writing central in options["device"] (an object path).
    Variant device(g_variant_lookup_value(options, "device", G_VARIANT_TYPE_OBJECT_PATH));
    std::string peer = asString(self->objects_.prop(asString(device), kDevice, "Address"), asString(device));
    g_variant_unref(options);
    if (self->events_) api::emitCharacteristicData(*self->events_, {self->serviceId_, c->uuid, peer}, c->value);
    return g_dbus_method_invocation_return_value(invocation, nullptr);
  }
  if (name == "StartNotify" || name == "StopNotify") {
    c->notifying = name == "StartNotify";
    if (self->events_) {
      api::BluetoothState state{};
      state.state = c->notifying ? api::BluetoothStateKind::PeerConnected : api::BluetoothStateKind::PeerDisconnected;
      state.serviceId = self->serviceId_;
      api::emitState(*self->events_, state);
    }
    return g_dbus_method_invocation_return_value(invocation, nullptr);
  }
  g_dbus_method_invocation_return_dbus_error(invocation, "org.bluez.Error.NotSupported", "not supported");
}

GVariant *Peripheral::onGetProperty(GDBusConnection *, const gchar *, const gchar *path, const gchar *interface, const gchar *name,
                                    GError **error, gpointer data) {
  auto *self = static_cast<Peripheral *>(data);
  std::string iface = interface, prop = name;
  if (iface == kGattService) return prop == "UUID" ? g_variant_new_string(self->serviceId_.c_str()) : g_variant_new_boolean(TRUE);
  if (iface == "org.bluez.LEAdvertisement1")
    return prop == "Type" ? g_variant_new_string("peripheral") : stringsVariant({self->serviceId_});
  Characteristic *c = self->find(path);
  if (!c) {
    g_set_error(error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT, "no such characteristic");
    return nullptr;
  }
  GVariant *all = g_variant_ref_sink(self->characteristicProps(*c));
  GVariant *value = g_variant_lookup_value(all, name, nullptr);
  g_variant_unref(all);
  return value;
}

}  // namespace host::bluez
