#include "linux/services.hh"

#include "linux/window.hh"

namespace host {

WindowServices::WindowServices(Window &window) : window_(window) {}
WindowServices::~WindowServices() = default;

}  // namespace host
