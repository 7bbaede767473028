// Custom URI schemes registered on the app's web context.
#pragma once
#include <webkit2/webkit2.h>

#include <cstdint>
#include <string>
#include <vector>

namespace host {

class App;

// socket://<bundle-id>/... (app files), socket:<module> and node:<module> (module proxies).
void registerAppSchemes(App &app);
// ipc://<ns>.<op>?... (the wire, Contract 1).
void registerIpcScheme(App &app);

// What socket://<bundle-id>/<path> serves without a service worker: the app's file (or 403/404).
void serveAppFile(App &app, WebKitURISchemeRequest *request, const std::string &path);
// The Content-Security-Policy the host sends with the app's HTML (`webview_csp`, or the default).
std::string appCsp(const App &app);
// Reads a scheme request's body (at most 64 MiB); false with `error` when it cannot or it is larger.
bool readRequestBody(WebKitURISchemeRequest *request, std::vector<uint8_t> &body, std::string &error);

}  // namespace host
