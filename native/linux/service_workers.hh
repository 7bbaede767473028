// Service workers run by the runtime (WebKitGTK refuses its own on socket:): the app's registrations, the
// hidden container window whose page runs each worker in a Web Worker, and the requests of the app's frames
// that the socket:// handler forwards to a worker while they wait for its answer. One per app; main thread only.
#pragma once
#include <webkit2/webkit2.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "generated/cpp/service_worker.hh"

namespace host {

class App;
class Window;

class ServiceWorkers {
 public:
  using Info = api::service_worker::ServiceWorkerRegistrationInfo;
  // The container page's path; served only to the container window.
  static constexpr const char *kContainerPath = "/socket/service-worker/container.html";

  explicit ServiceWorkers(App &app);
  ~ServiceWorkers();

  // The app's windows.
  bool registerWorker(const std::string &scriptURL, const std::string &scope, const std::string &type,
                      const std::string &scheme, Info &out, ipc::Error &error);
  bool unregister(const std::string &scope, ipc::Error &error, bool &found);
  std::vector<Info> registrations() const;
  bool postMessage(uint32_t id, const std::string &data, ipc::Error &error);

  // The container window (the caller checks isContainer first).
  bool isContainer(const Window &window) const { return container_ && container_.get() == &window; }
  Window *container() const { return container_.get(); }
  std::vector<Info> attach();
  bool updateState(uint32_t id, const std::string &state, const std::string &why, ipc::Error &error);
  bool respond(const api::service_worker::RespondArgs &args, ipc::Error &error);

  // The socket:// handler: true when the request was taken (the container page and its workers' bootstrap,
  // served to the container window only, or a request forwarded to a worker).
  bool serveContainerPage(WebKitURISchemeRequest *request, const std::string &path);
  bool intercept(WebKitURISchemeRequest *request, const std::string &path);
  // A protocol handler's scheme: true when a worker is registered for it (it answers once activated).
  bool interceptScheme(WebKitURISchemeRequest *request, const std::string &scheme);

 private:
  struct Registration {
    Info info;
    std::string scopePath;   // /sw/
  };
  struct Pending {
    WebKitURISchemeRequest *request = nullptr;  // a reference we hold
    std::string path;          // "" for a protocol handler's request (no file to fall back to)
    std::string origin;        // the app's origin when the request carried it (CORS for protocol handlers)
    uint32_t registration = 0;
    guint timer = 0;
    bool sent = false;         // forwarded to the worker (a protocol handler's request waits for activation)
  };

  void registerConfigured();
  bool fromAppFrame(WebKitURISchemeRequest *request) const;
  uint32_t hold(WebKitURISchemeRequest *request, const std::string &path, uint32_t registration);
  void send(uint32_t fetchId, std::vector<uint8_t> body);
  void ensureContainer();
  void broadcastState(const Info &info);
  void finishPending(uint32_t fetchId, int status, const std::string &text, bool fallback);
  static gboolean onTimeout(gpointer data);

  App &app_;
  std::unique_ptr<Window> container_;
  bool attached_ = false;
  std::vector<Registration> registrations_;
  std::map<uint32_t, Pending> pending_;
  std::map<uint32_t, std::vector<uint8_t>> unsentBodies_;  // protocol handler requests waiting for activation
  uint32_t nextId_ = 1;
  uint32_t nextFetch_ = 1;
  unsigned timeoutMs_;
};

}  // namespace host
