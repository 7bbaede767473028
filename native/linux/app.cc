#include "linux/app.hh"

#include <cstdio>

#include "linux/backend.hh"
#include "linux/fast_read.hh"
#include "linux/protocol_handlers.hh"
#include "linux/schemes.hh"
#include "linux/service_workers.hh"
#include "linux/services.hh"
#include "linux/window_service.hh"
#include "linux/window.hh"

namespace host {

App::App(Options options, Config config)
    : options_(std::move(options)), config_(std::move(config)), bundleId_(config_.get("meta_bundle_identifier")),
      permissions_(std::make_shared<Permissions>(config_, options_.resources, bundleId_)), environment_(config_) {
  // Site data (localStorage, IndexedDB) lives per app under the XDG data dir, like any desktop app's.
  std::string data = std::string(g_get_user_data_dir()) + "/" + bundleId_;
  std::string cache = std::string(g_get_user_cache_dir()) + "/" + bundleId_;
  WebKitWebsiteDataManager *manager = testMode()
    ? webkit_website_data_manager_new_ephemeral()
    : webkit_website_data_manager_new("base-data-directory", data.c_str(), "base-cache-directory", cache.c_str(), nullptr);
  context_ = WEBKIT_WEB_CONTEXT(g_object_new(WEBKIT_TYPE_WEB_CONTEXT, "website-data-manager", manager, nullptr));
  g_object_unref(manager);
  webkit_web_context_set_cache_model(context_, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  enableFastRead(*this);
  registerAppSchemes(*this);
  registerIpcScheme(*this);
  registerProtocolSchemes(*this);
  windows_.resize(kMaxWindows);
  backend_ = std::make_unique<Backend>(*this);
  serviceWorkers_ = std::make_unique<ServiceWorkers>(*this);
}

App::~App() {
  backend_.reset();  // stops the backend before the windows it reports to
  serviceWorkers_.reset();
  for (auto &window : windows_) window.reset();
  if (context_) g_object_unref(context_);
}

std::string App::startUrl() const {
  if (options_.devPort) return "http://" + options_.devHost + ":" + std::to_string(options_.devPort) + "/";
  std::string root = config_.get("webview_root", "/");
  if (root.empty() || root[0] != '/') root = "/" + root;
  return origin() + root;
}

std::string App::devOrigin() const {
  if (!options_.devPort || config_.get("build_profile") == "prod") return "";
  std::string origin = "http://" + options_.devHost;
  return options_.devPort == 80 ? origin : origin + ":" + std::to_string(options_.devPort);
}

std::vector<std::string> App::framePatterns() const {
  std::vector<std::string> patterns = {origin() + "/*"};
  if (std::string dev = devOrigin(); !dev.empty()) patterns.push_back(dev.substr(0, dev.find(':', 5)) + "/*");
  return patterns;
}

bool App::trustedOrigin(const std::string &candidate) const {
  if (candidate == origin()) return true;
  std::string dev = devOrigin();
  return !dev.empty() && candidate == dev;
}

bool App::trustedUrl(const std::string &url) const {
  for (const std::string &base : {origin(), devOrigin()}) {
    if (base.empty() || url.compare(0, base.size(), base) != 0) continue;
    if (url.size() == base.size()) return true;
    char next = url[base.size()];
    if (next == '/' || next == '?' || next == '#') return true;
  }
  return false;
}

void App::logRefusal(const std::string &what, const std::string &from, const std::string &detail) {
  {
    std::lock_guard<std::mutex> lock(refusedMutex_);
    if (!refused_.insert(what + "\n" + from).second) return;
  }
  std::fprintf(stderr, "socket-host: refused %s from %s: %s (logged once per origin)\n", what.c_str(),
               from.empty() ? "(no origin)" : from.c_str(), detail.c_str());
  std::fflush(stderr);
}

Window *App::createWindow(const WindowOptions &options, std::string &error) {
  if (options.index < 0 || options.index >= kMaxWindows) {
    error = "window index " + std::to_string(options.index) + " is out of range 0.." + std::to_string(kMaxWindows - 1);
    return nullptr;
  }
  if (windows_[options.index]) {
    error = "window " + std::to_string(options.index) + " already exists";
    return nullptr;
  }
  windows_[options.index] = std::make_unique<Window>(*this, options);
  return windows_[options.index].get();
}

Window *App::window(int index) const {
  return index >= 0 && index < kMaxWindows ? windows_[index].get() : nullptr;
}

Window *App::windowForView(WebKitWebView *view) const {
  for (auto &window : windows_)
    if (window && window->view() == view) return window.get();
  Window *container = serviceWorkers_ ? serviceWorkers_->container() : nullptr;
  return container && container->view() == view ? container : nullptr;
}

std::vector<Window *> App::windows() const {
  std::vector<Window *> out;
  for (auto &window : windows_)
    if (window) out.push_back(window.get());
  return out;
}

void App::closeWindow(int index) {
  Window *closing = window(index);
  if (!closing) return;
  api::window::WindowInfo info = windowInfo(*closing);
  info.status = api::window::WindowStatus::Closed;
  bool exitApp = closing->exitOnClose();
  windows_[index].reset();
  if (exitApp) return exit(exitCode_);
  for (Window *other : windows()) api::window::emitClosed(*other->services().events(), info);
  if (windows().empty()) exit(exitCode_);
}

void App::exit(int code) {
  exitCode_ = code;
  if (quitting_) return;
  quitting_ = true;
  gtk_main_quit();
}

int App::run() {
  if (!quitting_) gtk_main();
  std::fflush(stdout);
  std::fflush(stderr);
  return exitCode_;
}

void App::later(std::function<void()> task) {
  auto *boxed = new std::function<void()>(std::move(task));
  g_idle_add_full(G_PRIORITY_DEFAULT, [](gpointer data) -> gboolean {
    (*static_cast<std::function<void()> *>(data))();
    return G_SOURCE_REMOVE;
  }, boxed, [](gpointer data) { delete static_cast<std::function<void()> *>(data); });
}

}  // namespace host
