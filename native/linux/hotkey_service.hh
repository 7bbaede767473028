// hotkey: the generated HotkeyService on X11: each binding is an XGrabKey on the root window (once per
// NumLock/CapsLock state, so they do not stop it matching); a GDK event filter turns the grabbed key
// presses into `hotkey` events for the window that bound them. Released on unbind and when the window closes.
#pragma once
#include <gdk/gdk.h>

#include <map>
#include <memory>
#include <string>

#include "generated/cpp/hotkey.hh"

namespace host {

class App;

class HotkeyServiceImpl : public api::hotkey::HotkeyService {
 public:
  explicit HotkeyServiceImpl(App &app) : app_(app) {}
  ~HotkeyServiceImpl() override;
  void bind(const ipc::Context &, api::hotkey::BindArgs, ipc::Reply) override;
  void unbind(const ipc::Context &, api::hotkey::UnbindArgs, ipc::Reply) override;

 private:
  struct Binding {
    std::string expression;
    int keycode = 0;
    unsigned modifiers = 0;
    std::shared_ptr<ipc::EventSink> events;
  };
  static GdkFilterReturn filter(GdkXEvent *xevent, GdkEvent *, gpointer self);
  void ungrab(const Binding &binding);

  App &app_;
  std::map<uint32_t, Binding> bindings_;
  uint32_t nextId_ = 1;
  bool filtering_ = false;
};

}  // namespace host
