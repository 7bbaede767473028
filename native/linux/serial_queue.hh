// Work on one descriptor, in the order the page asked for it, off the GTK main thread: tasks run one at a time
// on the worker pool (worker_pool.hh). Two writes to one fd land in order, and the close posted last runs only
// after every earlier task on it, so no task ever uses a descriptor number the kernel has given out again.
#pragma once
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace host {

class SerialQueue : public std::enable_shared_from_this<SerialQueue> {
 public:
  // Runs `task` after every task posted before it; tasks of other queues run meanwhile.
  void post(std::function<void()> task);
  // As post, unless `maxWaiting` tasks already wait behind the one running (a descriptor stuck on a FIFO read):
  // then false, and `task` is dropped for the caller to answer.
  bool tryPost(std::function<void()> task, size_t maxWaiting);

 private:
  void drain();

  std::mutex mutex_;
  std::deque<std::function<void()>> tasks_;
  bool running_ = false;  // a pool thread is draining this queue
};

}  // namespace host
