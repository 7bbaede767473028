// Where a window's pages may go (socket.ini `[webview.navigator.policies]`) and opening links in the system
// browser instead. The main frame stays on the app's origin (and the dev server's, in dev builds).
#pragma once
#include <string>

namespace host {

class App;

// The main frame may show `url`: the app's origin, or a match of `allowed[]` (patterns with `*`, the original's key).
bool mayLoadInWindow(const App &app, const std::string &url);
// A frame may show `url`: as above, about:blank/about:srcdoc, blob: URLs of the app, or an entry of `frames[]`
// (a scheme such as `data:` or `https:`, or an origin such as `https://www.youtube.com`).
bool mayLoadInFrame(const App &app, const std::string &url);
// A refused link may go to the system browser: http:, https: or mailto:, matching `external[]`
// (default `http://* https://* mailto:*`; an empty list opens nothing).
bool mayOpenExternally(const App &app, const std::string &url);
// Opens `url` with the desktop's handler (gio's default for the URI), or, when the SOCKET_HOST_OPEN_EXTERNAL
// environment variable names a program, runs that program with the URL as its one argument (a test seam: a
// machine without a browser can observe the hand-off). Logs one line to stderr either way.
bool openInSystemBrowser(const std::string &url, std::string &error);

}  // namespace host
