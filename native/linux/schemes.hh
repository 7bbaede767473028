// Custom URI schemes registered on the app's web context.
#pragma once

namespace host {

class App;

// socket://<bundle-id>/... (app files), socket:<module> and node:<module> (module proxies).
void registerAppSchemes(App &app);
// ipc://<ns>.<op>?... (the wire, Contract 1).
void registerIpcScheme(App &app);

}  // namespace host
