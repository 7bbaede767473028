// service_worker: the generated ServiceWorkerService for one window. Registering, unregistering and messaging
// are for the app's windows; attach, updateState and respond only for the hidden container window (checked by
// window identity, so no other page, not even one of the app's own, can answer another page's requests).
#pragma once
#include "generated/cpp/service_worker.hh"

namespace host {

class App;
class Window;

class ServiceWorkerServiceImpl : public api::service_worker::ServiceWorkerService {
 public:
  ServiceWorkerServiceImpl(App &app, Window &window) : app_(app), window_(window) {}
  void register_(const ipc::Context &, api::service_worker::RegisterArgs, ipc::Reply) override;
  void unregister(const ipc::Context &, api::service_worker::UnregisterArgs, ipc::Reply) override;
  void getRegistrations(const ipc::Context &, api::service_worker::GetRegistrationsArgs, ipc::Reply) override;
  void postMessage(const ipc::Context &, api::service_worker::PostMessageArgs, ipc::Reply) override;
  void attach(const ipc::Context &, api::service_worker::AttachArgs, ipc::Reply) override;
  void updateState(const ipc::Context &, api::service_worker::UpdateStateArgs, ipc::Reply) override;
  void respond(const ipc::Context &, api::service_worker::RespondArgs, ipc::Reply) override;

 private:
  bool fromContainer(const char *route, ipc::Reply &reply) const;

  App &app_;
  Window &window_;
};

}  // namespace host
