// socket-host: the Linux desktop host. Reads the app beside it (Contract 4) and opens its first window.
#include <algorithm>
#include <glib-unix.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "linux/app.hh"
#include "linux/backend.hh"
#include "linux/reload.hh"
#include "linux/startup_trace.hh"
#include "linux/window.hh"

namespace {
// With --headless and no display, run under a private Xvfb instead of failing (tests, CI, tools).
int reexecUnderXvfb(int argc, char **argv) {
  std::vector<char *> args = {const_cast<char *>("xvfb-run"), const_cast<char *>("-a"),
                              const_cast<char *>("-s"), const_cast<char *>("-screen 0 1280x1024x24")};
  static char self[4096];
  ssize_t size = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (size <= 0) return 1;
  self[size] = '\0';
  args.push_back(self);
  for (int i = 1; i < argc; i++) args.push_back(argv[i]);
  args.push_back(nullptr);
  setenv("SOCKET_HOST_UNDER_XVFB", "1", 1);
  signal(SIGUSR2, SIG_DFL);  // not passed on to xvfb-run and Xvfb (the host run under them ignores it again)
  execvp("xvfb-run", args.data());
  std::fprintf(stderr, "socket-host: no display and xvfb-run is not installed (apt-get install -y xvfb xauth)\n");
  return 1;
}
}  // namespace

int main(int argc, char **argv) {
  // `ssc build -w` may send its reload signal while the app is still starting: until the handler is in place
  // (installReloadSignal), SIGUSR2 is ignored rather than ending the process (its default action).
  signal(SIGUSR2, SIG_IGN);
  host::tracePhase("main");
  host::Options options;
  std::string error;
  if (!host::parseOptions(argc, argv, options, error)) {
    std::fprintf(stderr, "socket-host: %s\n", error.c_str());
    return 2;
  }
  host::Config config;
  std::string configPath = options.resources + "/socket-config.json";
  if (!config.load(configPath, error)) {
    std::fprintf(stderr, "socket-host: %s (is --resources the app's folder?)\n", error.c_str());
    return 2;
  }
  for (auto &key : config.unknownKeys())
    std::fprintf(stderr, "socket-host: warning: %s: unknown key \"%s\" (the keys: docs/config.md)\n", configPath.c_str(), key.c_str());
  if (config.get("meta_bundle_identifier").empty()) {
    std::fprintf(stderr, "socket-host: %s has no meta_bundle_identifier\n", configPath.c_str());
    return 2;
  }
  if (config.flag("build_headless", false)) options.headless = true;
  host::tracePhase("config loaded");
  if (!gtk_init_check(&argc, &argv)) {
    if (options.headless && !std::getenv("SOCKET_HOST_UNDER_XVFB")) return reexecUnderXvfb(argc, argv);
    std::fprintf(stderr, "socket-host: cannot open a display (set DISPLAY, or pass --headless to use Xvfb)\n");
    return 1;
  }
  // Relative paths in fs calls and the backend's working directory are the app's folder, as in the original.
  if (chdir(options.resources.c_str()) != 0) std::fprintf(stderr, "socket-host: cannot enter %s\n", options.resources.c_str());

  host::tracePhase("gtk initialised");
  host::App app(options, config);
  host::tracePhase("web context ready (context, data manager, schemes)");
  host::installReloadSignal(app);  // ssc build -w; before the first window, so a reload during its load is one
  host::WindowOptions first;
  first.headless = options.headless;
  if (!app.createWindow(first, error)) {
    std::fprintf(stderr, "socket-host: %s\n", error.c_str());
    return 1;
  }
  // SIGTERM/SIGINT/SIGHUP end the app cleanly (the backend is stopped, windows close) with status 128 + signal.
  for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
    g_unix_signal_add(signal, [](gpointer data) -> gboolean {
      auto *pair = static_cast<std::pair<host::App *, int> *>(data);
      pair->first->exit(128 + pair->second);
      return G_SOURCE_CONTINUE;
    }, new std::pair<host::App *, int>(&app, signal));
  }
  // A test run that never ends (a test page that hangs before reporting) must not hang CI: say so and fail.
  if (!options.test.empty() && options.testTimeoutMs > 0) {
    g_timeout_add(static_cast<guint>(std::min<long>(options.testTimeoutMs, G_MAXUINT)), [](gpointer data) -> gboolean {
      auto *app = static_cast<host::App *>(data);
      std::fprintf(stderr, "socket-host: the test (--test=%s) did not finish within %ld ms (--test-timeout); exiting with status 124\n",
                   app->options().test.c_str(), app->options().testTimeoutMs);
      app->exit(124);
      return G_SOURCE_REMOVE;
    }, &app);
  }
  host::tracePhase("first window created");
  if (app.backend().configured() && !app.backend().open(false, error))
    std::fprintf(stderr, "socket-host: %s\n", error.c_str());  // the app runs on without it
  if (host::startupTraceEnabled()) g_idle_add([](gpointer) -> gboolean { host::tracePhase("main loop running"); return G_SOURCE_REMOVE; }, nullptr);
  return app.run();
}
