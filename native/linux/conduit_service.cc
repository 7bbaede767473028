#include "linux/conduit_service.hh"

#include "linux/app.hh"
#include "linux/conduit_server.hh"
#include "linux/worker_pool.hh"

namespace host {

using namespace api::conduit;

namespace {
ConduitStatus describe(const ipc::Context &context) {
  auto &server = ConduitServer::instance();
  return {server.active(), static_cast<uint16_t>(server.port()), "127.0.0.1", server.active() ? server.keyFor(context.index) : ""};
}
}  // namespace

void ConduitServiceImpl::start(const ipc::Context &context, StartArgs, ipc::Reply reply) {
  // The server lives on the main loop; start it there.
  runOnMainThread([this, context, reply]() mutable {
    std::string error;
    if (!ConduitServer::instance().start(app_, error)) return void(reply.error(ipc::Error::notSupported(error)));
    resolveStart(reply, describe(context));
  });
}

void ConduitServiceImpl::status(const ipc::Context &context, StatusArgs, ipc::Reply reply) {
  runOnMainThread([context, reply]() mutable { resolveStatus(reply, describe(context)); });
}

}  // namespace host
