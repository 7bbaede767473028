// ipc::EventSink for one window: callable from any thread; events reach the page through Window::emit.
#pragma once
#include <memory>

#include "ipc/context.hh"

namespace host {

class Window;

std::shared_ptr<ipc::EventSink> makeWindowEventSink(Window &window);

}  // namespace host
