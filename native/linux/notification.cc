#include <memory>

#include "linux/app.hh"
#include "linux/notification_service.hh"

namespace host {

using namespace api::notification;

namespace {
constexpr const char *kName = "org.freedesktop.Notifications";
constexpr const char *kPath = "/org/freedesktop/Notifications";

// One D-Bus call in flight: the reply and what to do with the result.
struct Call {
  ipc::Reply reply;
  std::function<void(GVariant *, ipc::Reply &)> done;
};

ipc::Error busError(GError *error) {
  std::string message = error ? error->message : "unknown D-Bus error";
  bool absent = error && (g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
                          g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER));
  if (absent) return ipc::Error::notSupported("no notification server on the session bus (" + message + ")");
  return ipc::Error::internal("org.freedesktop.Notifications: " + message);
}

void onReply(GObject *source, GAsyncResult *result, gpointer data) {
  std::unique_ptr<Call> call(static_cast<Call *>(data));
  GError *error = nullptr;
  GVariant *value = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &error);
  if (!value) {
    call->reply.error(busError(error));
    g_clear_error(&error);
    return;
  }
  call->done(value, call->reply);
  g_variant_unref(value);
}

// Calls `method` on the notification server; `done` turns its answer into the reply.
void callServer(const char *method, GVariant *parameters, const GVariantType *replyType, ipc::Reply reply,
                std::function<void(GVariant *, ipc::Reply &)> done) {
  GError *error = nullptr;
  GDBusConnection *bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
  if (!bus) {
    if (parameters) g_variant_unref(g_variant_ref_sink(parameters));
    reply.error(ipc::Error::notSupported(std::string("no D-Bus session bus (") + (error ? error->message : "?") + ")"));
    g_clear_error(&error);
    return;
  }
  auto *call = new Call{std::move(reply), std::move(done)};
  g_dbus_connection_call(bus, kName, kPath, kName, method, parameters, replyType, G_DBUS_CALL_FLAGS_NONE, 10000,
                         nullptr, onReply, call);
  g_object_unref(bus);
}
}  // namespace

NotificationServiceImpl::~NotificationServiceImpl() {
  if (!bus_) return;
  for (guint id : subscriptions_)
    if (id) g_dbus_connection_signal_unsubscribe(bus_, id);
  g_object_unref(bus_);
}

void NotificationServiceImpl::listen(GDBusConnection *bus) {
  if (bus_) return;
  bus_ = G_DBUS_CONNECTION(g_object_ref(bus));
  // Any sender: the server's unique name is not known in advance; the ids this window showed filter.
  subscriptions_[0] = g_dbus_connection_signal_subscribe(bus_, nullptr, kName, "ActionInvoked", kPath, nullptr,
                                                         G_DBUS_SIGNAL_FLAGS_NONE, onSignal, this, nullptr);
  subscriptions_[1] = g_dbus_connection_signal_subscribe(bus_, nullptr, kName, "NotificationClosed", kPath, nullptr,
                                                         G_DBUS_SIGNAL_FLAGS_NONE, onSignal, this, nullptr);
}

void NotificationServiceImpl::onSignal(GDBusConnection *, const char *, const char *, const char *, const char *signal,
                                       GVariant *parameters, gpointer data) {
  auto *self = static_cast<NotificationServiceImpl *>(data);
  NotificationResponse response;
  if (std::string(signal) == "ActionInvoked" && g_variant_is_of_type(parameters, G_VARIANT_TYPE("(us)"))) {
    const char *action = "";
    g_variant_get(parameters, "(u&s)", &response.id, &action);
    response.action = action;
  } else if (std::string(signal) == "NotificationClosed" && g_variant_is_of_type(parameters, G_VARIANT_TYPE("(uu)"))) {
    g_variant_get(parameters, "(uu)", &response.id, &response.reason);
  } else {
    return;
  }
  auto found = self->shown_->find(response.id);
  if (found == self->shown_->end()) return;
  auto events = found->second;
  if (response.action.empty()) self->shown_->erase(found);
  if (events) emitResponse(*events, response);
}

void NotificationServiceImpl::show(const ipc::Context &context, ShowArgs args, ipc::Reply reply) {
  if (GDBusConnection *bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, nullptr)) {
    listen(bus);
    g_object_unref(bus);
  }
  if (args.title.empty()) return (void)reply.error(ipc::Error::typeError("a notification needs a title"));
  uint32_t replaces = 0;
  if (!args.tag.empty()) {
    auto found = tags_->find(args.tag);
    if (found != tags_->end()) replaces = found->second;
  }
  GVariantBuilder hints;
  g_variant_builder_init(&hints, G_VARIANT_TYPE("a{sv}"));
  if (args.silent) g_variant_builder_add(&hints, "{sv}", "suppress-sound", g_variant_new_boolean(TRUE));
  const std::string appName = app_.config().get("meta_title", app_.config().get("build_name", "socket"));
  // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
  GVariant *parameters = g_variant_new("(susss@as@a{sv}i)", appName.c_str(), replaces, args.icon.c_str(),
                                       args.title.c_str(), args.body.c_str(), g_variant_new_strv(nullptr, 0),
                                       g_variant_builder_end(&hints), -1);
  auto tags = tags_;
  auto shown = shown_;
  auto events = context.events;
  std::string tag = args.tag;
  callServer("Notify", parameters, G_VARIANT_TYPE("(u)"), std::move(reply), [tags, tag, shown, events](GVariant *value, ipc::Reply &r) {
    uint32_t id = 0;
    g_variant_get(value, "(u)", &id);
    if (!tag.empty()) (*tags)[tag] = id;
    (*shown)[id] = events;
    resolveShow(r, id);
  });
}

void NotificationServiceImpl::close(const ipc::Context &, CloseArgs args, ipc::Reply reply) {
  callServer("CloseNotification", g_variant_new("(u)", args.id), nullptr, std::move(reply),
             [](GVariant *, ipc::Reply &r) { resolveClose(r); });
}

void NotificationServiceImpl::server(const ipc::Context &, ServerArgs, ipc::Reply reply) {
  callServer("GetServerInformation", nullptr, G_VARIANT_TYPE("(ssss)"), std::move(reply), [](GVariant *value, ipc::Reply &r) {
    const char *name = "", *vendor = "", *version = "", *spec = "";
    g_variant_get(value, "(&s&s&s&s)", &name, &vendor, &version, &spec);
    resolveServer(r, NotificationServer{name, vendor, version, spec});
  });
}

}  // namespace host
