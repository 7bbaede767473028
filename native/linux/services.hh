// Everything a window's page can reach over ipc://: the router, the event sink, and one implementation per
// capability. Owned by the window: destroying it closes every descriptor, socket and watcher the page opened.
#pragma once
#include <memory>
#include <vector>

#include "ipc/ipc.hh"

namespace host {

class Window;

class WindowServices {
 public:
  explicit WindowServices(Window &window);
  ~WindowServices();

  ipc::Router &router() { return router_; }
  std::shared_ptr<ipc::EventSink> events() const { return events_; }

 private:
  Window &window_;
  ipc::Router router_;
  std::shared_ptr<ipc::EventSink> events_;
  std::vector<std::shared_ptr<void>> services_;  // each capability's implementation, kept alive with the window
};

}  // namespace host
