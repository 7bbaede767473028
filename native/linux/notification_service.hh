// notification: the generated NotificationService over org.freedesktop.Notifications on the session bus
// (GDBus, asynchronous: the window never waits for the notification server).
#pragma once
#include <gio/gio.h>

#include <map>
#include <string>

#include "generated/cpp/notification.hh"

namespace host {

class App;

class NotificationServiceImpl : public api::notification::NotificationService {
 public:
  explicit NotificationServiceImpl(App &app) : app_(app) {}
  void show(const ipc::Context &, api::notification::ShowArgs, ipc::Reply) override;
  void close(const ipc::Context &, api::notification::CloseArgs, ipc::Reply) override;
  void server(const ipc::Context &, api::notification::ServerArgs, ipc::Reply) override;

 private:
  bool allowed(ipc::Reply &reply) const;
  App &app_;
  // tag -> the id its last notification got, so a new one with the same tag replaces it.
  std::shared_ptr<std::map<std::string, uint32_t>> tags_ = std::make_shared<std::map<std::string, uint32_t>>();
};

}  // namespace host
