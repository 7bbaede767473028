#include "linux/window.hh"

#include <cstdio>
#include <cstdlib>

#include "linux/error_overlay.hh"
#include "linux/fast_read.hh"
#include "linux/ipc_bridge.hh"
#include "linux/navigation.hh"
#include "linux/preload.hh"
#include "linux/random_hex.hh"
#include "linux/services.hh"
#include "linux/window_geometry.hh"

namespace host {

namespace {
std::string jsonArray(const std::vector<std::string> &values) {
  std::string out = "[";
  for (auto &value : values) out += (out.size() > 1 ? "," : "") + jsonQuote(value);
  return out + "]";
}

// Only variables the app asked for (socket.ini `build_env`, comma or space separated) reach the page.
std::string allowedEnvironment(const PageEnvironment &environment) {
  std::string out = "{";
  for (const std::string &name : environment.exposed())
    if (const char *value = std::getenv(name.c_str())) out += (out.size() > 1 ? "," : "") + jsonQuote(name) + ":" + jsonQuote(value);
  return out + "}";
}

// Every frame of a page sees the registered handlers (webkit.messageHandlers), foreign frames too; only the
// preload, which runs in the app's frames alone, knows the window's secret that must lead each message.
bool readMessage(Window &window, WebKitJavascriptResult *result, const char *channel, std::string &message) {
  char *text = jsc_value_to_string(webkit_javascript_result_get_js_value(result));
  bool ok = text && window.unwrapMessage(text, message);
  g_free(text);
  if (!ok) window.app().logRefusal(std::string("a script message on ") + channel, "a frame without the preload", "not the app's page");
  return ok;
}

void onConsoleMessage(WebKitUserContentManager *, WebKitJavascriptResult *result, gpointer data) {
  std::string text;
  if (!readMessage(*static_cast<Window *>(data), result, "__console", text) || text.empty()) return;
  FILE *stream = text[0] == 'e' ? stderr : stdout;
  std::fwrite(text.data() + 1, 1, text.size() - 1, stream);
  std::fputc('\n', stream);
  std::fflush(stream);
}

void onErrorMessage(WebKitUserContentManager *, WebKitJavascriptResult *result, gpointer data) {
  auto *window = static_cast<Window *>(data);
  std::string text;
  if (!readMessage(*window, result, "__error", text)) return;
  std::fprintf(stderr, "%s\n", text.empty() ? "Uncaught error" : text.c_str());
  std::fflush(stderr);
  // Contract 4: in test mode an uncaught error fails the run.
  if (window->app().testMode()) window->app().exit(1);
}

void onFatalMessage(WebKitUserContentManager *, WebKitJavascriptResult *result, gpointer data) {
  auto *window = static_cast<Window *>(data);
  std::string text;
  if (!readMessage(*window, result, "__fatal", text)) return;
  std::fprintf(stderr, "%s\n", text.empty() ? "fatal error" : text.c_str());
  std::fflush(stderr);
  window->app().exit(1);
}

// socket.ini [permissions]: what the page may ask WebKit for (the original allows each unless set to false).
gboolean onPermissionRequest(WebKitWebView *, WebKitPermissionRequest *request, gpointer data) {
  const Config &config = static_cast<Window *>(data)->app().config();
  bool allowed;
  if (WEBKIT_IS_GEOLOCATION_PERMISSION_REQUEST(request)) {
    allowed = config.flag("permissions_allow_geolocation", true);
  } else if (WEBKIT_IS_NOTIFICATION_PERMISSION_REQUEST(request)) {
    allowed = config.flag("permissions_allow_notifications", true);
  } else if (WEBKIT_IS_USER_MEDIA_PERMISSION_REQUEST(request)) {
    auto *media = WEBKIT_USER_MEDIA_PERMISSION_REQUEST(request);
    allowed = config.flag("permissions_allow_user_media", true) &&
              (!webkit_user_media_permission_is_for_audio_device(media) || config.flag("permissions_allow_microphone", true)) &&
              (!webkit_user_media_permission_is_for_video_device(media) || config.flag("permissions_allow_camera", true));
  } else {
    return FALSE;  // WebKit's default (deny) for what socket.ini has no key for
  }
  if (allowed) webkit_permission_request_allow(request);
  else webkit_permission_request_deny(request);
  return TRUE;
}

gboolean onDelete(GtkWidget *, GdkEvent *, gpointer data) {
  auto *window = static_cast<Window *>(data);
  // Closing happens on idle: the GtkWindow must outlive this signal handler.
  int index = window->index();
  App *app = &window->app();
  App::later([app, index]() { app->closeWindow(index); });
  return TRUE;
}
}  // namespace

Window::Window(App &app, const WindowOptions &options)
    : app_(app), index_(options.index), headless_(options.headless), exitOnClose_(options.exitOnClose) {
  const Config &config = app.config();
  WebKitUserContentManager *content = webkit_user_content_manager_new();
  PreloadInput preload;
  preload.configJson = config.json();
  preload.argvJson = jsonArray(app.options().argv);
  preload.envJson = allowedEnvironment(app.environment());
  preload.index = index_;
  preload.debug = app.options().debug;
  preload.headless = headless_;
  if (index_ == 0 && app.testMode()) {
    std::string test = app.options().test;
    if (test.rfind(app.options().resources + "/", 0) == 0) test = test.substr(app.options().resources.size() + 1);
    while (test.rfind("./", 0) == 0) test = test.substr(2);
    while (!test.empty() && test[0] == '/') test = test.substr(1);
    preload.testUrl = app.origin() + "/" + test;
  }
  secret_ = randomHex(16);  // 128 bits
  preload.secret = secret_;
  std::string script = buildPreload(preload);
  // The preload (__args with the config, the console and error channels, __socketHost) only in the app's frames.
  std::vector<std::string> patterns = app.framePatterns();
  std::vector<const gchar *> allow;
  for (const std::string &pattern : patterns) allow.push_back(pattern.c_str());
  allow.push_back(nullptr);
  const gchar *const *allowList = allow.data();
  WebKitUserScript *user = webkit_user_script_new(script.c_str(), WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                                  WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, allowList, nullptr);
  webkit_user_content_manager_add_script(content, user);
  webkit_user_script_unref(user);
  // Dev builds (ssc build without --prod) show app errors in the window too, and have the inspector.
  bool dev = config.get("build_profile") == "dev";
  if (dev || app.options().debug) {
    WebKitUserScript *overlay = webkit_user_script_new(errorOverlayScript().c_str(), WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                       WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, allowList, nullptr);
    webkit_user_content_manager_add_script(content, overlay);
    webkit_user_script_unref(overlay);
  }
  g_signal_connect(content, "script-message-received::__console", G_CALLBACK(onConsoleMessage), this);
  g_signal_connect(content, "script-message-received::__error", G_CALLBACK(onErrorMessage), this);
  g_signal_connect(content, "script-message-received::__fatal", G_CALLBACK(onFatalMessage), this);
  for (const char *channel : {"__console", "__error", "__fatal"})
    webkit_user_content_manager_register_script_message_handler(content, channel);
  installIpcBridge(*this, content);

  view_ = WEBKIT_WEB_VIEW(g_object_new(WEBKIT_TYPE_WEB_VIEW, "web-context", app.context(),
                                       "user-content-manager", content, nullptr));
  g_object_unref(content);
  installFastRead(*this);
  WebKitSettings *settings = webkit_web_view_get_settings(view_);
  // The inspector: in development builds (as the original) and with --debug; never in release builds.
  webkit_settings_set_enable_developer_extras(settings, app.options().debug || options.debug || dev);
  GdkRGBA background;
  if (!options.background.empty() && gdk_rgba_parse(&background, options.background.c_str()))
    webkit_web_view_set_background_color(view_, &background);
  webkit_settings_set_javascript_can_access_clipboard(settings, config.flag("permissions_allow_clipboard", true));
  webkit_settings_set_enable_webgl(settings, true);
  webkit_settings_set_enable_media_stream(settings, config.flag("permissions_allow_user_media", true));
  webkit_settings_set_enable_fullscreen(settings, config.flag("permissions_allow_fullscreen", true));
  if (config.flag("permissions_hardware_acceleration_disabled", false))
    webkit_settings_set_hardware_acceleration_policy(settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  g_signal_connect(view_, "permission-request", G_CALLBACK(onPermissionRequest), this);

  window_ = gtk_window_new(GTK_WINDOW_TOPLEVEL);
  int screenWidth, screenHeight;
  screenSize(screenWidth, screenHeight);
  int width = options.width > 0 ? options.width : parseSize(config.get("window_width", "80%"), screenWidth, 800);
  int height = options.height > 0 ? options.height : parseSize(config.get("window_height", "80%"), screenHeight, 600);
  gtk_window_set_default_size(GTK_WINDOW(window_), width, height);
  std::string title = !options.title.empty() ? options.title : config.get("meta_title", config.get("build_name", "Socket"));
  gtk_window_set_title(GTK_WINDOW(window_), title.c_str());
  gtk_window_set_resizable(GTK_WINDOW(window_), options.resizable && config.flag("window_resizable", true));
  gtk_window_set_decorated(GTK_WINDOW(window_), !(options.frameless || config.flag("window_frameless", false)));
  box_ = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_pack_end(GTK_BOX(box_), GTK_WIDGET(view_), TRUE, TRUE, 0);
  gtk_container_add(GTK_CONTAINER(window_), box_);
  accelerators_ = gtk_accel_group_new();
  gtk_window_add_accel_group(GTK_WINDOW(window_), accelerators_);
  if (!options.userScript.empty()) {
    WebKitUserScript *extra = webkit_user_script_new(options.userScript.c_str(), WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                     WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, nullptr, nullptr);
    webkit_user_content_manager_add_script(webkit_web_view_get_user_content_manager(view_), extra);
    webkit_user_script_unref(extra);
  }
  g_signal_connect(window_, "delete-event", G_CALLBACK(onDelete), this);
  g_signal_connect(view_, "decide-policy", G_CALLBACK(onDecidePolicy), this);
  // socket.ini [window] describes the first window; window.create sets its own.
  if (index_ == 0) applyWindowConfig(GTK_WINDOW(window_), view_, config);

  services_ = std::make_unique<WindowServices>(*this);
  navigate(options.url.empty() ? app.startUrl() : options.url);
  gtk_widget_show(GTK_WIDGET(view_));
  gtk_widget_show(box_);
  if (!headless_) gtk_widget_show(window_);
}

Window::~Window() {
  *alive_ = false;
  if (flushSource_) g_source_remove(flushSource_);
  services_.reset();  // closes descriptors, sockets and watchers owned by this window
  if (window_) gtk_widget_destroy(window_);
  if (accelerators_) g_object_unref(accelerators_);
}

void Window::setMenuBar(GtkWidget *bar) {
  if (menuBar_) gtk_widget_destroy(menuBar_);
  menuBar_ = bar;
  if (bar) gtk_box_pack_start(GTK_BOX(box_), bar, FALSE, FALSE, 0);
}

void Window::navigate(const std::string &url) {
  approvedUrl_ = url;
  webkit_web_view_load_uri(view_, url.c_str());
}

bool Window::mayLoad(const std::string &url) const { return url == approvedUrl_ || mayLoadInFrame(app_, url); }

bool Window::unwrapMessage(const std::string &text, std::string &message) const {
  if (secret_.empty() || text.compare(0, secret_.size(), secret_) != 0) return false;
  message = text.substr(secret_.size());
  return true;
}

bool Window::isDownload(WebKitResponsePolicyDecision *decision) {
  if (!webkit_response_policy_decision_is_mime_type_supported(decision)) return true;
  SoupMessageHeaders *headers = webkit_uri_response_get_http_headers(webkit_response_policy_decision_get_response(decision));
  const char *disposition = headers ? soup_message_headers_get_one(headers, "Content-Disposition") : nullptr;
  return disposition && g_ascii_strncasecmp(disposition, "attachment", 10) == 0;
}

// A navigation decision does not say which frame it is for, so a URL allowed only in frames (frames[]) passes
// it; the response decision does say, and stops such a URL in the main frame before anything of it runs.
gboolean Window::decideResponse(WebKitResponsePolicyDecision *decision) {
  const char *uri = webkit_uri_request_get_uri(webkit_response_policy_decision_get_request(decision));
  std::string url = uri ? uri : "";
  // WebKit saves a response it cannot show into the user's download folder (or home) without asking: only the
  // app's own responses may do that, never a foreign frame's or page's.
  if (isDownload(decision) && !app_.trustedUrl(url) && !(url.rfind("blob:", 0) == 0 && app_.trustedUrl(url.substr(5)))) {
    webkit_policy_decision_ignore(WEBKIT_POLICY_DECISION(decision));
    std::fprintf(stderr, "socket-host: refused a download of %s (not from the app's origin)\n", url.substr(0, 200).c_str());
    std::fflush(stderr);
    return TRUE;
  }
  if (!webkit_response_policy_decision_is_main_frame_main_resource(decision)) return FALSE;
  if (url == approvedUrl_ || mayLoadInWindow(app_, url)) return FALSE;
  webkit_policy_decision_ignore(WEBKIT_POLICY_DECISION(decision));
  std::fprintf(stderr, "socket-host: refused to show %s in the window (allowed in frames only)\n", url.substr(0, 200).c_str());
  std::fflush(stderr);
  return TRUE;
}

// Every navigation of every frame comes here first (WebKitGTK does not say which frame): a URL no frame may
// show is refused; a refused link the user follows (a click, or window.open from a click) goes to the system
// browser when `external[]` allows it; a page never opens a new window by itself.
gboolean Window::onDecidePolicy(WebKitWebView *, WebKitPolicyDecision *decision, WebKitPolicyDecisionType type,
                                gpointer data) {
  auto *self = static_cast<Window *>(data);
  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE) return self->decideResponse(WEBKIT_RESPONSE_POLICY_DECISION(decision));
  WebKitNavigationAction *action = webkit_navigation_policy_decision_get_navigation_action(WEBKIT_NAVIGATION_POLICY_DECISION(decision));
  const char *uri = webkit_uri_request_get_uri(webkit_navigation_action_get_request(action));
  std::string url = uri ? uri : "";
  bool newWindow = type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION;
  if (!newWindow && self->mayLoad(url)) {
    webkit_policy_decision_use(decision);
    return TRUE;
  }
  webkit_policy_decision_ignore(decision);
  bool followed = webkit_navigation_action_get_navigation_type(action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
                  webkit_navigation_action_is_user_gesture(action);
  std::string error;
  if (followed && mayOpenExternally(self->app_, url)) {
    if (!openInSystemBrowser(url, error)) std::fprintf(stderr, "socket-host: cannot open %s: %s\n", url.c_str(), error.c_str());
    return TRUE;
  }
  std::fprintf(stderr, "socket-host: refused %s to %s (not the app's origin; see [webview.navigator.policies] in socket.ini)\n",
               newWindow ? "a new window" : "a navigation", url.substr(0, 200).c_str());
  std::fflush(stderr);
  return TRUE;
}

void Window::show() {
  if (!headless_) gtk_widget_show(window_);
}

void Window::hide() { gtk_widget_hide(window_); }

bool Window::visible() const { return gtk_widget_get_visible(window_); }

void Window::eval(const std::string &script) {
  webkit_web_view_evaluate_javascript(view_, script.c_str(), static_cast<gssize>(script.size()), nullptr, nullptr,
                                      nullptr, nullptr, nullptr);
}

void Window::emit(const std::string &name, const std::string &detailJson, const std::string *bytes) {
  pendingEvents_ += pendingEvents_.empty() ? "[" : ",";
  pendingEvents_ += "[" + jsonQuote(name) + "," + (detailJson.empty() ? "null" : detailJson);
  if (bytes) {
    gchar *encoded = g_base64_encode(reinterpret_cast<const guchar *>(bytes->data()), bytes->size());
    pendingEvents_ += ",\"";
    pendingEvents_ += encoded;
    pendingEvents_ += "\"";
    g_free(encoded);
  }
  pendingEvents_ += "]";
  if (!flushSource_) flushSource_ = g_idle_add_full(G_PRIORITY_DEFAULT, flushEvents, this, nullptr);
}

gboolean Window::flushEvents(gpointer data) {
  auto *self = static_cast<Window *>(data);
  self->flushSource_ = 0;
  if (self->pendingEvents_.empty()) return G_SOURCE_REMOVE;
  // Native events are for the app's pages: a page the app navigated to elsewhere could define __socketHost.
  const char *uri = webkit_web_view_get_uri(self->view_);
  if (!uri || !self->app_.trustedUrl(uri)) {
    self->pendingEvents_.clear();
    return G_SOURCE_REMOVE;
  }
  std::string script = "globalThis.__socketHost?.dispatch(" + self->pendingEvents_ + "])";
  self->pendingEvents_.clear();
  self->eval(script);
  return G_SOURCE_REMOVE;
}

}  // namespace host
