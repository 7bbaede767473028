// The fast path for ipc:// calls without a request body: a script message handler with a reply, registered in an
// isolated script world that only the app's own frames get. The page's own world cannot see the handler
// (`window.webkit` does not exist there); it reaches the bridge through two DOM events on its document, which a
// small script in the isolated world answers. A frame from any other origin has no bridge at all.
// runtime-js/ipc/bridge.ts is the page's side. Calls with a body, binary replies and sync calls stay on ipc://.
#pragma once
#include <webkit2/webkit2.h>

namespace host {

class Window;

// The isolated script world of the bridge; the fast file read (fast_read.hh) adds its function to the same one.
inline constexpr const char *kIpcWorld = "socket-ipc";

void installIpcBridge(Window &window, WebKitUserContentManager *content);

// Adds `source` as a document-start script of the isolated world, in the app's own frames only.
void addIsolatedScript(Window &window, WebKitUserContentManager *content, const char *source);

}  // namespace host
