// Everything a window's page can reach over ipc://: the router and one implementation per capability.
#pragma once

namespace host {

class Window;

class WindowServices {
 public:
  explicit WindowServices(Window &window);
  ~WindowServices();

 private:
  Window &window_;
};

}  // namespace host
