// Work that must not run on the GTK main thread (large file reads, blocking lookups): a small shared pool of
// threads. A task answers its ipc::Reply from the worker; the Reply marshals the answer back to the page.
#pragma once
#include <functional>

namespace host {

void runOffMainThread(std::function<void()> task);

}  // namespace host
