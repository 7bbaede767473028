#include "linux/services.hh"

#include "linux/backend_routes.hh"
#include "linux/events.hh"
#include "linux/window.hh"

namespace host {

WindowServices::WindowServices(Window &window) : window_(window), events_(makeWindowEventSink(window)) {
  registerBackendRoutes(router_, window.app());
}

WindowServices::~WindowServices() {
  // Services go first (they may emit while closing); the router's handlers point into them.
  services_.clear();
}

}  // namespace host
