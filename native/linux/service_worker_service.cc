#include "linux/service_worker_service.hh"

#include "linux/app.hh"
#include "linux/service_workers.hh"

namespace host {

using namespace api::service_worker;

bool ServiceWorkerServiceImpl::fromContainer(const char *route, ipc::Reply &reply) const {
  if (app_.serviceWorkers().isContainer(window_)) return true;
  app_.logRefusal(std::string("service_worker.") + route, app_.origin(), "only the service worker container window may call it");
  reply.error(ipc::Error::notAllowed(std::string("service_worker.") + route + " is accepted only from the runtime's service worker container"));
  return false;
}

void ServiceWorkerServiceImpl::register_(const ipc::Context &, RegisterArgs args, ipc::Reply reply) {
  if (app_.serviceWorkers().isContainer(window_))
    return (void)reply.error(ipc::Error::notAllowed("a service worker cannot register another one"));
  ServiceWorkers::Info info;
  ipc::Error error;
  if (!app_.serviceWorkers().registerWorker(args.scriptURL, args.scope, args.type, args.scheme, info, error)) return (void)reply.error(error);
  resolveRegister(reply, info);
}

void ServiceWorkerServiceImpl::unregister(const ipc::Context &, UnregisterArgs args, ipc::Reply reply) {
  ipc::Error error;
  bool found = false;
  if (!app_.serviceWorkers().unregister(args.scope, error, found)) return (void)reply.error(error);
  resolveUnregister(reply, found);
}

void ServiceWorkerServiceImpl::getRegistrations(const ipc::Context &, GetRegistrationsArgs, ipc::Reply reply) {
  resolveGetRegistrations(reply, app_.serviceWorkers().registrations());
}

void ServiceWorkerServiceImpl::postMessage(const ipc::Context &, PostMessageArgs args, ipc::Reply reply) {
  ipc::Error error;
  if (!app_.serviceWorkers().postMessage(args.id, args.data, error)) return (void)reply.error(error);
  resolvePostMessage(reply);
}

void ServiceWorkerServiceImpl::attach(const ipc::Context &, AttachArgs, ipc::Reply reply) {
  if (!fromContainer("attach", reply)) return;
  resolveAttach(reply, app_.serviceWorkers().attach());
}

void ServiceWorkerServiceImpl::updateState(const ipc::Context &, UpdateStateArgs args, ipc::Reply reply) {
  if (!fromContainer("updateState", reply)) return;
  ipc::Error error;
  if (!app_.serviceWorkers().updateState(args.id, args.state, args.error, error)) return (void)reply.error(error);
  resolveUpdateState(reply);
}

void ServiceWorkerServiceImpl::respond(const ipc::Context &, RespondArgs args, ipc::Reply reply) {
  if (!fromContainer("respond", reply)) return;
  ipc::Error error;
  if (!app_.serviceWorkers().respond(args, error)) return (void)reply.error(error);
  resolveRespond(reply);
}

}  // namespace host
