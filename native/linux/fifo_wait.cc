#include "linux/fifo_wait.hh"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace host {

std::shared_ptr<FifoWait> FifoWait::forDescriptor(int fd, int flags) {
  struct stat info;
  if (fd < 0 || (flags & O_NONBLOCK) || ::fstat(fd, &info) != 0 || !S_ISFIFO(info.st_mode)) return nullptr;
  int wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake < 0) return nullptr;  // out of descriptors: the FIFO stays blocking, as before
  int status = ::fcntl(fd, F_GETFL);
  // The open file description is the host's own (opened for this page), so nobody else sees the flag change.
  if (status < 0 || ::fcntl(fd, F_SETFL, status | O_NONBLOCK) != 0) {
    ::close(wake);
    return nullptr;
  }
  return std::make_shared<FifoWait>(wake);
}

FifoWait::~FifoWait() { ::close(wake_); }

bool FifoWait::wait(int fd, short events) {
  for (;;) {
    if (interrupted_.load()) {
      errno = EBADF;
      return false;
    }
    pollfd fds[2] = {{fd, events, 0}, {wake_, POLLIN, 0}};
    int ready = ::poll(fds, 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return false;
    if (fds[1].revents) continue;  // interrupted: reported at the top
    if (fds[0].revents) return true;
  }
}

void FifoWait::interrupt() {
  interrupted_.store(true);
  uint64_t one = 1;
  ssize_t wrote = ::write(wake_, &one, sizeof one);  // stays readable: every later wait ends at once too
  (void)wrote;
}

}  // namespace host
