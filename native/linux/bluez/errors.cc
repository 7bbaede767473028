#include "linux/bluez/errors.hh"

#include <gio/gio.h>

#include <map>

namespace host::bluez {

namespace {
ipc::Error typed(const char *type, std::string message, std::string code) {
  ipc::Error error{type, std::move(message), std::move(code), {}, "", ""};
  return error;
}
}  // namespace

ipc::Error noAdapter(const std::string &why) { return typed("NotFoundError", "no Bluetooth adapter: " + why, "ERR_BLUETOOTH_NO_ADAPTER"); }

ipc::Error poweredOff() { return typed("InvalidStateError", "the Bluetooth adapter is powered off", "ERR_BLUETOOTH_POWERED_OFF"); }

ipc::Error deviceGone(const std::string &deviceId) {
  return typed("NotFoundError", "the Bluetooth device " + deviceId + " went away", "ERR_BLUETOOTH_DEVICE_GONE");
}

ipc::Error notFoundOnDevice(const std::string &what) { return typed("NotFoundError", what, "ERR_BLUETOOTH_NOT_FOUND"); }

ipc::Error notStarted(const std::string &serviceId) {
  return typed("InvalidStateError", "bluetooth.start(\"" + serviceId + "\") has not been called", "ERR_BLUETOOTH_NOT_STARTED");
}

ipc::Error fromDBus(const GError *error, const std::string &method) {
  if (!error) return ipc::Error::internal(method + " failed");
  // The bus answers NoReply for us when BlueZ leaves it (stops or crashes) with our call unanswered.
  if (g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY) && std::string(error->message).find("disconnected") != std::string::npos)
    return noAdapter("BlueZ left the bus during " + method);
  if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) || g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT) ||
      g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY))
    return typed("TimeoutError", method + ": BlueZ did not answer in time", "ERR_BLUETOOTH_TIMEOUT");
  gchar *remote = g_dbus_error_get_remote_error(error);
  std::string name = remote ? remote : "";
  g_free(remote);
  GError *copy = g_error_copy(error);
  g_dbus_error_strip_remote_error(copy);
  std::string message = method + ": " + copy->message;
  g_error_free(copy);
  if (name == "org.freedesktop.DBus.Error.ServiceUnknown" || name == "org.freedesktop.DBus.Error.NameHasNoOwner")
    return noAdapter("BlueZ (org.bluez) is not running on the system bus");
  // BlueZ without LE (or without the experimental GATT server) lacks the manager interfaces.
  if (name == "org.freedesktop.DBus.Error.UnknownMethod" || name == "org.freedesktop.DBus.Error.UnknownInterface")
    return typed("NotSupportedError", message + " (this BlueZ or adapter does not offer it)", name);
  if (name == "org.freedesktop.DBus.Error.UnknownObject") return typed("NotFoundError", message, "ERR_BLUETOOTH_DEVICE_GONE");
  static const std::map<std::string, const char *> types = {
      {"org.bluez.Error.NotPermitted", "NotAllowedError"},    {"org.bluez.Error.NotAuthorized", "NotAllowedError"},
      {"org.bluez.Error.NotSupported", "NotSupportedError"},  {"org.bluez.Error.InProgress", "InvalidStateError"},
      {"org.bluez.Error.NotConnected", "InvalidStateError"},  {"org.bluez.Error.NotReady", "InvalidStateError"},
      {"org.bluez.Error.InvalidValueLength", "RangeError"},   {"org.bluez.Error.InvalidOffset", "RangeError"},
      {"org.bluez.Error.InvalidArguments", "TypeError"},      {"org.bluez.Error.DoesNotExist", "NotFoundError"},
      {"org.bluez.Error.AlreadyExists", "InvalidStateError"}, {"org.freedesktop.DBus.Error.AccessDenied", "NotAllowedError"},
  };
  auto found = types.find(name);
  return typed(found != types.end() ? found->second : "OperationError", message, name.empty() ? "ERR_BLUETOOTH_DBUS" : name);
}

}  // namespace host::bluez
