// The native extensions loaded in this run (process-wide: one app per host). Each is a shared object `ssc build`
// compiled from `[build.extensions]` sources; the registry dlopens it, checks its registration, runs its
// initializer (which maps its routes through the sapi table) and calls those routes for `extension.call`.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ipc/ipc.hh"
#include "socket/extension.h"

namespace host {

class App;

struct LoadedExtension {
  struct Route {
    sapi_ipc_router_message_callback_t callback = nullptr;
    const void *data = nullptr;
  };
  std::string name, description, version;
  void *handle = nullptr;  // dlopen's; dlclose'd when the last call holding it ends
  const sapi_extension_registration_t *registration = nullptr;
  std::map<std::string, Route> routes;
  sapi_context_t context{};
  LoadedExtension() = default;
  LoadedExtension(const LoadedExtension &) = delete;
  LoadedExtension &operator=(const LoadedExtension &) = delete;
  ~LoadedExtension();
};

class ExtensionRegistry {
 public:
  static ExtensionRegistry &instance();

  // Loads `name` (or finds it loaded). nullptr with `error` set: a bad name, not listed in socket.ini, not
  // built, writable by the page, not an extension, another ABI, or its initializer failed.
  std::shared_ptr<LoadedExtension> load(App &app, const std::string &name, ipc::Error &error);
  bool unload(const std::string &name);
  std::shared_ptr<LoadedExtension> find(const std::string &name);
  std::vector<std::string> names();
  // The shared object `name` would load from, or "" for a name that is not listed / malformed.
  static std::string libraryPath(App &app, const std::string &name);
  // Runs the route's callback; the extension answers `reply` through its result (now or later, any thread).
  static void call(std::shared_ptr<LoadedExtension> extension, const std::string &route,
                   std::map<std::string, std::string> params, ipc::Reply reply);

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<LoadedExtension>> loaded_;
};

}  // namespace host
