#include "linux/bluez/bus.hh"

#include <cstdlib>

namespace host::bluez {

namespace {
struct Call {
  std::weak_ptr<void> alive;
  Bus::Done done;
};

struct Opening {
  std::weak_ptr<void> alive;
  Bus *bus;
  std::function<void(GDBusConnection *, GError *)> done;
};
}  // namespace

Bus::Bus(std::weak_ptr<void> alive) : alive_(std::move(alive)) {
  const char *configured = std::getenv("SOCKET_BLUETOOTH_TIMEOUT_MS");
  long value = configured ? std::strtol(configured, nullptr, 10) : 0;
  timeoutMs_ = value > 0 && value < 600000 ? static_cast<int>(value) : 10000;
}

Bus::~Bus() {
  if (connection_) g_object_unref(connection_);
}

void Bus::open(Ready ready) {
  if (connection_) return ready(nullptr);
  waiting_.push_back(std::move(ready));
  if (opening_) return;
  opening_ = true;
  auto *opening = new Opening{alive_, this, nullptr};
  opening->done = [this](GDBusConnection *connection, GError *error) {
    opening_ = false;
    connection_ = connection;
    ipc::Error failure;
    if (!connection) failure = ipc::Error::notSupported(std::string("bluetooth: no D-Bus system bus to reach BlueZ (") + (error ? error->message : "unknown") + ")");
    auto waiting = std::move(waiting_);
    waiting_.clear();
    for (auto &w : waiting) w(connection ? nullptr : &failure);
  };
  g_bus_get(G_BUS_TYPE_SYSTEM, nullptr, [](GObject *, GAsyncResult *result, gpointer data) {
    auto *opening = static_cast<Opening *>(data);
    GError *error = nullptr;
    GDBusConnection *connection = g_bus_get_finish(result, &error);
    if (opening->alive.lock()) {
      // A shared bus connection must not take the app down when the daemon goes.
      if (connection) g_dbus_connection_set_exit_on_close(connection, FALSE);
      opening->done(connection, error);
    } else if (connection) {
      g_object_unref(connection);
    }
    if (error) g_error_free(error);
    delete opening;
  }, opening);
}

void Bus::call(const std::string &path, const char *interface, const char *method, GVariant *params, Done done) {
  callOn("org.bluez", path, interface, method, params, std::move(done));
}

void Bus::callOn(const char *destination, const std::string &path, const char *interface, const char *method, GVariant *params, Done done) {
  if (!connection_) {
    if (params) g_variant_unref(g_variant_ref_sink(params));
    GError *error = g_error_new(G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "not connected to the system bus");
    done(nullptr, error);
    g_error_free(error);
    return;
  }
  auto *call = new Call{alive_, std::move(done)};
  g_dbus_connection_call(connection_, destination, path.c_str(), interface, method, params, nullptr, G_DBUS_CALL_FLAGS_NONE,
                         timeoutMs_, nullptr, [](GObject *source, GAsyncResult *result, gpointer data) {
                           auto *call = static_cast<Call *>(data);
                           GError *error = nullptr;
                           GVariant *reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &error);
                           if (call->alive.lock()) call->done(reply, error);
                           if (reply) g_variant_unref(reply);
                           if (error) g_error_free(error);
                           delete call;
                         }, call);
}

}  // namespace host::bluez
