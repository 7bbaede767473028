// Reads and writes of a FIFO that close() can interrupt. A read of a FIFO nobody writes to never ends, and the
// close posted after it on the descriptor's queue (serial_queue.hh) waited behind it for good, holding a pool
// thread. So a FIFO the page opens without O_NONBLOCK is made non-blocking, and its reads and writes wait in
// poll(2) on the descriptor and an eventfd that close() signals: a waiting call then ends (EBADF, or the bytes it
// had) and the queue moves on. The descriptor itself still closes last on its queue, after every call sent
// before the close, so no call ever uses a descriptor number the kernel has given out again.
#pragma once
#include <atomic>
#include <memory>

namespace host {

class FifoWait {
 public:
  // For `fd`, just opened with `flags`: a FifoWait when it is a FIFO the caller did not ask to be non-blocking
  // (it is non-blocking from now on), else null (nothing to do: regular files, devices, O_NONBLOCK FIFOs).
  static std::shared_ptr<FifoWait> forDescriptor(int fd, int flags);
  explicit FifoWait(int wake) : wake_(wake) {}
  ~FifoWait();
  FifoWait(const FifoWait &) = delete;
  FifoWait &operator=(const FifoWait &) = delete;

  // Until `fd` is ready for `events` (POLLIN, POLLOUT; hang-ups and errors count as ready, the next call reports
  // them): true; false with errno EBADF once interrupt() was called, before or during the wait.
  bool wait(int fd, short events);
  // Any thread (close, the window closing): every wait, now or later, ends.
  void interrupt();

 private:
  const int wake_;  // an eventfd, readable once interrupted
  std::atomic<bool> interrupted_{false};
};

}  // namespace host
