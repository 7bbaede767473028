// Opening a path below a directory descriptor so that nothing on the way (a "..", a symbolic link, a rename
// racing with us) leads outside it. openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) where the kernel has it;
// otherwise, and for absolute links that stay inside, a walk one component at a time with O_NOFOLLOW.
#pragma once
#include <fcntl.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace host {

// A descriptor that closes itself.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd &&other) noexcept : fd_(other.release()) {}
  UniqueFd &operator=(UniqueFd &&other) noexcept;
  UniqueFd(const UniqueFd &) = delete;
  UniqueFd &operator=(const UniqueFd &) = delete;
  ~UniqueFd();
  int get() const { return fd_; }
  int release() { int fd = fd_; fd_ = -1; return fd; }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

struct BeneathRequest {
  int root = -1;                      // O_PATH | O_DIRECTORY descriptor of the folder nothing may leave
  std::vector<std::string> prefixes;  // the folder's absolute paths: an absolute link target under one stays inside
  std::string relative;               // "a/b/c": no empty, "." or ".." parts; empty names the root itself
  int flags = O_PATH;                 // open(2) flags for the last component
  mode_t mode = 0;                    // with O_CREAT
  bool followFinal = true;            // follow a symbolic link in the last component (inside the root only)
};

// A new descriptor, or -errno. -EXDEV: a ".." or a symbolic link on the way leads outside the root.
int openBeneath(const BeneathRequest &request);

// "openat2" when the running kernel has it, else "walk". SOCKET_FS_RESOLVER=walk forces the walk (its tests).
const char *beneathResolver();

// The absolute path the kernel has for an open descriptor (from /proc/self/fd), or "" when unknown.
std::string pathOfDescriptor(int fd);

// "/proc/self/fd/N": names exactly the inode a descriptor holds, for calls with no *at() form on O_PATH
// descriptors (chmod, utimes, access).
std::string procPath(int fd);

// Splits "a/b//c" into {"a", "b", "c"}.
std::vector<std::string> splitPath(const std::string &path);

}  // namespace host
