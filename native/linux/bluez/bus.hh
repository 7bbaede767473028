// The D-Bus connection to BlueZ: the system bus (DBUS_SYSTEM_BUS_ADDRESS, when set, names another one, as
// the tests do), and method calls on org.bluez that always end: each has a timeout (10 s, or
// SOCKET_BLUETOOTH_TIMEOUT_MS). Callbacks run on the GTK main loop and are dropped once the owner is gone.
#pragma once
#include <gio/gio.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ipc/error.hh"

namespace host::bluez {

class Bus {
 public:
  // `result` is the reply (owned by the caller of the callback, not to be unreffed) or null with `error`.
  using Done = std::function<void(GVariant *result, const GError *error)>;
  using Ready = std::function<void(const ipc::Error *error)>;

  explicit Bus(std::weak_ptr<void> alive);
  ~Bus();
  Bus(const Bus &) = delete;
  Bus &operator=(const Bus &) = delete;

  // Connects once; `ready` runs with null, or the error (no bus at all: NotSupportedError).
  void open(Ready ready);
  GDBusConnection *connection() const { return connection_; }
  // Calls `method` of `interface` on BlueZ's object `path`; `params` is floating (consumed) or null.
  void call(const std::string &path, const char *interface, const char *method, GVariant *params, Done done);
  // The same on any destination (e.g. the bus itself).
  void callOn(const char *destination, const std::string &path, const char *interface, const char *method, GVariant *params, Done done);
  int timeoutMs() const { return timeoutMs_; }
  const std::weak_ptr<void> &alive() const { return alive_; }

 private:
  std::weak_ptr<void> alive_;
  GDBusConnection *connection_ = nullptr;
  bool opening_ = false;
  std::vector<Ready> waiting_;
  int timeoutMs_;
};

}  // namespace host::bluez
