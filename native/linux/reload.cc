#include "linux/reload.hh"

#include <glib-unix.h>
#include <signal.h>

#include <cstdio>
#include <string>

#include "linux/app.hh"
#include "linux/window.hh"

namespace host {

void reloadInFreshProcess(WebKitWebView *view) {
  // Reloading in the same web process can leave it spinning forever, so that the reloaded page never runs: when a
  // module's top-level await is waiting on a fetch (ipc://, socket://, http) as the new page commits, the fetch's
  // rejection resumes the old module after its document lost its frame. JavaScriptCore's module loader then calls
  // WebCore's evaluate, which does nothing for a frameless document, and awaits again, in a microtask loop that
  // never yields (WebKitGTK 2.50, asyncModuleEvaluation). A new web process has no old page to resume.
  std::string uri = webkit_web_view_get_uri(view) ? webkit_web_view_get_uri(view) : "";
  bool committed = webkit_back_forward_list_get_current_item(webkit_web_view_get_back_forward_list(view)) != nullptr;
  webkit_web_view_terminate_web_process(view);
  // A page that has committed reloads as itself (its history entry); one still on its first load starts it over.
  if (committed) webkit_web_view_reload_bypass_cache(view);
  else if (!uri.empty()) webkit_web_view_load_uri(view, uri.c_str());
}

void installReloadSignal(App &app) {
  g_unix_signal_add(SIGUSR2, [](gpointer data) -> gboolean {
    auto *app = static_cast<App *>(data);
    for (Window *window : app->windows()) reloadInFreshProcess(window->view());
    std::fprintf(stderr, "socket-host: reloaded %zu window(s)\n", app->windows().size());
    return G_SOURCE_CONTINUE;
  }, &app);
}

}  // namespace host
