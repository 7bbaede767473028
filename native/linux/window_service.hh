// window and application: the generated WindowService and ApplicationService over the App's GTK windows.
#pragma once
#include "generated/cpp/application.hh"
#include "generated/cpp/window.hh"

namespace host {

class App;
class Window;

class WindowServiceImpl : public api::window::WindowService {
 public:
  explicit WindowServiceImpl(App &app) : app_(app) {}

  void create(const ipc::Context &, api::window::CreateArgs, ipc::Reply) override;
  void close(const ipc::Context &, api::window::CloseArgs, ipc::Reply) override;
  void show(const ipc::Context &, api::window::ShowArgs, ipc::Reply) override;
  void hide(const ipc::Context &, api::window::HideArgs, ipc::Reply) override;
  void maximize(const ipc::Context &, api::window::MaximizeArgs, ipc::Reply) override;
  void minimize(const ipc::Context &, api::window::MinimizeArgs, ipc::Reply) override;
  void restore(const ipc::Context &, api::window::RestoreArgs, ipc::Reply) override;
  void eval(const ipc::Context &, api::window::EvalArgs, ipc::Reply) override;
  void navigate(const ipc::Context &, api::window::NavigateArgs, ipc::Reply) override;
  void send(const ipc::Context &, api::window::SendArgs, ipc::Reply) override;
  void getTitle(const ipc::Context &, api::window::GetTitleArgs, ipc::Reply) override;
  void setTitle(const ipc::Context &, api::window::SetTitleArgs, ipc::Reply) override;
  void setSize(const ipc::Context &, api::window::SetSizeArgs, ipc::Reply) override;
  void setPosition(const ipc::Context &, api::window::SetPositionArgs, ipc::Reply) override;
  void getBackgroundColor(const ipc::Context &, api::window::GetBackgroundColorArgs, ipc::Reply) override;
  void setBackgroundColor(const ipc::Context &, api::window::SetBackgroundColorArgs, ipc::Reply) override;
  void setContextMenu(const ipc::Context &, api::window::SetContextMenuArgs, ipc::Reply) override;
  void showInspector(const ipc::Context &, api::window::ShowInspectorArgs, ipc::Reply) override;
  void showFileSystemPicker(const ipc::Context &, api::window::ShowFileSystemPickerArgs, ipc::Reply) override;
  void hotkeyBind(const ipc::Context &, api::window::HotkeyBindArgs, ipc::Reply) override;
  void hotkeyUnbind(const ipc::Context &, api::window::HotkeyUnbindArgs, ipc::Reply) override;
  void hotkeyReset(const ipc::Context &, api::window::HotkeyResetArgs, ipc::Reply) override;
  void hotkeyBindings(const ipc::Context &, api::window::HotkeyBindingsArgs, ipc::Reply) override;
  void hotkeyMappings(const ipc::Context &, api::window::HotkeyMappingsArgs, ipc::Reply) override;

 private:
  // The target window (the caller's when `index` is absent), or nullptr after answering NotFoundError.
  Window *target(const ipc::Context &context, std::optional<int32_t> index, ipc::Reply &reply);
  App &app_;
};

class ApplicationServiceImpl : public api::application::ApplicationService {
 public:
  explicit ApplicationServiceImpl(App &app) : app_(app) {}

  void exit(const ipc::Context &, api::application::ExitArgs, ipc::Reply) override;
  void getScreenSize(const ipc::Context &, api::application::GetScreenSizeArgs, ipc::Reply) override;
  void getWindows(const ipc::Context &, api::application::GetWindowsArgs, ipc::Reply) override;
  void setSystemMenu(const ipc::Context &, api::application::SetSystemMenuArgs, ipc::Reply) override;
  void setSystemMenuItemEnabled(const ipc::Context &, api::application::SetSystemMenuItemEnabledArgs, ipc::Reply) override;
  void setTrayMenu(const ipc::Context &, api::application::SetTrayMenuArgs, ipc::Reply) override;

 private:
  App &app_;
};

// A window's state as the window routes report it.
api::window::WindowInfo windowInfo(Window &window);

}  // namespace host
