// One ipc:// call from a window's page, whichever way it arrived (the ipc:// scheme or the message bridge):
// the calling window's router answers it, with the window's context. The sink may be called from any thread.
// `readDescriptor`, when given, becomes the context's (ipc/context.hh: fs.readFile may answer with a descriptor).
#pragma once
#include <functional>

#include "ipc/ipc.hh"

namespace host {

class Window;

void dispatchFromPage(Window &window, ipc::Message &message, std::function<void(ipc::Response)> sink,
                      std::function<void(int fd)> readDescriptor = {});

}  // namespace host
