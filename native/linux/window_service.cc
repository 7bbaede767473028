// The window and application capabilities: GTK calls behind the generated WindowService/ApplicationService.
#include <gtk/gtk.h>

#include <cmath>

#include "linux/app.hh"
#include "linux/config.hh"
#include "linux/menu.hh"
#include "linux/services.hh"
#include "linux/window.hh"
#include "linux/window_service.hh"
#include "linux/window_geometry.hh"

namespace host {

using namespace api::window;

api::window::WindowInfo windowInfo(Window &window) {
  WindowInfo info;
  info.index = window.index();
  const char *title = gtk_window_get_title(window.gtkWindow());
  info.title = title ? title : "";
  int width = 0, height = 0, x = 0, y = 0;
  gtk_window_get_size(window.gtkWindow(), &width, &height);
  gtk_window_get_position(window.gtkWindow(), &x, &y);
  info.size = Size{static_cast<uint32_t>(width), static_cast<uint32_t>(height)};
  info.position = Position{x, y};
  info.status = window.visible() ? WindowStatus::Shown : WindowStatus::Hidden;
  return info;
}

namespace {
// A number of pixels, or a size in text ("80%" of the screen, "640px", "640").
int dimension(const std::variant<std::string, double> &value, int screen, int fallback) {
  if (const double *number = std::get_if<double>(&value)) return *number > 0 ? static_cast<int>(*number) : fallback;
  return parseSize(std::get<std::string>(value), screen, fallback);
}

// Absolute URLs must be the app's own, a dev server's or the web's; a relative one is resolved against the app.
bool resolveUrl(App &app, const std::string &url, std::string &out) {
  for (const char *scheme : {"socket://", "http://", "https://"}) {
    if (url.rfind(scheme, 0) == 0) return out = url, true;
  }
  if (url.find(':') != std::string::npos && url.find(':') < url.find('/')) return false;
  out = app.origin() + (url.empty() || url[0] != '/' ? "/" : "") + url;
  return true;
}

ipc::Error noWindow(int index) {
  return ipc::Error::notFound("no window with index " + std::to_string(index));
}
}  // namespace

Window *WindowServiceImpl::target(const ipc::Context &context, std::optional<int32_t> index, ipc::Reply &reply) {
  int wanted = index.value_or(context.index);
  Window *window = app_.window(wanted);
  if (!window) reply.error(noWindow(wanted));
  return window;
}

void WindowServiceImpl::create(const ipc::Context &, CreateArgs args, ipc::Reply reply) {
  const auto &options = args.options;
  host::WindowOptions create;
  create.index = options.targetWindowIndex;
  if (!resolveUrl(app_, options.url, create.url))
    return (void)reply.error(ipc::Error::typeError("options.url must be an app path or a socket:, http: or https: URL"));
  int screenWidth, screenHeight;
  screenSize(screenWidth, screenHeight);
  create.title = options.title;
  create.width = dimension(options.width, screenWidth, 800);
  create.height = dimension(options.height, screenHeight, 600);
  create.headless = options.headless || app_.options().headless;
  create.resizable = options.resizable;
  create.frameless = options.frameless;
  create.userScript = options.userScript;
  create.debug = options.debug;
  create.exitOnClose = options.shouldExitApplicationOnClose;
  // The light colour: GTK 3 has no system-wide dark-mode signal that WebKitGTK follows here.
  create.background = options.backgroundColorLight;
  std::string error;
  Window *window = app_.createWindow(create, error);
  if (!window) return (void)reply.error(ipc::Error::typeError("options.targetWindowIndex: " + error));
  GdkGeometry limits{};
  int hints = 0;
  if (options.minWidth || options.minHeight) {
    limits.min_width = options.minWidth, limits.min_height = options.minHeight;
    hints |= GDK_HINT_MIN_SIZE;
  }
  if (options.maxWidth || options.maxHeight) {
    limits.max_width = options.maxWidth ? options.maxWidth : G_MAXINT16;
    limits.max_height = options.maxHeight ? options.maxHeight : G_MAXINT16;
    hints |= GDK_HINT_MAX_SIZE;
  }
  if (hints) gtk_window_set_geometry_hints(window->gtkWindow(), nullptr, &limits, GdkWindowHints(hints));
  gtk_window_set_deletable(window->gtkWindow(), options.closable);
  if (options.utility) gtk_window_set_type_hint(window->gtkWindow(), GDK_WINDOW_TYPE_HINT_UTILITY);
  resolveCreate(reply, windowInfo(*window));
}

void WindowServiceImpl::close(const ipc::Context &context, CloseArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  WindowInfo info = windowInfo(*window);
  info.status = WindowStatus::Closed;
  resolveClose(reply, info);
  // Closed on the next turn, so this reply reaches the page even when it closes itself.
  int index = window->index();
  App *app = &app_;
  App::later([app, index]() { app->closeWindow(index); });
}

void WindowServiceImpl::show(const ipc::Context &context, ShowArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  window->show();
  resolveShow(reply, windowInfo(*window));
}

void WindowServiceImpl::hide(const ipc::Context &context, HideArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  window->hide();
  WindowInfo info = windowInfo(*window);
  emitHidden(*window->services().events(), info);
  resolveHide(reply, info);
}

void WindowServiceImpl::maximize(const ipc::Context &context, MaximizeArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  gtk_window_maximize(window->gtkWindow());
  resolveMaximize(reply, windowInfo(*window));
}

void WindowServiceImpl::minimize(const ipc::Context &context, MinimizeArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  gtk_window_iconify(window->gtkWindow());
  resolveMinimize(reply, windowInfo(*window));
}

void WindowServiceImpl::restore(const ipc::Context &context, RestoreArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  gtk_window_deiconify(window->gtkWindow());
  gtk_window_unmaximize(window->gtkWindow());
  window->show();
  resolveRestore(reply, windowInfo(*window));
}

void WindowServiceImpl::eval(const ipc::Context &context, EvalArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  struct Pending {
    ipc::Reply reply;
  };
  auto *pending = new Pending{reply};
  webkit_web_view_evaluate_javascript(window->view(), args.value.c_str(), static_cast<gssize>(args.value.size()), nullptr,
    "socket-host-eval.js", nullptr, [](GObject *view, GAsyncResult *result, gpointer data) {
      auto *pending = static_cast<Pending *>(data);
      GError *error = nullptr;
      JSCValue *value = webkit_web_view_evaluate_javascript_finish(WEBKIT_WEB_VIEW(view), result, &error);
      if (!value) {
        pending->reply.error(ipc::Error::typeError(std::string("the script failed: ") + (error ? error->message : "?")));
        if (error) g_error_free(error);
      } else {
        char *json = jsc_value_is_undefined(value) ? nullptr : jsc_value_to_json(value, 0);
        auto parsed = ipc::Json::parse(json ? json : "null");
        resolveEval(pending->reply, parsed ? *parsed : ipc::Json());
        g_free(json);
        g_object_unref(value);
      }
      delete pending;
    }, pending);
}

void WindowServiceImpl::navigate(const ipc::Context &context, NavigateArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  std::string url;
  if (!resolveUrl(app_, args.url, url))
    return (void)reply.error(ipc::Error::typeError("url must be an app path or a socket:, http: or https: URL"));
  window->navigate(url);
  resolveNavigate(reply, windowInfo(*window));
}

void WindowServiceImpl::send(const ipc::Context &context, SendArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  if (args.event.empty()) return (void)reply.error(ipc::Error::typeError("event must not be empty"));
  window->services().events()->emit(args.event, args.value);
  resolveSend(reply);
}

void WindowServiceImpl::getTitle(const ipc::Context &context, GetTitleArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  const char *title = gtk_window_get_title(window->gtkWindow());
  resolveGetTitle(reply, title ? title : "");
}

void WindowServiceImpl::setTitle(const ipc::Context &context, SetTitleArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  gtk_window_set_title(window->gtkWindow(), args.value.c_str());
  resolveSetTitle(reply, windowInfo(*window));
}

void WindowServiceImpl::setSize(const ipc::Context &context, SetSizeArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  if (args.width == 0 || args.height == 0 || args.width > 32767 || args.height > 32767)
    return (void)reply.error(ipc::Error::rangeError("width and height must be 1 to 32767 pixels"));
  gtk_window_resize(window->gtkWindow(), args.width, args.height);
  WindowInfo info = windowInfo(*window);
  info.size = Size{args.width, args.height};  // GTK applies the size asynchronously
  resolveSetSize(reply, info);
}

void WindowServiceImpl::setPosition(const ipc::Context &context, SetPositionArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  gtk_window_move(window->gtkWindow(), args.x, args.y);
  WindowInfo info = windowInfo(*window);
  info.position = Position{args.x, args.y};
  resolveSetPosition(reply, info);
}

void WindowServiceImpl::getBackgroundColor(const ipc::Context &context, GetBackgroundColorArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  GdkRGBA color;
  webkit_web_view_get_background_color(window->view(), &color);
  auto byte = [](double v) { return static_cast<uint8_t>(std::lround(v * 255)); };
  resolveGetBackgroundColor(reply, Color{byte(color.red), byte(color.green), byte(color.blue), color.alpha});
}

void WindowServiceImpl::setBackgroundColor(const ipc::Context &context, SetBackgroundColorArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  if (!(args.alpha >= 0 && args.alpha <= 1)) return (void)reply.error(ipc::Error::rangeError("alpha must be from 0 to 1"));
  GdkRGBA color{args.red / 255.0, args.green / 255.0, args.blue / 255.0, args.alpha};
  webkit_web_view_set_background_color(window->view(), &color);
  resolveSetBackgroundColor(reply);
}

void WindowServiceImpl::setContextMenu(const ipc::Context &context, SetContextMenuArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  std::vector<MenuItem> items;
  std::string error;
  if (!parseMenuItems(args.value, items, error)) return (void)reply.error(ipc::Error::typeError("value: " + error));
  auto events = window->services().events();
  GtkWidget *menu = buildPopupMenu(items, "contextMenu", [events](const std::string &title, const std::string &parent) {
    emitMenuItemSelected(*events, MenuSelection{title, parent, "context"});
  });
  // Shown at the pointer, like the original; the menu frees itself when closed.
  g_signal_connect(menu, "deactivate", G_CALLBACK(+[](GtkMenuShell *shell, gpointer) {
    g_idle_add([](gpointer widget) -> gboolean { gtk_widget_destroy(GTK_WIDGET(widget)); return G_SOURCE_REMOVE; }, shell);
  }), nullptr);
  gtk_menu_attach_to_widget(GTK_MENU(menu), GTK_WIDGET(window->view()), nullptr);
  gtk_menu_popup_at_pointer(GTK_MENU(menu), nullptr);
  resolveSetContextMenu(reply);
}

void WindowServiceImpl::showInspector(const ipc::Context &context, ShowInspectorArgs args, ipc::Reply reply) {
  Window *window = target(context, args.targetWindowIndex, reply);
  if (!window) return;
  WebKitSettings *settings = webkit_web_view_get_settings(window->view());
  webkit_settings_set_enable_developer_extras(settings, TRUE);
  webkit_web_inspector_show(webkit_web_view_get_inspector(window->view()));
  resolveShowInspector(reply);
}

void WindowServiceImpl::showFileSystemPicker(const ipc::Context &context, ShowFileSystemPickerArgs args, ipc::Reply reply) {
  Window *window = app_.window(context.index);
  if (!window) return (void)reply.error(noWindow(context.index));
  if (window->headless()) return (void)reply.error(ipc::Error::notSupported("a headless window cannot show a file picker"));
  const auto &options = args.options;
  GtkFileChooserAction action = options.type == FilePickerType::Save ? GTK_FILE_CHOOSER_ACTION_SAVE
                              : options.type == FilePickerType::Directory ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                                          : GTK_FILE_CHOOSER_ACTION_OPEN;
  const char *title = !options.title.empty() ? options.title.c_str()
                    : options.type == FilePickerType::Save ? "Save" : options.type == FilePickerType::Directory ? "Choose a folder" : "Open";
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new(title, window->gtkWindow(), action, nullptr, nullptr);
  GtkFileChooser *chooser = GTK_FILE_CHOOSER(dialog);
  gtk_file_chooser_set_select_multiple(chooser, options.allowMultiple && options.type != FilePickerType::Save);
  if (!options.defaultPath.empty()) {
    if (options.type == FilePickerType::Save) {
      auto slash = options.defaultPath.rfind('/');
      if (slash != std::string::npos) gtk_file_chooser_set_current_folder(chooser, options.defaultPath.substr(0, slash).c_str());
      gtk_file_chooser_set_current_name(chooser, options.defaultPath.substr(slash == std::string::npos ? 0 : slash + 1).c_str());
    } else {
      gtk_file_chooser_set_current_folder(chooser, options.defaultPath.c_str());
    }
  }
  if (!options.contentTypes.empty()) {
    GtkFileFilter *filter = gtk_file_filter_new();
    for (auto &type : options.contentTypes) {
      if (!type.empty() && type[0] == '.') gtk_file_filter_add_pattern(filter, ("*" + type).c_str());
      else gtk_file_filter_add_mime_type(filter, type.c_str());
    }
    gtk_file_chooser_add_filter(chooser, filter);
  }
  struct Pending {
    ipc::Reply reply;
    App *app;
    bool write;
  };
  auto *pending = new Pending{reply, &app_, options.type != FilePickerType::Open};
  g_signal_connect(dialog, "response", G_CALLBACK(+[](GtkNativeDialog *dialog, int response, gpointer data) {
    auto *pending = static_cast<Pending *>(data);
    std::vector<std::string> paths;
    if (response == GTK_RESPONSE_ACCEPT) {
      GSList *files = gtk_file_chooser_get_filenames(GTK_FILE_CHOOSER(dialog));
      for (GSList *it = files; it; it = it->next) {
        paths.emplace_back(static_cast<char *>(it->data));
        // What the user picked, the app may use: that is the point of a picker.
        pending->app->permissions().grant(paths.back(), pending->write ? Permissions::Access::Write : Permissions::Access::Read);
      }
      g_slist_free_full(files, g_free);
    }
    resolveShowFileSystemPicker(pending->reply, paths);  // cancelled: an empty list
    delete pending;
    g_object_unref(dialog);
  }), pending);
  gtk_native_dialog_show(GTK_NATIVE_DIALOG(dialog));
}

namespace {
ipc::Error noHotkeys() {
  return ipc::Error::notSupported("global hotkeys (window.hotkey.*) are not implemented by the Linux host; use keyboard events in the page");
}
}  // namespace

void WindowServiceImpl::hotkeyBind(const ipc::Context &, HotkeyBindArgs, ipc::Reply reply) { reply.error(noHotkeys()); }
void WindowServiceImpl::hotkeyUnbind(const ipc::Context &, HotkeyUnbindArgs, ipc::Reply reply) { reply.error(noHotkeys()); }
void WindowServiceImpl::hotkeyReset(const ipc::Context &, HotkeyResetArgs, ipc::Reply reply) { reply.error(noHotkeys()); }
void WindowServiceImpl::hotkeyBindings(const ipc::Context &, HotkeyBindingsArgs, ipc::Reply reply) { reply.error(noHotkeys()); }
void WindowServiceImpl::hotkeyMappings(const ipc::Context &, HotkeyMappingsArgs, ipc::Reply reply) { reply.error(noHotkeys()); }

// ---- application ----

void ApplicationServiceImpl::exit(const ipc::Context &, api::application::ExitArgs args, ipc::Reply reply) {
  api::application::resolveExit(reply);
  app_.exit(args.value);
}

void ApplicationServiceImpl::getScreenSize(const ipc::Context &, api::application::GetScreenSizeArgs, ipc::Reply reply) {
  int width, height;
  screenSize(width, height);
  api::application::resolveGetScreenSize(reply, api::application::ScreenSize{static_cast<uint32_t>(width), static_cast<uint32_t>(height)});
}

void ApplicationServiceImpl::getWindows(const ipc::Context &, api::application::GetWindowsArgs args, ipc::Reply reply) {
  std::vector<api::application::ApplicationWindow> out;
  for (Window *window : app_.windows()) {
    if (!args.indices.empty() && std::find(args.indices.begin(), args.indices.end(), window->index()) == args.indices.end()) continue;
    WindowInfo info = windowInfo(*window);
    out.push_back({info.index, info.title, info.size.width, info.size.height, info.position.x, info.position.y, window->visible()});
  }
  api::application::resolveGetWindows(reply, out);
}

void ApplicationServiceImpl::setSystemMenu(const ipc::Context &, api::application::SetSystemMenuArgs args, ipc::Reply reply) {
  std::vector<Menu> menus;
  std::string error;
  if (!parseMenus(args.value, menus, error)) return (void)reply.error(ipc::Error::typeError("value: " + error));
  // Linux has no global menu bar: every window gets its own copy, and selections go to that window.
  for (Window *window : app_.windows()) {
    auto events = window->services().events();
    window->setMenuBar(buildMenuBar(menus, window->accelerators(), [events](const std::string &title, const std::string &parent) {
      emitMenuItemSelected(*events, MenuSelection{title, parent, "system"});
    }));
  }
  api::application::resolveSetSystemMenu(reply);
}

void ApplicationServiceImpl::setSystemMenuItemEnabled(const ipc::Context &, api::application::SetSystemMenuItemEnabledArgs args, ipc::Reply reply) {
  bool found = false;
  for (Window *window : app_.windows()) {
    if (!window->menuBar()) continue;
    GList *tops = gtk_container_get_children(GTK_CONTAINER(window->menuBar()));
    GtkWidget *top = static_cast<GtkWidget *>(g_list_nth_data(tops, args.indexMain));
    g_list_free(tops);
    GtkWidget *submenu = top ? gtk_menu_item_get_submenu(GTK_MENU_ITEM(top)) : nullptr;
    if (!submenu) continue;
    GList *items = gtk_container_get_children(GTK_CONTAINER(submenu));
    GtkWidget *item = static_cast<GtkWidget *>(g_list_nth_data(items, args.indexSub));
    g_list_free(items);
    if (!item) continue;
    gtk_widget_set_sensitive(item, args.enabled);
    found = true;
  }
  if (!found) return (void)reply.error(ipc::Error::notFound("no system menu item at " + std::to_string(args.indexMain) + "/" + std::to_string(args.indexSub)));
  api::application::resolveSetSystemMenuItemEnabled(reply);
}

void ApplicationServiceImpl::setTrayMenu(const ipc::Context &, api::application::SetTrayMenuArgs, ipc::Reply reply) {
  reply.error(ipc::Error::notSupported("tray menus are not implemented by the Linux host (GTK 3 has no tray without libappindicator)"));
}

}  // namespace host
