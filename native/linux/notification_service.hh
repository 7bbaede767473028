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
  ~NotificationServiceImpl() override;
  void show(const ipc::Context &, api::notification::ShowArgs, ipc::Reply) override;
  void close(const ipc::Context &, api::notification::CloseArgs, ipc::Reply) override;
  void server(const ipc::Context &, api::notification::ServerArgs, ipc::Reply) override;

 private:
  // Subscribes (once) to ActionInvoked and NotificationClosed, which become `notificationresponse` events.
  void listen(GDBusConnection *bus);
  static void onSignal(GDBusConnection *, const char *, const char *, const char *, const char *signal,
                       GVariant *parameters, gpointer self);
  App &app_;
  GDBusConnection *bus_ = nullptr;
  guint subscriptions_[2] = {0, 0};
  // Notification id -> the events of the window that showed it (until the server closes it).
  std::shared_ptr<std::map<uint32_t, std::shared_ptr<ipc::EventSink>>> shown_ =
      std::make_shared<std::map<uint32_t, std::shared_ptr<ipc::EventSink>>>();
  // tag -> the id its last notification got, so a new one with the same tag replaces it.
  std::shared_ptr<std::map<std::string, uint32_t>> tags_ = std::make_shared<std::map<std::string, uint32_t>>();
};

}  // namespace host
