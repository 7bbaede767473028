#include <X11/Xlib.h>
#include <gdk/gdkx.h>

#include <algorithm>
#include <sstream>

#include "linux/app.hh"
#include "linux/hotkey_service.hh"

namespace host {

using namespace api::hotkey;

namespace {
// Lock states that must not change whether a combination matches: none, CapsLock, NumLock, both.
constexpr unsigned kIgnored[] = {0, LockMask, Mod2Mask, LockMask | Mod2Mask};

std::string trim(std::string text) {
  auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), notSpace));
  text.erase(std::find_if(text.rbegin(), text.rend(), notSpace).base(), text.end());
  return text;
}

// "ctrl + shift + g" -> modifiers and a keysym; false (with why) for an unknown modifier or key.
bool parse(const std::string &expression, unsigned &modifiers, KeySym &keysym, std::string &why) {
  std::stringstream stream(expression);
  std::string token, key;
  modifiers = 0;
  while (std::getline(stream, token, '+')) {
    token = trim(token);
    std::string lower = token;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "ctrl" || lower == "control") modifiers |= ControlMask;
    else if (lower == "shift") modifiers |= ShiftMask;
    else if (lower == "alt" || lower == "option") modifiers |= Mod1Mask;
    else if (lower == "super" || lower == "meta" || lower == "cmd" || lower == "command" || lower == "win") modifiers |= Mod4Mask;
    else if (token.empty()) { why = "an empty part"; return false; }
    else if (!key.empty()) { why = "more than one key (" + key + ", " + token + ")"; return false; }
    else key = token.size() == 1 ? lower : token;
  }
  if (key.empty()) { why = "no key"; return false; }
  keysym = XStringToKeysym(key.c_str());
  if (keysym == NoSymbol) { why = "unknown key '" + key + "'"; return false; }
  return true;
}

Display *x11Display() {
  GdkDisplay *display = gdk_display_get_default();
  if (!display || !GDK_IS_X11_DISPLAY(display)) return nullptr;
  return GDK_DISPLAY_XDISPLAY(display);
}
}  // namespace

HotkeyServiceImpl::~HotkeyServiceImpl() {
  for (auto &[id, binding] : bindings_) ungrab(binding);
  if (filtering_) gdk_window_remove_filter(nullptr, filter, this);
}

void HotkeyServiceImpl::ungrab(const Binding &binding) {
  Display *display = x11Display();
  if (!display) return;
  for (unsigned ignored : kIgnored) XUngrabKey(display, binding.keycode, binding.modifiers | ignored, DefaultRootWindow(display));
  XFlush(display);
}

GdkFilterReturn HotkeyServiceImpl::filter(GdkXEvent *xevent, GdkEvent *, gpointer data) {
  auto *self = static_cast<HotkeyServiceImpl *>(data);
  auto *event = static_cast<XEvent *>(xevent);
  if (event->type != KeyPress) return GDK_FILTER_CONTINUE;
  unsigned state = event->xkey.state & ~(LockMask | Mod2Mask);
  bool handled = false;
  for (auto &[id, binding] : self->bindings_) {
    if (binding.keycode != static_cast<int>(event->xkey.keycode) || binding.modifiers != state) continue;
    if (binding.events) emitPressed(*binding.events, HotkeyPress{id, binding.expression});
    handled = true;
  }
  return handled ? GDK_FILTER_REMOVE : GDK_FILTER_CONTINUE;
}

void HotkeyServiceImpl::bind(const ipc::Context &context, BindArgs args, ipc::Reply reply) {
  Display *display = x11Display();
  if (!display) return (void)reply.error(ipc::Error::notSupported("global hotkeys need an X11 display (XGrabKey)"));
  unsigned modifiers = 0;
  KeySym keysym = NoSymbol;
  std::string why;
  if (!parse(args.expression, modifiers, keysym, why))
    return (void)reply.error(ipc::Error::typeError("invalid hotkey '" + args.expression + "': " + why));
  int keycode = XKeysymToKeycode(display, keysym);
  if (keycode == 0) return (void)reply.error(ipc::Error::typeError("no key on this keyboard produces '" + args.expression + "'"));
  for (auto &[id, binding] : bindings_) {
    if (binding.keycode == keycode && binding.modifiers == modifiers) return (void)resolveBind(reply, id);
  }
  GdkDisplay *gdkDisplay = gdk_display_get_default();
  gdk_x11_display_error_trap_push(gdkDisplay);
  for (unsigned ignored : kIgnored)
    XGrabKey(display, keycode, modifiers | ignored, DefaultRootWindow(display), False, GrabModeAsync, GrabModeAsync);
  XSync(display, False);
  if (gdk_x11_display_error_trap_pop(gdkDisplay) != 0) {
    for (unsigned ignored : kIgnored) XUngrabKey(display, keycode, modifiers | ignored, DefaultRootWindow(display));
    return (void)reply.error(ipc::Error::notAllowed("'" + args.expression + "' is already grabbed by another application"));
  }
  if (!filtering_) {
    gdk_window_add_filter(nullptr, filter, this);
    filtering_ = true;
  }
  uint32_t id = nextId_++;
  bindings_[id] = Binding{args.expression, keycode, modifiers, context.events};
  resolveBind(reply, id);
}

void HotkeyServiceImpl::unbind(const ipc::Context &, UnbindArgs args, ipc::Reply reply) {
  auto found = bindings_.find(args.id);
  if (found == bindings_.end()) return (void)reply.error(ipc::Error::notFound("no hotkey binding " + std::to_string(args.id)));
  ungrab(found->second);
  bindings_.erase(found);
  resolveUnbind(reply);
}

}  // namespace host
