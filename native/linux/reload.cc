#include "linux/reload.hh"

#include <glib-unix.h>
#include <signal.h>

#include <cstdio>

#include "linux/app.hh"
#include "linux/window.hh"

namespace host {

void installReloadSignal(App &app) {
  g_unix_signal_add(SIGUSR2, [](gpointer data) -> gboolean {
    auto *app = static_cast<App *>(data);
    // In place, so the old page still gets pagehide and its last sessionStorage writes land. A page whose module
    // awaits a fetch as the reloaded page commits used to hang the web process here (WebKitGTK 2.50's module
    // loader loops on a frameless document); the preload holds such fetches back (preload.cc).
    for (Window *window : app->windows()) webkit_web_view_reload_bypass_cache(window->view());
    std::fprintf(stderr, "socket-host: reloaded %zu window(s)\n", app->windows().size());
    return G_SOURCE_CONTINUE;
  }, &app);
}

}  // namespace host
