// The ipc:// scheme: Contract 1 requests from the page, dispatched through the window's router.
#include "linux/app.hh"
#include "linux/schemes.hh"

namespace host {

void registerIpcScheme(App &app) {}

}  // namespace host
