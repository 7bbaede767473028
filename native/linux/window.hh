// One native window: a GtkWindow holding a WebKitWebView, its preload, and the queue of events to its page.
#pragma once
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

#include <memory>
#include <string>
#include <vector>

#include "linux/app.hh"

namespace host {

class WindowServices;

class Window {
 public:
  Window(App &app, const WindowOptions &options);
  ~Window();
  Window(const Window &) = delete;
  Window &operator=(const Window &) = delete;

  int index() const { return index_; }
  App &app() const { return app_; }
  GtkWindow *gtkWindow() const { return GTK_WINDOW(window_); }
  WebKitWebView *view() const { return view_; }
  bool headless() const { return headless_; }
  bool exitOnClose() const { return exitOnClose_; }
  WindowServices &services() const { return *services_; }

  // Loads `url` in the main frame: the app asked for it, so the navigation policy lets it through.
  void navigate(const std::string &url);
  // The navigation policy (decide-policy): may a frame of this window load `url`?
  bool mayLoad(const std::string &url) const;
  // A message from a script message handler carries this window's secret first; returns the rest, or false
  // for a message from a frame that has no preload (a foreign frame).
  bool unwrapMessage(const std::string &text, std::string &message) const;
  // Replaces the window's menu bar (nullptr removes it).
  void setMenuBar(GtkWidget *bar);
  GtkWidget *menuBar() const { return menuBar_; }
  GtkAccelGroup *accelerators() const { return accelerators_; }
  void show();
  void hide();
  bool visible() const;
  // Runs `script` in the page; fire and forget.
  void eval(const std::string &script);
  // Queues a CustomEvent(name, {detail}) for the page; `detailJson` is JSON text. `bytes` (optional)
  // becomes detail.data as a Uint8Array. Main thread only. Flushed once per main-loop turn.
  void emit(const std::string &name, const std::string &detailJson, const std::string *bytes = nullptr);

  // Set while the window is being torn down, so late async replies can tell.
  std::shared_ptr<bool> alive() const { return alive_; }

 private:
  static gboolean flushEvents(gpointer self);
  static gboolean onDecidePolicy(WebKitWebView *, WebKitPolicyDecision *, WebKitPolicyDecisionType, gpointer self);
  gboolean decideResponse(WebKitResponsePolicyDecision *decision);
  static bool isDownload(WebKitResponsePolicyDecision *decision);

  App &app_;
  int index_;
  bool headless_;
  bool exitOnClose_;
  GtkWidget *window_ = nullptr;
  GtkWidget *box_ = nullptr;
  GtkWidget *menuBar_ = nullptr;
  GtkAccelGroup *accelerators_ = nullptr;
  WebKitWebView *view_ = nullptr;
  std::unique_ptr<WindowServices> services_;
  std::string approvedUrl_;  // the last URL the app itself loaded (window.navigate, window.create)
  std::string secret_;       // shared with the preload; proves a script message came from the app's frame
  std::string pendingEvents_;
  guint flushSource_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace host
