// The application: config, the shared web context, the windows by index, the exit status.
#pragma once
#include <webkit2/webkit2.h>

#include <functional>
#include <mutex>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "linux/config.hh"
#include "linux/environment.hh"
#include "linux/options.hh"
#include "linux/permissions.hh"

namespace host {

class Window;
class Backend;
class ServiceWorkers;

struct WindowOptions {
  int index = 0;
  std::string url;        // empty: the app's start page
  std::string title;
  int width = 0, height = 0;  // 0: from config or default
  bool headless = false;
  bool resizable = true;
  bool frameless = false;
  std::string userScript;  // extra script at document start (window.create's userScript)
  std::string background;  // a CSS colour for the view before the page paints ("" = WebKit's default)
  bool debug = false;      // developer extras (inspector) for this window
  bool exitOnClose = false;  // closing this window ends the app
};

class App {
 public:
  static constexpr int kMaxWindows = 32;

  App(Options options, Config config);
  ~App();

  // Returns the new window, or nullptr with `error` set (index taken or out of range).
  Window *createWindow(const WindowOptions &options, std::string &error);
  Window *window(int index) const;
  Window *windowForView(WebKitWebView *view) const;
  std::vector<Window *> windows() const;
  void closeWindow(int index);  // destroys the window; exits the app when it was the last one

  void exit(int code);  // quit the main loop; run() returns `code`
  int run();

  // Runs `task` on a later main-loop turn (e.g. to destroy a widget whose signal handler is running).
  static void later(std::function<void()> task);

  const Options &options() const { return options_; }
  const Config &config() const { return config_; }
  const std::string &bundleId() const { return bundleId_; }
  std::string origin() const { return "socket://" + bundleId_; }
  // The dev server's origin (http://host[:port]) when a dev build runs with --port/--host, else "".
  // socket-config.json's `build_profile = prod` (written by `ssc build --prod` and `-p`) marks a production build.
  std::string devOrigin() const;
  // WebKit URL patterns for the app's frames: its origin, and the dev server's host in dev builds (the patterns
  // ignore the port). The preload, the error overlay and the message bridge go only into these frames.
  std::vector<std::string> framePatterns() const;
  // Only the app's own origin (and the dev server's, in dev) may reach native code or get the preload.
  bool trustedOrigin(const std::string &origin) const;
  bool trustedUrl(const std::string &url) const;
  // Prints one line to stderr per (what, origin) pair, so a hostile page cannot flood the log.
  void logRefusal(const std::string &what, const std::string &origin, const std::string &detail);
  PageEnvironment &environment() { return environment_; }
  std::string startUrl() const;
  WebKitWebContext *context() const { return context_; }
  Backend &backend() const { return *backend_; }
  Permissions &permissions() { return *permissions_; }
  // Shared with the fs tasks on the worker pool, which may still run while the App is destroyed at exit.
  std::shared_ptr<Permissions> sharedPermissions() { return permissions_; }
  ServiceWorkers &serviceWorkers() const { return *serviceWorkers_; }
  bool testMode() const { return !options_.test.empty(); }

 private:
  Options options_;
  Config config_;
  std::string bundleId_;
  std::shared_ptr<Permissions> permissions_;
  PageEnvironment environment_;
  std::mutex refusedMutex_;
  std::set<std::string> refused_;
  WebKitWebContext *context_ = nullptr;
  std::vector<std::unique_ptr<Window>> windows_;
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<ServiceWorkers> serviceWorkers_;  // owns the hidden container window, not in windows_
  int exitCode_ = 0;
  bool quitting_ = false;
};

}  // namespace host
