// Protocol handlers (`[webview.protocol-handlers] <scheme> = <worker script>` or `[webview] protocol-handlers =
// <scheme> …`): custom URL schemes registered with WebKit at start (it takes schemes only before pages load)
// whose requests a service worker answers, as in the original.
#pragma once
#include <map>
#include <string>

namespace host {

class App;
class Config;

// The configured schemes and the worker script each names ("" when only the scheme is listed); schemes that
// are malformed or reserved (socket, ipc, http, …) are left out (with a message on stderr when `report`).
std::map<std::string, std::string> protocolHandlerSchemes(const Config &config, bool report = false);
// Registers the configured schemes on the app's web context (secure and CORS-enabled, like socket:).
void registerProtocolSchemes(App &app);
// " web+a: npm:" for the CSP's source lists: pages may load from the schemes the app configured.
std::string protocolHandlerSources(const Config &config);

}  // namespace host
