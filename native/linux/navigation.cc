#include "linux/navigation.hh"

#include <gio/gio.h>

#include <cstdio>
#include <cstdlib>

#include "linux/app.hh"

namespace host {

namespace {
bool matchesAny(const std::string &list, const std::string &url) {
  bool matched = false;
  gchar **patterns = g_strsplit_set(list.c_str(), " ,", -1);
  for (gchar **pattern = patterns; *pattern && !matched; pattern++)
    matched = **pattern && g_pattern_match_simple(*pattern, url.c_str());
  g_strfreev(patterns);
  return matched;
}

// `data:` and `https:` name a scheme; `https://host[:port]` an origin (its URLs, not `https://host.evil`).
bool matchesFrameEntry(const std::string &entry, const std::string &url) {
  if (entry.empty()) return false;
  if (entry.back() == ':') return url.compare(0, entry.size(), entry) == 0;
  std::string origin = entry.back() == '/' ? entry.substr(0, entry.size() - 1) : entry;
  if (url.compare(0, origin.size(), origin) != 0) return false;
  return url.size() == origin.size() || url[origin.size()] == '/' || url[origin.size()] == '?' || url[origin.size()] == '#';
}
}  // namespace

bool mayLoadInWindow(const App &app, const std::string &url) {
  return app.trustedUrl(url) || matchesAny(app.config().get("webview_navigator_policies_allowed"), url);
}

bool mayLoadInFrame(const App &app, const std::string &url) {
  if (mayLoadInWindow(app, url) || url == "about:blank" || url == "about:srcdoc") return true;
  if (url.rfind("blob:", 0) == 0 && app.trustedUrl(url.substr(5))) return true;
  bool matched = false;
  gchar **entries = g_strsplit_set(app.config().get("webview_navigator_policies_frames").c_str(), " ,", -1);
  for (gchar **entry = entries; *entry && !matched; entry++) matched = matchesFrameEntry(*entry, url);
  g_strfreev(entries);
  return matched;
}

bool mayOpenExternally(const App &app, const std::string &url) {
  bool scheme = false;
  for (const char *prefix : {"http://", "https://", "mailto:"}) scheme = scheme || url.rfind(prefix, 0) == 0;
  const auto &values = app.config().values();
  auto configured = values.find("webview_navigator_policies_external");
  std::string list = configured == values.end() ? "http://* https://* mailto:*" : configured->second;
  return scheme && matchesAny(list, url);
}

bool openInSystemBrowser(const std::string &url, std::string &error) {
  std::fprintf(stderr, "socket-host: opening %s in the system browser\n", url.c_str());
  std::fflush(stderr);
  GError *failure = nullptr;
  bool ok;
  if (const char *program = std::getenv("SOCKET_HOST_OPEN_EXTERNAL"); program && *program) {
    const char *argv[] = {program, url.c_str(), nullptr};
    ok = g_spawn_async(nullptr, const_cast<gchar **>(argv), nullptr, G_SPAWN_SEARCH_PATH, nullptr, nullptr, nullptr, &failure);
  } else {
    ok = g_app_info_launch_default_for_uri(url.c_str(), nullptr, &failure);
  }
  if (!ok) error = failure ? failure->message : "no application handles it";
  if (failure) g_error_free(failure);
  return ok;
}

}  // namespace host
