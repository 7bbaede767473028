// The fast file read: `fs.readFile` of a regular file without its bytes going through WebKit's resource loading.
// A WebKit web-process extension (native/linux/webext/fast_read_extension.cc, built beside the host as
// socket-webext/libsocket-fast-read.so) asks this host, with a WebKitUserMessage, for the file; the host makes the
// checks of the message bridge and of fs.readFile (the frame is the app's, the fs sandbox below the app's roots)
// and answers with the file opened read-only, as a descriptor in the reply's fd list. The extension reads it on a
// thread of its own into the page's ArrayBuffer. Without the library (or with SOCKET_HOST_FAST_READ=0 in the
// host's environment) nothing is installed and fs.readFile takes the bridge and ipc:// path unchanged.
#pragma once
#include <webkit2/webkit2.h>

namespace host {

class App;
class Window;

// Points the app's web context at the extension's folder when the library is there and no page could have written
// it; call before any web view exists.
void enableFastRead(App &app);

// The isolated-world script and the message handler for one window (nothing when the extension is not enabled).
void installFastRead(Window &window);

}  // namespace host
