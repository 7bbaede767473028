// Work that must not run on the GTK main thread (large file reads, blocking lookups): a small shared pool of
// threads. A task answers its ipc::Reply from the worker; the Reply marshals the answer back to the page.
#pragma once
#include <functional>

namespace host {

void runOffMainThread(std::function<void()> task);
// As runOffMainThread, on the threads that serve the app's files (socket://), kept apart from the fs calls.
void runServingOffMainThread(std::function<void()> task);
// Runs `task` on the GTK main thread (from any thread; at once when already there): from a worker, to touch
// windows, descriptor tables or reply state.
// A header of its own callers can use without GTK or WebKit (fs.cc is also built into the fuzzers).
void runOnMainThread(std::function<void()> task);

}  // namespace host
