#include "linux/window_geometry.hh"

#include <cstdlib>

namespace host {

int parseSize(const std::string &text, int screen, int fallback) {
  if (text.empty()) return fallback;
  char *end = nullptr;
  double parsed = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || parsed <= 0) return fallback;
  std::string unit(end);
  if (unit == "%") return static_cast<int>(screen * parsed / 100.0);
  if (unit.empty() || unit == "px") return static_cast<int>(parsed);
  return fallback;
}

void screenSize(int &width, int &height) {
  width = 1280, height = 1024;
  GdkDisplay *display = gdk_display_get_default();
  GdkMonitor *monitor = display ? gdk_display_get_primary_monitor(display) : nullptr;
  if (!monitor && display) monitor = gdk_display_get_monitor(display, 0);
  if (!monitor) return;
  GdkRectangle area;
  gdk_monitor_get_geometry(monitor, &area);
  width = area.width, height = area.height;
}

namespace {
// GTK 3 has no dark-mode signal WebKitGTK follows; the theme preference is what the user chose.
bool prefersDark() {
  gboolean dark = FALSE;
  g_object_get(gtk_settings_get_default(), "gtk-application-prefer-dark-theme", &dark, nullptr);
  const char *theme = std::getenv("GTK_THEME");
  return dark || (theme && std::string(theme).find(":dark") != std::string::npos);
}

std::string firstOf(const Config &config, const char *a, const char *b) {
  std::string value = config.get(a);
  return value.empty() ? config.get(b) : value;
}
}  // namespace

void applyWindowConfig(GtkWindow *window, WebKitWebView *view, const Config &config) {
  int screenWidth, screenHeight;
  screenSize(screenWidth, screenHeight);
  GdkGeometry limits{};
  int hints = 0;
  limits.min_width = parseSize(config.get("window_min_width"), screenWidth, 0);
  limits.min_height = parseSize(config.get("window_min_height"), screenHeight, 0);
  if (limits.min_width || limits.min_height) hints |= GDK_HINT_MIN_SIZE;
  limits.max_width = parseSize(config.get("window_max_width"), screenWidth, G_MAXINT16);
  limits.max_height = parseSize(config.get("window_max_height"), screenHeight, G_MAXINT16);
  if (limits.max_width != G_MAXINT16 || limits.max_height != G_MAXINT16) hints |= GDK_HINT_MAX_SIZE;
  if (hints) gtk_window_set_geometry_hints(window, nullptr, &limits, GdkWindowHints(hints));

  bool closable = config.flag("window_closable", true);
  gtk_window_set_deletable(window, closable);
  if (config.flag("window_utility", false)) gtk_window_set_type_hint(window, GDK_WINDOW_TYPE_HINT_UTILITY);
  // Frame buttons are window-manager functions (Motif hints on X11), set once the X window exists.
  int removed = 0;
  if (!config.flag("window_maximizable", true)) removed |= GDK_FUNC_MAXIMIZE;
  if (!config.flag("window_minimizable", true)) removed |= GDK_FUNC_MINIMIZE;
  if (!closable) removed |= GDK_FUNC_CLOSE;
  if (removed) {
    gtk_widget_realize(GTK_WIDGET(window));
    // With GDK_FUNC_ALL set, the other bits name the functions taken away.
    gdk_window_set_functions(gtk_widget_get_window(GTK_WIDGET(window)), GdkWMFunction(GDK_FUNC_ALL | removed));
  }

  std::string colour = prefersDark() ? firstOf(config, "window_backgroundColorDark", "window_background_color_dark")
                                     : firstOf(config, "window_backgroundColorLight", "window_background_color_light");
  GdkRGBA background;
  if (!colour.empty() && gdk_rgba_parse(&background, colour.c_str())) webkit_web_view_set_background_color(view, &background);
}

}  // namespace host
