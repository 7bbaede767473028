#include "linux/worker_pool.hh"

#include <glib.h>

namespace host {

namespace {
// Two threads: enough to keep a read going while another one waits on the disk, few enough for a 2-core laptop.
constexpr int kThreads = 2;

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

}  // namespace host
