// process.open / process.kill / process.write: the page's handle on the backend sub-process. As in the
// original these are host routes (they act on the app's one backend, not on a window's resources).
#pragma once
#include "ipc/router.hh"

namespace host {

class App;

void registerBackendRoutes(ipc::Router &router, App &app);

}  // namespace host
