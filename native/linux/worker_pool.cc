#include "linux/worker_pool.hh"

#include <glib.h>

namespace host {

namespace {
// Every blocking fs call runs here (fs.cc), so a call stuck on a slow disk (NFS, a FIFO with no writer) holds
// one thread: four leave room for the others. Threads waiting on the disk cost no CPU.
constexpr int kThreads = 4;

GThreadPool *pool() {
  static GThreadPool *shared = g_thread_pool_new([](gpointer data, gpointer) {
    auto *task = static_cast<std::function<void()> *>(data);
    (*task)();
    delete task;
  }, nullptr, kThreads, FALSE, nullptr);
  return shared;
}
}  // namespace

void runOffMainThread(std::function<void()> task) {
  g_thread_pool_push(pool(), new std::function<void()>(std::move(task)), nullptr);
}

void runOnMainThread(std::function<void()> task) {
  auto *boxed = new std::function<void()>(std::move(task));
  g_main_context_invoke_full(nullptr, G_PRIORITY_DEFAULT, [](gpointer data) -> gboolean {
    (*static_cast<std::function<void()> *>(data))();
    return G_SOURCE_REMOVE;
  }, boxed, [](gpointer data) { delete static_cast<std::function<void()> *>(data); });
}

}  // namespace host
