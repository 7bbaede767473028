#include "linux/serial_queue.hh"

#include <cstdint>

#include "linux/worker_pool.hh"

namespace host {

void SerialQueue::post(std::function<void()> task) { tryPost(std::move(task), SIZE_MAX); }

bool SerialQueue::tryPost(std::function<void()> task, size_t maxWaiting) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // tasks_ holds only the waiting ones: drain pops a task before running it.
    if (tasks_.size() >= maxWaiting) return false;
    tasks_.push_back(std::move(task));
    if (running_) return true;
    running_ = true;
  }
  // Started outside the lock: a pool that runs the drain at once (the fuzzers' inline one) would otherwise take
  // the lock twice. The drain holds the queue alive: the descriptor's owner may drop it (window closed) while
  // tasks remain.
  runOffMainThread([self = shared_from_this()] { self->drain(); });
  return true;
}

void SerialQueue::drain() {
  for (;;) {
    std::function<void()> task;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (tasks_.empty()) {
        running_ = false;
        return;
      }
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

}  // namespace host
