#include "linux/fs_resolve.hh"

#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <deque>

namespace host {

UniqueFd &UniqueFd::operator=(UniqueFd &&other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

std::vector<std::string> splitPath(const std::string &path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string procPath(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

std::string pathOfDescriptor(int fd) {
  char buffer[PATH_MAX];
  ssize_t size = ::readlink(procPath(fd).c_str(), buffer, sizeof buffer - 1);
  if (size <= 0) return "";
  return std::string(buffer, size);
}

namespace {
// Linux follows at most 40 links in one lookup; so does the walk.
constexpr int kMaxLinks = 40;

// 1: openat2 works; 0: not probed yet; -1: the kernel lacks it (ENOSYS) or the walk is forced.
std::atomic<int> haveOpenat2{0};

bool useOpenat2() {
  int known = haveOpenat2.load();
  if (known == 0) {
    const char *forced = std::getenv("SOCKET_FS_RESOLVER");
    known = forced && std::strcmp(forced, "walk") == 0 ? -1 : 1;
    haveOpenat2.store(known);
  }
  return known > 0;
}

// Where an absolute link target lands relative to the root, or false when it is under none of its paths.
bool underRoot(const std::string &target, const std::vector<std::string> &prefixes, std::string &rest) {
  for (const auto &prefix : prefixes) {
    if (prefix.empty()) continue;
    if (prefix == "/") { rest = target.substr(1); return true; }
    if (target.compare(0, prefix.size(), prefix) != 0) continue;
    if (target.size() == prefix.size()) { rest.clear(); return true; }
    if (target[prefix.size()] == '/') { rest = target.substr(prefix.size() + 1); return true; }
  }
  return false;
}

// The walk: every component is opened with O_NOFOLLOW relative to the descriptor of the one before it, and
// symbolic links are read and spliced in by hand. ".." pops to the previous descriptor and never past the root;
// a link swapped in between our look and our open makes the open fail (ELOOP/ENOTDIR), never escape.
int walkBeneath(const BeneathRequest &request) {
  std::vector<UniqueFd> stack;  // descriptors below the root, innermost last
  auto top = [&] { return stack.empty() ? request.root : stack.back().get(); };
  std::deque<std::string> parts;
  for (auto &part : splitPath(request.relative)) parts.push_back(part);
  int links = 0;
  while (!parts.empty()) {
    std::string part = std::move(parts.front());
    parts.pop_front();
    if (part == ".") continue;
    if (part == "..") {
      if (stack.empty()) return -EXDEV;
      stack.pop_back();
      continue;
    }
    const bool last = parts.empty();
    struct stat info;
    const bool exists = ::fstatat(top(), part.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0;
    if (!exists && errno != ENOENT) return -errno;
    // O_CREAT | O_EXCL never follows a final link: the name exists, so EEXIST, as open(2) says.
    const bool exclusive = (request.flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
    if (exists && S_ISLNK(info.st_mode) && (!last || (request.followFinal && !exclusive))) {
      if (++links > kMaxLinks) return -ELOOP;
      char buffer[PATH_MAX];
      ssize_t size = ::readlinkat(top(), part.c_str(), buffer, sizeof buffer - 1);
      if (size < 0) return -errno;
      std::string target(buffer, size);
      if (target.empty()) return -ENOENT;
      if (target[0] == '/') {
        std::string rest;
        if (!underRoot(target, request.prefixes, rest)) return -EXDEV;
        stack.clear();
        target = rest;
      }
      auto spliced = splitPath(target);
      parts.insert(parts.begin(), spliced.begin(), spliced.end());
      continue;
    }
    if (!last) {
      int fd = ::openat(top(), part.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) return -errno;
      stack.emplace_back(fd);
      continue;
    }
    int fd = ::openat(top(), part.c_str(), request.flags | O_NOFOLLOW | O_CLOEXEC, request.mode);
    if (fd < 0) return -errno;
    if ((request.flags & O_PATH) && request.followFinal) {
      // O_PATH | O_NOFOLLOW opens a link itself: one swapped in since fstatat is refused, not followed.
      struct stat opened;
      if (::fstat(fd, &opened) == 0 && S_ISLNK(opened.st_mode)) { ::close(fd); return -ELOOP; }
    }
    return fd;
  }
  // The path ended on a directory reached through ".." or a link ("a/..", a link to "."): open it.
  int fd = ::openat(top(), ".", (request.flags & ~(O_CREAT | O_EXCL)) | O_CLOEXEC);
  return fd < 0 ? -errno : fd;
}
}  // namespace

const char *beneathResolver() { return useOpenat2() ? "openat2" : "walk"; }

int openBeneath(const BeneathRequest &request) {
  if (useOpenat2()) {
    open_how how{};
    how.flags = static_cast<uint64_t>(request.flags | O_CLOEXEC | (request.followFinal ? 0 : O_NOFOLLOW));
    how.mode = (request.flags & (O_CREAT | __O_TMPFILE)) ? (request.mode & 07777) : 0;  // openat2 refuses other bits
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    const char *path = request.relative.empty() ? "." : request.relative.c_str();
    for (int attempt = 0; attempt < 8; attempt++) {
      long fd = ::syscall(SYS_openat2, request.root, path, &how, sizeof how);
      if (fd >= 0) return static_cast<int>(fd);
      // EAGAIN: a rename raced with a ".." check; the kernel asks us to try again.
      if (errno == EAGAIN) continue;
      break;
    }
    if (errno == ENOSYS) haveOpenat2.store(-1);
    // EXDEV is also what RESOLVE_BENEATH says for every absolute link, even one that stays inside: the walk
    // decides those. Every other answer stands.
    else if (errno != EXDEV) return -errno;
  }
  return walkBeneath(request);
}

}  // namespace host
