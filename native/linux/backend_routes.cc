#include "linux/backend_routes.hh"

#include "ipc/ipc.hh"
#include "linux/app.hh"
#include "linux/backend.hh"

namespace host {

void registerBackendRoutes(ipc::Router &router, App &app) {
  router.map("process.open", [&app](const ipc::Message &message, const ipc::Context &, ipc::Reply reply) {
    bool force = false;
    ipc::Error error;
    if (const auto *value = message.param("force"); value && !ipc::fromText(*value, "force", force, error))
      return (void)reply.error(error);
    std::string why;
    if (!app.backend().configured()) return (void)reply.error(ipc::Error::notFound(
      "this app has no backend: set [linux] cmd in socket.ini"));
    if (!app.backend().open(force, why)) return (void)reply.error(ipc::Error::internal(why));
    reply.data(app.backend().describe());
  });
  router.map("process.kill", [&app](const ipc::Message &, const ipc::Context &, ipc::Reply reply) {
    app.backend().kill();
    reply.ok();
  });
  router.map("process.write", [&app](const ipc::Message &message, const ipc::Context &context, ipc::Reply reply) {
    const std::string *event = message.param("event");
    if (!event || event->empty()) return (void)reply.error(ipc::missingArgument("event"));
    std::string text;
    ipc::Error error;
    if (!ipc::fromText(*event, "event", text, error)) return (void)reply.error(error);
    const std::string *value = message.param("value");
    if (value && !ipc::fromText(*value, "value", text, error)) return (void)reply.error(error);
    // The backend receives the request as a URI line, re-encoded from the validated values.
    std::string line = "ipc://process.write?index=" + std::to_string(context.index) + "&event=" +
                       ipc::percentEncode(*event) + "&value=" + ipc::percentEncode(value ? *value : "null");
    if (!message.seq.empty()) line += "&seq=" + ipc::percentEncode(message.seq);
    std::string why;
    if (!app.backend().write(line, why)) return (void)reply.error(ipc::Error::notFound(why));
    reply.ok();
  });
}

}  // namespace host
