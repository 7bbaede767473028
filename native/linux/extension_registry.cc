#include "linux/extension_registry.hh"

#include <dlfcn.h>
#include <glib.h>
#include <sys/stat.h>

#include <cstdio>
#include <optional>

#include "linux/app.hh"
#include "linux/config.hh"
#include "linux/permissions.hh"

namespace host {

namespace {

// Letters, digits, '_' and '-' (no std::regex: it added 79 KB to the stripped host).
bool nameCharacter(char c) { return g_ascii_isalnum(c) || c == '_' || c == '-'; }

bool validName(const std::string &name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) if (!nameCharacter(c)) return false;
  return true;
}

// Dot-separated names: "ping.echo".
bool validRoute(const std::string &route) {
  if (route.empty() || route.size() > 128 || route.front() == '.' || route.back() == '.') return false;
  for (size_t i = 0; i < route.size(); i++) {
    if (route[i] == '.' ? route[i + 1] == '.' : !nameCharacter(route[i])) return false;
  }
  return true;
}

// One call in progress: what sapi_ipc_message_* read. Lives while the route's callback runs.
struct CallState {
  sapi_ipc_message_t message{};
  std::string route;
  std::map<std::string, std::string> params;
  const void *data = nullptr;
  std::shared_ptr<LoadedExtension> extension;
  ipc::Reply reply;
  bool resultCreated = false;
};

// One answer: created by sapi_ipc_result_create, freed by sapi_ipc_reply.
struct ResultState {
  sapi_ipc_result_t result{};
  ipc::Reply reply;
  std::shared_ptr<LoadedExtension> extension;  // keeps the code that will reply loaded
  std::optional<ipc::Json> json;
  std::string error;
  bool invalidJson = false;
};

// While an initializer runs, router_map adds to the extension being loaded.
bool routerMap(sapi_context_t *context, const char *route, sapi_ipc_router_message_callback_t callback,
               const void *data) {
  if (context == nullptr || route == nullptr || callback == nullptr) return false;
  auto *extension = static_cast<LoadedExtension *>(context->host);
  if (!validRoute(route) || extension->routes.count(route) != 0) return false;
  extension->routes[route] = {callback, data};
  return true;
}

const char *messageGet(const sapi_ipc_message_t *message, const char *key) {
  if (message == nullptr || key == nullptr) return nullptr;
  auto *call = static_cast<const CallState *>(message->host);
  auto found = call->params.find(key);
  return found == call->params.end() ? nullptr : found->second.c_str();
}

const char *messageGetName(const sapi_ipc_message_t *message) {
  return message == nullptr ? nullptr : static_cast<const CallState *>(message->host)->route.c_str();
}

const void *messageGetData(const sapi_ipc_message_t *message) {
  return message == nullptr ? nullptr : static_cast<const CallState *>(message->host)->data;
}

const sapi_host_api kApi = {
    SOCKET_RUNTIME_EXTENSION_ABI,
    routerMap,
    messageGet,
    messageGetName,
    messageGetData,
    [](sapi_context_t *, sapi_ipc_message_t *message) -> sapi_ipc_result_t * {
      if (message == nullptr) return nullptr;
      auto *call = static_cast<CallState *>(message->host);
      call->resultCreated = true;
      auto *state = new ResultState{{}, call->reply, call->extension, std::nullopt, "", false};
      state->result = {&kApi, state};
      return &state->result;
    },
    [](sapi_ipc_result_t *result, const char *json) -> bool {
      if (result == nullptr) return false;
      auto *state = static_cast<ResultState *>(result->host);
      state->json = json == nullptr ? std::nullopt : ipc::Json::parse(json);
      state->invalidJson = !state->json.has_value();
      return !state->invalidJson;
    },
    [](sapi_ipc_result_t *result, const char *message) {
      if (result != nullptr) static_cast<ResultState *>(result->host)->error = message == nullptr ? "error" : message;
    },
    [](sapi_ipc_result_t *result) -> bool {
      if (result == nullptr) return false;
      std::unique_ptr<ResultState> state(static_cast<ResultState *>(result->host));
      const std::string source = state->extension->name;
      // The caller is still running the extension's code: the last reference to an unloaded extension (its
      // dlclose) is dropped on a later main-loop turn, never under the replying thread's feet.
      App::later([keep = std::move(state->extension)]() {});
      if (!state->error.empty()) return state->reply.error(ipc::Error{"ExtensionError", source + ": " + state->error, "", {}, "", ""});
      if (state->invalidJson) return state->reply.error(ipc::Error::internal(source + ": the extension replied with invalid JSON"));
      return state->reply.data(state->json.value_or(ipc::Json()));
    },
    [](sapi_context_t *context, const char *message) {
      auto *extension = context == nullptr ? nullptr : static_cast<LoadedExtension *>(context->host);
      std::fprintf(stderr, "extension %s: %s\n", extension == nullptr ? "?" : extension->name.c_str(), message == nullptr ? "" : message);
    },
};

}  // namespace

LoadedExtension::~LoadedExtension() {
  if (handle != nullptr) dlclose(handle);
}

ExtensionRegistry &ExtensionRegistry::instance() {
  static ExtensionRegistry registry;
  return registry;
}

std::string ExtensionRegistry::libraryPath(App &app, const std::string &name) {
  if (!validName(name)) return "";
  const Config &config = app.config();
  if (config.get("build_extensions_" + name).empty() && config.get("build_extensions_linux_" + name).empty()) return "";
  return app.options().resources + "/socket/extensions/" + name + "/lib" + name + ".so";
}

std::shared_ptr<LoadedExtension> ExtensionRegistry::load(App &app, const std::string &name, ipc::Error &error) {
  if (!validName(name)) {
    error = ipc::Error::typeError("extension name must be 1-64 letters, digits, '_' or '-'");
    return nullptr;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto found = loaded_.find(name); found != loaded_.end()) return found->second;
  std::string path = libraryPath(app, name);
  if (path.empty()) {
    error = ipc::Error::notFound("extension '" + name + "' is not listed in socket.ini [build.extensions]");
    return nullptr;
  }
  struct stat info {};
  if (stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    error = ipc::Error::notFound("extension '" + name + "' is not built (no " + path + "; ssc build compiles it)");
    return nullptr;
  }
  // Code a page could write is code a page could run: refuse a library inside a folder the page may write
  // ([filesystem] allow of the app's folder) or that anyone may write.
  std::string resolved, why;
  if (app.permissions().check(path, Permissions::Access::Write, resolved, why) || (info.st_mode & S_IWOTH) != 0) {
    error = ipc::Error::notAllowed("extension '" + name + "': " + path + " is writable by the page or by anyone; not loading it");
    return nullptr;
  }
  auto extension = std::make_shared<LoadedExtension>();
  extension->name = name;
  extension->handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (extension->handle == nullptr) {
    const char *reason = dlerror();
    error = ipc::Error::typeError("extension '" + name + "' could not be loaded: " + (reason == nullptr ? "dlopen failed" : reason));
    return nullptr;
  }
  using Init = const sapi_extension_registration_t *(*)();
  auto init = reinterpret_cast<Init>(dlsym(extension->handle, "__sapi_extension_init"));
  const sapi_extension_registration_t *registration = init == nullptr ? nullptr : init();
  if (registration == nullptr) {
    error = ipc::Error::typeError("extension '" + name + "' has no registration (SOCKET_RUNTIME_REGISTER_EXTENSION)");
    return nullptr;
  }
  if (registration->abi != SOCKET_RUNTIME_EXTENSION_ABI) {
    error = ipc::Error::notSupported("extension '" + name + "' was built for extension ABI " + std::to_string(registration->abi) +
                                     "; this host has " + std::to_string(SOCKET_RUNTIME_EXTENSION_ABI));
    return nullptr;
  }
  extension->registration = registration;
  extension->description = registration->description == nullptr ? "" : registration->description;
  extension->version = registration->version == nullptr ? "" : registration->version;
  extension->context = {&kApi, extension.get()};
  if (registration->initializer != nullptr && !registration->initializer(&extension->context, nullptr)) {
    error = ipc::Error::internal("extension '" + name + "': its initializer failed");
    return nullptr;
  }
  loaded_[name] = extension;
  return extension;
}

bool ExtensionRegistry::unload(const std::string &name) {
  std::shared_ptr<LoadedExtension> extension;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = loaded_.find(name);
    if (found == loaded_.end()) return false;
    extension = found->second;
    loaded_.erase(found);
  }
  if (extension->registration->deinitializer != nullptr) extension->registration->deinitializer(&extension->context, nullptr);
  extension->routes.clear();
  return true;  // dlclose when the last pending result lets go of it
}

std::shared_ptr<LoadedExtension> ExtensionRegistry::find(const std::string &name) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = loaded_.find(name);
  return found == loaded_.end() ? nullptr : found->second;
}

std::vector<std::string> ExtensionRegistry::names() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto &[name, extension] : loaded_) names.push_back(name);
  return names;
}

void ExtensionRegistry::call(std::shared_ptr<LoadedExtension> extension, const std::string &route,
                             std::map<std::string, std::string> params, ipc::Reply reply) {
  auto found = extension->routes.find(route);
  if (found == extension->routes.end()) {
    reply.error(ipc::Error::notFound("extension '" + extension->name + "' maps no route '" + route + "'"));
    return;
  }
  CallState call{{}, route, std::move(params), found->second.data, extension, reply, false};
  call.message = {&kApi, &call};
  found->second.callback(&extension->context, &call.message, nullptr);
  if (!call.resultCreated) reply.error(ipc::Error::internal("extension route '" + route + "' returned without a result"));
}

}  // namespace host
