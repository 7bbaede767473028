#include "linux/events.hh"

#include <string>

#include "linux/app.hh"
#include "linux/window.hh"
#include "linux/worker_pool.hh"

namespace host {

namespace {
class WindowEventSink : public ipc::EventSink {
 public:
  explicit WindowEventSink(Window &window) : window_(&window), alive_(window.alive()) {}

  void emit(const std::string &name, const ipc::Json &detail) override {
    deliver(name, detail.stringify(), nullptr);
  }

  void emitBinary(const std::string &name, const ipc::Json &params, std::vector<uint8_t> bytes) override {
    std::string detail = "{\"params\":" + params.stringify() + "}";
    auto data = std::make_shared<std::string>(bytes.begin(), bytes.end());
    deliver(name, std::move(detail), data);
  }

 private:
  void deliver(const std::string &name, std::string detail, std::shared_ptr<std::string> bytes) {
    Window *window = window_;
    auto alive = alive_;
    // On the main thread this runs at once (g_main_context_invoke); from a worker it is queued there.
    runOnMainThread([window, alive, name, detail = std::move(detail), bytes]() {
      if (*alive) window->emit(name, detail, bytes.get());
    });
  }

  Window *window_;
  std::shared_ptr<bool> alive_;
};
}  // namespace

std::shared_ptr<ipc::EventSink> makeWindowEventSink(Window &window) {
  return std::make_shared<WindowEventSink>(window);
}

}  // namespace host
