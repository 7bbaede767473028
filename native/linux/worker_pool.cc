#include "linux/worker_pool.hh"

#include <glib.h>

namespace host {

namespace {
// Every blocking fs call runs here (fs.cc), so a call stuck on a slow disk (NFS, a FIFO with no writer) holds
// one thread: four leave room for the others. Threads waiting on the disk cost no CPU.
constexpr int kThreads = 4;
// Serving the app's files (scheme_socket.cc) has threads of its own: fs calls stuck on FIFOs planted where the
// app reads must not stop the window from loading its own code (docs/security.md).
constexpr int kServingThreads = 4;

GThreadPool *makePool(int threads) {
  return g_thread_pool_new([](gpointer data, gpointer) {
    auto *task = static_cast<std::function<void()> *>(data);
    (*task)();
    delete task;
  }, nullptr, threads, FALSE, nullptr);
}
}  // namespace

void runOffMainThread(std::function<void()> task) {
  static GThreadPool *shared = makePool(kThreads);
  g_thread_pool_push(shared, new std::function<void()>(std::move(task)), nullptr);
}

void runServingOffMainThread(std::function<void()> task) {
  static GThreadPool *serving = makePool(kServingThreads);
  g_thread_pool_push(serving, new std::function<void()>(std::move(task)), nullptr);
}

void runOnMainThread(std::function<void()> task) {
  auto *boxed = new std::function<void()>(std::move(task));
  g_main_context_invoke_full(nullptr, G_PRIORITY_DEFAULT, [](gpointer data) -> gboolean {
    (*static_cast<std::function<void()> *>(data))();
    return G_SOURCE_REMOVE;
  }, boxed, [](gpointer data) { delete static_cast<std::function<void()> *>(data); });
}

}  // namespace host
