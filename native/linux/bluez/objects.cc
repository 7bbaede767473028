#include "linux/bluez/objects.hh"

#include "linux/bluez/errors.hh"
#include "linux/bluez/uuid.hh"

namespace host::bluez {

ObjectCache::~ObjectCache() {
  for (guint id : subscriptions_) g_dbus_connection_signal_unsubscribe(bus_.connection(), id);
}

void ObjectCache::load(Bus::Ready ready) {
  if (loaded_) return ready(nullptr);
  waiting_.push_back(std::move(ready));
  if (loading_) return;
  loading_ = true;
  auto finish = [this](const ipc::Error *error) {
    loading_ = false;
    loaded_ = error == nullptr;
    auto waiting = std::move(waiting_);
    waiting_.clear();
    for (auto &w : waiting) w(error);
  };
  bus_.open([this, finish](const ipc::Error *error) {
    if (error) return finish(error);
    if (subscriptions_.empty()) {
      // Subscribed before loading, so nothing that changes in between is missed.
      subscriptions_.push_back(g_dbus_connection_signal_subscribe(bus_.connection(), "org.bluez", "org.freedesktop.DBus.ObjectManager", nullptr,
                                                                  nullptr, nullptr, G_DBUS_SIGNAL_FLAGS_NONE, onSignal, this, nullptr));
      subscriptions_.push_back(g_dbus_connection_signal_subscribe(bus_.connection(), "org.bluez", "org.freedesktop.DBus.Properties",
                                                                  "PropertiesChanged", nullptr, nullptr, G_DBUS_SIGNAL_FLAGS_NONE, onSignal, this, nullptr));
      subscriptions_.push_back(g_dbus_connection_signal_subscribe(bus_.connection(), "org.freedesktop.DBus", "org.freedesktop.DBus",
                                                                  "NameOwnerChanged", "/org/freedesktop/DBus", "org.bluez",
                                                                  G_DBUS_SIGNAL_FLAGS_NONE, onSignal, this, nullptr));
    }
    bus_.call("/", "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", nullptr, [this, finish](GVariant *reply, const GError *error) {
      if (!reply) {
        ipc::Error failure = fromDBus(error, "GetManagedObjects");
        return finish(&failure);
      }
      objects_.clear();
      GVariant *tree = g_variant_get_child_value(reply, 0);
      GVariantIter iter;
      g_variant_iter_init(&iter, tree);
      const gchar *path;
      GVariant *interfaces;
      while (g_variant_iter_next(&iter, "{&o@a{sa{sv}}}", &path, &interfaces)) {
        std::vector<std::string> names;
        addInterfaces(path, interfaces, names);
        g_variant_unref(interfaces);
      }
      g_variant_unref(tree);
      finish(nullptr);
    });
  });
}

void ObjectCache::addInterfaces(const std::string &path, GVariant *interfaces, std::vector<std::string> &names) {
  GVariantIter iter;
  g_variant_iter_init(&iter, interfaces);
  const gchar *interface;
  GVariant *properties;
  while (g_variant_iter_next(&iter, "{&s@a{sv}}", &interface, &properties)) {
    names.emplace_back(interface);
    Props &props = objects_[path][interface];
    GVariantIter inner;
    g_variant_iter_init(&inner, properties);
    const gchar *name;
    GVariant *value;
    while (g_variant_iter_next(&inner, "{&sv}", &name, &value)) {
      props[name] = Variant(value);
    }
    g_variant_unref(properties);
  }
}

void ObjectCache::onSignal(GDBusConnection *, const gchar *, const gchar *objectPath, const gchar *, const gchar *signal, GVariant *parameters,
                           gpointer data) {
  auto *self = static_cast<ObjectCache *>(data);
  if (!self->loaded_ && !self->loading_) return;
  std::string name = signal;
  if (name == "NameOwnerChanged" && g_variant_is_of_type(parameters, G_VARIANT_TYPE("(sss)"))) {
    const gchar *newOwner;
    g_variant_get(parameters, "(&s&s&s)", nullptr, nullptr, &newOwner);
    if (*newOwner == '\0') self->forgetAll();
    return;
  }
  if (name == "InterfacesAdded" && g_variant_is_of_type(parameters, G_VARIANT_TYPE("(oa{sa{sv}})"))) {
    const gchar *path;
    GVariant *interfaces;
    g_variant_get(parameters, "(&o@a{sa{sv}})", &path, &interfaces);
    std::vector<std::string> names;
    self->addInterfaces(path, interfaces, names);
    g_variant_unref(interfaces);
    auto listeners = self->listeners_;
    for (auto &l : listeners)
      if (l.added) l.added(path, names);
  } else if (name == "InterfacesRemoved" && g_variant_is_of_type(parameters, G_VARIANT_TYPE("(oas)"))) {
    const gchar *path;
    GVariant *list;
    g_variant_get(parameters, "(&o@as)", &path, &list);
    std::vector<std::string> names = asStrings(Variant(list));
    auto found = self->objects_.find(path);
    if (found != self->objects_.end()) {
      for (const auto &n : names) found->second.erase(n);
      if (found->second.empty()) self->objects_.erase(found);
    }
    // A removed device takes its GATT objects with it, even when BlueZ (or a crash) does not say so.
    for (const auto &n : names) {
      if (n != kDevice && n != kAdapter) continue;
      std::string prefix = std::string(path) + "/";
      for (auto it = self->objects_.begin(); it != self->objects_.end();) it = it->first.rfind(prefix, 0) == 0 ? self->objects_.erase(it) : std::next(it);
    }
    auto listeners = self->listeners_;
    for (auto &l : listeners)
      if (l.removed) l.removed(path, names);
  } else if (name == "PropertiesChanged" && g_variant_is_of_type(parameters, G_VARIANT_TYPE("(sa{sv}as)"))) {
    const gchar *interface;
    GVariant *changed;
    GVariant *invalidated;
    g_variant_get(parameters, "(&s@a{sv}@as)", &interface, &changed, &invalidated);
    auto found = self->objects_.find(objectPath);
    Props delta;
    GVariantIter iter;
    g_variant_iter_init(&iter, changed);
    const gchar *key;
    GVariant *value;
    while (g_variant_iter_next(&iter, "{&sv}", &key, &value)) {
      delta[key] = Variant(value);
    }
    g_variant_unref(changed);
    g_variant_unref(invalidated);
    if (found == self->objects_.end() || !found->second.count(interface)) return;
    for (auto &[k, v] : delta) found->second[interface][k] = v;
    auto listeners = self->listeners_;
    for (auto &l : listeners)
      if (l.changed) l.changed(objectPath, interface, delta);
  }
}

void ObjectCache::forgetAll() {
  // BlueZ left the bus (stopped or crashed) without saying what it removed: everything is gone, and the next
  // call loads the tree again (or finds no BlueZ).
  auto objects = std::move(objects_);
  objects_.clear();
  loaded_ = false;
  auto listeners = listeners_;
  for (const auto &[path, interfaces] : objects) {
    std::vector<std::string> names;
    for (const auto &[interface, props] : interfaces) names.push_back(interface);
    if (!interfaces.count(kAdapter)) continue;  // an adapter's removal covers everything below it
    for (auto &l : listeners)
      if (l.removed) l.removed(path, names);
  }
}

const ObjectCache::Props *ObjectCache::props(const std::string &path, const char *interface) const {
  auto found = objects_.find(path);
  if (found == objects_.end()) return nullptr;
  auto inner = found->second.find(interface);
  return inner == found->second.end() ? nullptr : &inner->second;
}

Variant ObjectCache::prop(const std::string &path, const char *interface, const char *name) const {
  const Props *p = props(path, interface);
  if (!p) return Variant();
  auto found = p->find(name);
  return found == p->end() ? Variant() : found->second;
}

std::string ObjectCache::defaultAdapter() const {
  for (const auto &[path, interfaces] : objects_)
    if (interfaces.count(kAdapter)) return path;
  return "";
}

std::string ObjectCache::deviceByAddress(const std::string &adapter, const std::string &address) const {
  for (const auto &path : below(adapter, kDevice))
    if (g_ascii_strcasecmp(asString(prop(path, kDevice, "Address")).c_str(), address.c_str()) == 0) return path;
  return "";
}

std::vector<std::string> ObjectCache::below(const std::string &prefix, const char *interface) const {
  std::vector<std::string> out;
  std::string start = prefix + "/";
  for (auto it = objects_.lower_bound(start); it != objects_.end() && it->first.rfind(start, 0) == 0; ++it)
    if (it->second.count(interface)) out.push_back(it->first);
  return out;
}

std::string ObjectCache::deviceOf(const std::string &path) const {
  for (std::string p = path; !p.empty() && p != "/"; p = p.substr(0, p.rfind('/')))
    if (has(p, kDevice)) return p;
  return "";
}

std::string ObjectCache::serviceOf(const std::string &characteristicPath) const {
  return asString(prop(characteristicPath, kGattCharacteristic, "Service"));
}

std::string ObjectCache::characteristic(const std::string &device, const std::string &serviceId, const std::string &characteristicId) const {
  for (const auto &service : below(device, kGattService)) {
    if (!sameUuid(asString(prop(service, kGattService, "UUID")), serviceId)) continue;
    for (const auto &c : below(service, kGattCharacteristic))
      if (sameUuid(asString(prop(c, kGattCharacteristic, "UUID")), characteristicId)) return c;
  }
  return "";
}

}  // namespace host::bluez
