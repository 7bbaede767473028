#include "linux/fs_service.hh"
#include "linux/worker_pool.hh"

#include <sys/types.h>

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <algorithm>

namespace host {

using namespace api::fs;
using Access = Permissions::Access;

namespace {
FileStats toStats(const struct stat &info) {
  auto ms = [](const timespec &t) { return t.tv_sec * 1000.0 + t.tv_nsec / 1e6; };
  FileStats out;
  out.dev = info.st_dev;
  out.ino = info.st_ino;
  out.mode = info.st_mode;
  out.nlink = info.st_nlink;
  out.uid = info.st_uid;
  out.gid = info.st_gid;
  out.rdev = info.st_rdev;
  out.size = info.st_size;
  out.blksize = info.st_blksize;
  out.blocks = info.st_blocks;
  out.atimeMs = ms(info.st_atim);
  out.mtimeMs = ms(info.st_mtim);
  out.ctimeMs = ms(info.st_ctim);
  out.birthtimeMs = out.ctimeMs;
  return out;
}

FileType typeOf(mode_t mode) {
  if (S_ISREG(mode)) return FileType::File;
  if (S_ISDIR(mode)) return FileType::Directory;
  if (S_ISLNK(mode)) return FileType::Symlink;
  if (S_ISFIFO(mode)) return FileType::Fifo;
  if (S_ISSOCK(mode)) return FileType::Socket;
  if (S_ISCHR(mode)) return FileType::Char;
  if (S_ISBLK(mode)) return FileType::Block;
  return FileType::Unknown;
}

FileType typeOfDirent(unsigned char type) {
  switch (type) {
    case DT_REG: return FileType::File;
    case DT_DIR: return FileType::Directory;
    case DT_LNK: return FileType::Symlink;
    case DT_FIFO: return FileType::Fifo;
    case DT_SOCK: return FileType::Socket;
    case DT_CHR: return FileType::Char;
    case DT_BLK: return FileType::Block;
    default: return FileType::Unknown;
  }
}

bool fail(ipc::Reply &reply, const char *syscall, const std::string &path = "") {
  return reply.error(ipc::Error::fromErrno(errno, syscall, path));
}

// Seconds since the epoch (as Node passes them) to a timespec, flooring so that -0.5 is -1 s + 0.5e9 ns.
timespec toTimespec(double seconds) {
  double whole = std::floor(seconds);
  timespec out;
  out.tv_sec = static_cast<time_t>(whole);
  out.tv_nsec = static_cast<long>(std::llround((seconds - whole) * 1e9));
  if (out.tv_nsec >= 1000000000L) { out.tv_sec += 1; out.tv_nsec -= 1000000000L; }
  return out;
}

bool writes(int flags) {
  return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) != 0;
}
}  // namespace

FsServiceImpl::~FsServiceImpl() {
  for (auto &[id, descriptor] : descriptors_) closeDescriptor(descriptor);
}

namespace {
// Answers `reply` with the failure: NotAllowedError naming the path, or ErrnoError.
bool failed(ipc::Reply &reply, const Permissions::Failure &failure, const char *syscall, const std::string &path) {
  if (!failure.denied) return reply.error(ipc::Error::fromErrno(failure.code, syscall, path));
  ipc::Error error = ipc::Error::notAllowed(failure.message);
  error.path = path;
  return reply.error(error);
}

// The file `path` names, opened with `flags` below its root; on refusal answers `reply` and is empty.
UniqueFd target(const Permissions &permissions, const std::string &path, Access access, int flags, mode_t mode,
                const char *syscall, ipc::Reply &reply, bool *writable = nullptr) {
  Permissions::Failure failure;
  UniqueFd fd(permissions.open(path, access, flags, mode, failure, writable));
  if (!fd) failed(reply, failure, syscall, path);
  return fd;
}

// The folder holding `path` (O_PATH) and, in `name`, its last component; on refusal answers `reply`.
UniqueFd parent(const Permissions &permissions, const std::string &path, Access access, std::string &name,
                const char *syscall, ipc::Reply &reply) {
  Permissions::Failure failure;
  UniqueFd fd(permissions.openParent(path, access, name, failure));
  if (!fd) failed(reply, failure, syscall, path);
  return fd;
}

// Removing, renaming or replacing a root itself would pull the folder out from under its descriptor.
bool refuseRoot(const std::string &name, const std::string &path, ipc::Reply &reply) {
  if (!name.empty()) return false;
  ipc::Error error = ipc::Error::notAllowed(path + " is one of the app's root folders: it cannot be removed, renamed or replaced");
  error.path = path;
  reply.error(error);
  return true;
}

// A path route's whole body (the confined open below its root and the syscall) on the worker pool. It captures
// only its arguments, its Reply and the app's Permissions (thread-safe), with a reference that keeps them alive:
// tasks still queued when the app exits run after the App is gone.
void offMain(std::function<void()> task) { runOffMainThread(std::move(task)); }
}  // namespace

bool FsServiceImpl::idTaken(uint64_t id, ipc::Reply &reply) {
  if (!descriptors_.count(id) && !opening_.count(id)) return false;
  reply.error(ipc::Error::typeError("id " + std::to_string(id) + " is already in use in this window"));
  return true;
}

FsServiceImpl::Descriptor *FsServiceImpl::find(uint64_t id, bool directory, ipc::Reply &reply) {
  auto found = descriptors_.find(id);
  if (found == descriptors_.end() || (directory != (found->second.dir != nullptr))) {
    ipc::Error error = ipc::Error::fromErrno(EBADF, directory ? "readdir" : "fd");
    error.message = std::string("no open ") + (directory ? "directory handle" : "descriptor") + " with id " +
                    std::to_string(id) + " in this window";
    reply.error(error);
    return nullptr;
  }
  return &found->second;
}

FsServiceImpl::Descriptor *FsServiceImpl::findWritable(uint64_t id, const char *syscall, ipc::Reply &reply) {
  auto found = descriptors_.find(id);
  if (found == descriptors_.end() || found->second.dir != nullptr) {
    ipc::Error error = ipc::Error::fromErrno(EBADF, syscall);
    error.message = "no open descriptor with id " + std::to_string(id) + " in this window";
    reply.error(error);
    return nullptr;
  }
  // The same rule a path-based chmod/chown/utimes follows, decided when the file was opened.
  if (!found->second.writable) {
    ipc::Error error = ipc::Error::notAllowed("changing " + found->second.path + " is not allowed: the app may only read that folder (grant writing with [filesystem] allow[] in socket.ini)");
    error.path = found->second.path;
    reply.error(error);
    return nullptr;
  }
  return &found->second;
}

void FsServiceImpl::closeDescriptor(Descriptor &descriptor, std::function<void(int, int)> done) {
  int fd = descriptor.fd;
  auto *dir = static_cast<DIR *>(descriptor.dir);
  // A FIFO read or write waiting for a writer or a reader (maybe forever) ends now, and so does any sent before
  // the close that would wait: the close behind them answers. The descriptor still closes only below, last.
  if (descriptor.fifo) descriptor.fifo->interrupt();
  descriptor.queue->post([fd, dir, fifo = std::move(descriptor.fifo), done = std::move(done)] {
    int status = dir ? ::closedir(dir) : fd >= 0 ? ::close(fd) : 0;
    int error = errno;
    if (done) done(status, error);
  });
  descriptor.dir = nullptr;
  descriptor.fd = -1;
}

bool FsServiceImpl::queue(Descriptor &descriptor, const char *syscall, ipc::Reply &reply, std::function<void()> task) {
  if (descriptor.queue->tryPost(std::move(task), kMaxQueuedCalls)) return true;
  // EAGAIN, as a non-blocking descriptor answers a read that would wait: try again once the calls before it ran.
  ipc::Error error = ipc::Error::fromErrno(EAGAIN, syscall, descriptor.path);
  error.message += ": " + std::to_string(kMaxQueuedCalls) + " calls already wait on this descriptor (one before them has not finished: a pipe or FIFO with no writer?)";
  reply.error(error);
  return false;
}

void FsServiceImpl::access(const ipc::Context &, AccessArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    UniqueFd fd = target(permissions, args.path, (args.mode & W_OK) ? Access::Write : Access::Read, O_PATH, 0, "access", reply);
    if (!fd) return;
    if (args.mode != F_OK && ::access(procPath(fd.get()).c_str(), args.mode) != 0) return (void)fail(reply, "access", args.path);
    resolveAccess(reply, AccessResult{args.mode});
  });
}

void FsServiceImpl::chmod(const ipc::Context &, ChmodArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    UniqueFd fd = target(permissions, args.path, Access::Write, O_PATH, 0, "chmod", reply);
    if (!fd) return;
    if (::chmod(procPath(fd.get()).c_str(), args.mode) != 0) return (void)fail(reply, "chmod", args.path);
    resolveChmod(reply);
  });
}

void FsServiceImpl::chown(const ipc::Context &, ChownArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    UniqueFd fd = target(permissions, args.path, Access::Write, O_PATH, 0, "chown", reply);
    if (!fd) return;
    if (::fchownat(fd.get(), "", args.uid, args.gid, AT_EMPTY_PATH) != 0) return (void)fail(reply, "chown", args.path);
    resolveChown(reply);
  });
}

void FsServiceImpl::lchown(const ipc::Context &, LchownArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    std::string name;
    UniqueFd folder = parent(permissions, args.path, Access::Write, name, "lchown", reply);
    if (!folder) return;
    if (::fchownat(folder.get(), name.c_str(), args.uid, args.gid, name.empty() ? AT_EMPTY_PATH : AT_SYMLINK_NOFOLLOW) != 0)
      return (void)fail(reply, "lchown", args.path);
    resolveLchown(reply);
  });
}

void FsServiceImpl::fchmod(const ipc::Context &, FchmodArgs args, ipc::Reply reply) {
  Descriptor *descriptor = findWritable(args.id, "fchmod", reply);
  if (!descriptor) return;
  queue(*descriptor, "fchmod", reply, [fd = descriptor->fd, mode = args.mode, reply]() mutable {
    if (::fchmod(fd, mode) != 0) return (void)fail(reply, "fchmod");
    resolveFchmod(reply);
  });
}

void FsServiceImpl::fchown(const ipc::Context &, FchownArgs args, ipc::Reply reply) {
  Descriptor *descriptor = findWritable(args.id, "fchown", reply);
  if (!descriptor) return;
  queue(*descriptor, "fchown", reply, [fd = descriptor->fd, args, reply]() mutable {
    if (::fchown(fd, args.uid, args.gid) != 0) return (void)fail(reply, "fchown");
    resolveFchown(reply);
  });
}

void FsServiceImpl::utimes(const ipc::Context &, UtimesArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    UniqueFd fd = target(permissions, args.path, Access::Write, O_PATH, 0, "utime", reply);
    if (!fd) return;
    const timespec times[2] = {toTimespec(args.atime), toTimespec(args.mtime)};
    if (::utimensat(AT_FDCWD, procPath(fd.get()).c_str(), times, 0) != 0) return (void)fail(reply, "utime", args.path);
    resolveUtimes(reply);
  });
}

void FsServiceImpl::lutimes(const ipc::Context &, LutimesArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    std::string name;
    UniqueFd folder = parent(permissions, args.path, Access::Write, name, "lutime", reply);
    if (!folder) return;
    const timespec times[2] = {toTimespec(args.atime), toTimespec(args.mtime)};
    int status = name.empty() ? ::utimensat(AT_FDCWD, procPath(folder.get()).c_str(), times, 0)
                              : ::utimensat(folder.get(), name.c_str(), times, AT_SYMLINK_NOFOLLOW);
    if (status != 0) return (void)fail(reply, "lutime", args.path);
    resolveLutimes(reply);
  });
}

void FsServiceImpl::futimes(const ipc::Context &, FutimesArgs args, ipc::Reply reply) {
  Descriptor *descriptor = findWritable(args.id, "futime", reply);
  if (!descriptor) return;
  queue(*descriptor, "futime", reply, [fd = descriptor->fd, args, reply]() mutable {
    const timespec times[2] = {toTimespec(args.atime), toTimespec(args.mtime)};
    if (::futimens(fd, times) != 0) return (void)fail(reply, "futime");
    resolveFutimes(reply);
  });
}

void FsServiceImpl::open(const ipc::Context &, OpenArgs args, ipc::Reply reply) {
  if (idTaken(args.id, reply)) return;
  if (args.flags & O_PATH) return (void)reply.error(ipc::Error::typeError("O_PATH descriptors are not offered to pages"));
  // Opening may block (a FIFO with no writer, a slow mount): on the pool; the id is entered on the main thread.
  opening_.insert(args.id);
  offMain([keep = permissions_, &permissions = *permissions_, alive = std::weak_ptr<int>(alive_), this, args, reply]() mutable {
    bool writable = false;
    UniqueFd fd = target(permissions, args.path, writes(args.flags) ? Access::Write : Access::Read, args.flags, args.mode,
                         "open", reply, &writable);
    std::shared_ptr<FifoWait> fifo = FifoWait::forDescriptor(fd.get(), args.flags);
    int raw = fd.release();
    runOnMainThread([alive, this, raw, writable, fifo, args, reply]() mutable {
      if (alive.expired()) {  // the window closed meanwhile: `this` is gone
        if (raw >= 0) ::close(raw);
        return;
      }
      opening_.erase(args.id);
      if (raw < 0) return;  // refused or failed: already answered
      descriptors_[args.id] = Descriptor{raw, nullptr, false, writable, args.path, std::make_shared<SerialQueue>(), fifo};
      resolveOpen(reply, OpenResult{args.id, raw});
    });
  });
}

void FsServiceImpl::opendir(const ipc::Context &, OpendirArgs args, ipc::Reply reply) {
  if (idTaken(args.id, reply)) return;
  opening_.insert(args.id);
  offMain([keep = permissions_, &permissions = *permissions_, alive = std::weak_ptr<int>(alive_), this, args, reply]() mutable {
    DIR *dir = nullptr;
    UniqueFd fd = target(permissions, args.path, Access::Read, O_RDONLY | O_DIRECTORY, 0, "opendir", reply);
    if (fd) {
      dir = ::fdopendir(fd.get());
      if (dir) fd.release();
      else fail(reply, "opendir", args.path);
    }
    runOnMainThread([alive, this, dir, args, reply]() mutable {
      if (alive.expired()) {
        if (dir) ::closedir(dir);
        return;
      }
      opening_.erase(args.id);
      if (!dir) return;
      descriptors_[args.id] = Descriptor{dirfd(dir), dir, false, false, args.path, std::make_shared<SerialQueue>(), nullptr};
      resolveOpendir(reply, OpenResult{args.id, dirfd(dir)});
    });
  });
}

void FsServiceImpl::close(const ipc::Context &, CloseArgs args, ipc::Reply reply) {
  Descriptor *descriptor = find(args.id, false, reply);
  if (!descriptor) return;
  // The id is gone at once; the descriptor closes after the calls already queued on it, and answers from there.
  closeDescriptor(*descriptor, [reply](int status, int error) mutable {
    errno = error;
    if (status != 0 && errno != EINTR) return (void)fail(reply, "close");
    resolveClose(reply);
  });
  descriptors_.erase(args.id);
}

void FsServiceImpl::closedir(const ipc::Context &, ClosedirArgs args, ipc::Reply reply) {
  Descriptor *descriptor = find(args.id, true, reply);
  if (!descriptor) return;
  closeDescriptor(*descriptor, [reply](int, int) mutable { resolveClosedir(reply); });
  descriptors_.erase(args.id);
}

void FsServiceImpl::closeOpenDescriptor(const ipc::Context &, CloseOpenDescriptorArgs args, ipc::Reply reply) {
  auto found = descriptors_.find(args.id);
  if (found == descriptors_.end()) return (void)reply.error(ipc::Error::fromErrno(EBADF, "close"));
  closeDescriptor(found->second);
  descriptors_.erase(found);
  resolveCloseOpenDescriptor(reply);
}

void FsServiceImpl::closeOpenDescriptors(const ipc::Context &, CloseOpenDescriptorsArgs args, ipc::Reply reply) {
  uint32_t closed = 0;
  for (auto it = descriptors_.begin(); it != descriptors_.end();) {
    if (args.preserveRetained && it->second.retained) { ++it; continue; }
    closeDescriptor(it->second);
    it = descriptors_.erase(it);
    closed++;
  }
  resolveCloseOpenDescriptors(reply, closed);
}

void FsServiceImpl::retainOpenDescriptor(const ipc::Context &, RetainOpenDescriptorArgs args, ipc::Reply reply) {
  auto found = descriptors_.find(args.id);
  if (found == descriptors_.end()) return (void)reply.error(ipc::Error::fromErrno(EBADF, "retain"));
  found->second.retained = true;
  resolveRetainOpenDescriptor(reply);
}

void FsServiceImpl::getOpenDescriptors(const ipc::Context &, GetOpenDescriptorsArgs, ipc::Reply reply) {
  std::vector<OpenDescriptor> out;
  for (auto &[id, descriptor] : descriptors_)
    out.push_back(OpenDescriptor{id, descriptor.fd, descriptor.dir ? FileType::Directory : FileType::File, descriptor.retained});
  resolveGetOpenDescriptors(reply, out);
}

void FsServiceImpl::constants(const ipc::Context &, ConstantsArgs, ipc::Reply reply) {
  std::map<std::string, int32_t> out = {
    {"O_RDONLY", O_RDONLY}, {"O_WRONLY", O_WRONLY}, {"O_RDWR", O_RDWR}, {"O_APPEND", O_APPEND},
    {"O_CREAT", O_CREAT}, {"O_EXCL", O_EXCL}, {"O_TRUNC", O_TRUNC}, {"O_SYNC", O_SYNC},
    {"O_DSYNC", O_DSYNC}, {"O_NOCTTY", O_NOCTTY}, {"O_NOFOLLOW", O_NOFOLLOW}, {"O_DIRECTORY", O_DIRECTORY},
    {"O_NONBLOCK", O_NONBLOCK}, {"O_NOATIME", O_NOATIME},
    {"S_IFMT", S_IFMT}, {"S_IFREG", S_IFREG}, {"S_IFDIR", S_IFDIR}, {"S_IFCHR", S_IFCHR}, {"S_IFBLK", S_IFBLK},
    {"S_IFIFO", S_IFIFO}, {"S_IFLNK", S_IFLNK}, {"S_IFSOCK", S_IFSOCK},
    {"S_IRWXU", S_IRWXU}, {"S_IRUSR", S_IRUSR}, {"S_IWUSR", S_IWUSR}, {"S_IXUSR", S_IXUSR},
    {"S_IRWXG", S_IRWXG}, {"S_IRGRP", S_IRGRP}, {"S_IWGRP", S_IWGRP}, {"S_IXGRP", S_IXGRP},
    {"S_IRWXO", S_IRWXO}, {"S_IROTH", S_IROTH}, {"S_IWOTH", S_IWOTH}, {"S_IXOTH", S_IXOTH},
    {"F_OK", F_OK}, {"R_OK", R_OK}, {"W_OK", W_OK}, {"X_OK", X_OK},
    {"UV_FS_COPYFILE_EXCL", 1}, {"COPYFILE_EXCL", 1}, {"UV_FS_SYMLINK_DIR", 1}, {"UV_FS_SYMLINK_JUNCTION", 2},
    {"UV_DIRENT_UNKNOWN", 0}, {"UV_DIRENT_FILE", 1}, {"UV_DIRENT_DIR", 2}, {"UV_DIRENT_LINK", 3},
    {"UV_DIRENT_FIFO", 4}, {"UV_DIRENT_SOCKET", 5}, {"UV_DIRENT_CHAR", 6}, {"UV_DIRENT_BLOCK", 7},
  };
  resolveConstants(reply, out);
}

void FsServiceImpl::copyFile(const ipc::Context &, CopyFileArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    UniqueFd in = target(permissions, args.src, Access::Read, O_RDONLY, 0, "copyfile", reply);
    if (!in) return;
    struct stat info;
    if (::fstat(in.get(), &info) != 0) return (void)fail(reply, "copyfile", args.src);
    if (S_ISDIR(info.st_mode)) return (void)reply.error(ipc::Error::fromErrno(EISDIR, "copyfile", args.src));
    UniqueFd out = target(permissions, args.dest, Access::Write, O_WRONLY | O_CREAT | O_TRUNC | ((args.flags & 1) ? O_EXCL : 0),
                          info.st_mode & 0777, "copyfile", reply);
    if (!out) return;
    char buffer[1 << 16];
    ssize_t got;
    while ((got = ::read(in.get(), buffer, sizeof buffer)) > 0) {
      for (ssize_t done = 0; done < got;) {
        ssize_t wrote = ::write(out.get(), buffer + done, got - done);
        if (wrote < 0) {
          if (errno == EINTR) continue;
          return (void)fail(reply, "copyfile", args.dest);
        }
        done += wrote;
      }
    }
    if (got < 0) return (void)fail(reply, "copyfile", args.src);
    resolveCopyFile(reply);
  });
}

void FsServiceImpl::fstat(const ipc::Context &, FstatArgs args, ipc::Reply reply) {
  Descriptor *descriptor = find(args.id, false, reply);
  if (!descriptor) return;
  queue(*descriptor, "fstat", reply, [fd = descriptor->fd, reply]() mutable {
    struct stat info;
    if (::fstat(fd, &info) != 0) return (void)fail(reply, "fstat");
    resolveFstat(reply, toStats(info));
  });
}

void FsServiceImpl::fsync(const ipc::Context &, FsyncArgs args, ipc::Reply reply) {
  Descriptor *descriptor = find(args.id, false, reply);
  if (!descriptor) return;
  queue(*descriptor, "fsync", reply, [fd = descriptor->fd, reply]() mutable {
    if (::fsync(fd) != 0) return (void)fail(reply, "fsync");
    resolveFsync(reply);
  });
}

void FsServiceImpl::ftruncate(const ipc::Context &, FtruncateArgs args, ipc::Reply reply) {
  Descriptor *descriptor = find(args.id, false, reply);
  if (!descriptor) return;
  if (args.offset < 0) return (void)reply.error(ipc::Error::rangeError("offset must not be negative"));
  queue(*descriptor, "ftruncate", reply, [fd = descriptor->fd, offset = args.offset, reply]() mutable {
    if (::ftruncate(fd, offset) != 0) return (void)fail(reply, "ftruncate");
    resolveFtruncate(reply);
  });
}

void FsServiceImpl::link(const ipc::Context &, LinkArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    std::string from, to;
    UniqueFd source = parent(permissions, args.src, Access::Read, from, "link", reply);
    if (!source) return;
    UniqueFd dest = parent(permissions, args.dest, Access::Write, to, "link", reply);
    if (!dest || refuseRoot(to, args.dest, reply)) return;
    // Flags 0: a link named as the source is linked itself, never followed out of its folder.
    if (::linkat(source.get(), from.c_str(), dest.get(), to.c_str(), 0) != 0) return (void)fail(reply, "link", args.src);
    resolveLink(reply);
  });
}

void FsServiceImpl::symlink(const ipc::Context &, SymlinkArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    std::string name;
    UniqueFd folder = parent(permissions, args.dest, Access::Write, name, "symlink", reply);
    if (!folder || refuseRoot(name, args.dest, reply)) return;
    // The target must be a place the app may read, judged from the folder the link really lands in.
    if (!permissions.linkTargetAllowed(folder.get(), args.src)) {
      ipc::Error error = ipc::Error::notAllowed("a link at " + args.dest + " to " + args.src +
                                                " is not allowed: from where the link lands, it points outside the app's folders");
      error.path = args.dest;
      return (void)reply.error(error);
    }
    if (::symlinkat(args.src.c_str(), folder.get(), name.c_str()) != 0) return (void)fail(reply, "symlink", args.dest);
    resolveSymlink(reply);
  });
}

void FsServiceImpl::lstat(const ipc::Context &, LstatArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    std::string name;
    UniqueFd folder = parent(permissions, args.path, Access::Read, name, "lstat", reply);
    if (!folder) return;
    struct stat info;
    if (::fstatat(folder.get(), name.c_str(), &info, name.empty() ? AT_EMPTY_PATH : AT_SYMLINK_NOFOLLOW) != 0)
      return (void)fail(reply, "lstat", args.path);
    resolveLstat(reply, toStats(info));
  });
}

void FsServiceImpl::stat(const ipc::Context &, StatArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    UniqueFd fd = target(permissions, args.path, Access::Read, O_PATH, 0, "stat", reply);
    if (!fd) return;
    struct stat info;
    if (::fstat(fd.get(), &info) != 0) return (void)fail(reply, "stat", args.path);
    resolveStat(reply, toStats(info));
  });
}

void FsServiceImpl::mkdir(const ipc::Context &, MkdirArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    if (args.recursive) {
      Permissions::Failure failure;
      if (!permissions.makeDirectories(args.path, args.mode, failure)) return (void)failed(reply, failure, "mkdir", args.path);
      return resolveMkdir(reply);
    }
    std::string name;
    UniqueFd folder = parent(permissions, args.path, Access::Write, name, "mkdir", reply);
    if (!folder) return;
    if (name.empty()) return (void)reply.error(ipc::Error::fromErrno(EEXIST, "mkdir", args.path));
    if (::mkdirat(folder.get(), name.c_str(), args.mode) != 0) return (void)fail(reply, "mkdir", args.path);
    resolveMkdir(reply);
  });
}

namespace {
// Reads up to `want` bytes (at `offset`, or at the descriptor's position when it is -1) into `bytes`; false with
// errno set on failure. Allocates no more than the call may return: for a regular file no more than is left
// after the position (a file that grows meanwhile grows the buffer); pipes and devices grow it as bytes arrive.
// Loops until `want` bytes or the end: one short read(2) must not look like the end of the file.
// A FIFO with `fifo` waits for bytes in fifo->wait, and ends when its descriptor is closed: with the bytes it
// had, or EBADF.
bool readUpTo(int fd, size_t want, int64_t offset, std::vector<uint8_t> &bytes, FifoWait *fifo = nullptr) {
  size_t reserve = want;
  struct stat info;
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    off_t at = offset >= 0 ? offset : ::lseek(fd, 0, SEEK_CUR);
    off_t left = at >= 0 && at < info.st_size ? info.st_size - at : 0;
    reserve = std::min<size_t>(want, static_cast<size_t>(left));
  } else {
    reserve = std::min<size_t>(want, FsServiceImpl::kReadChunk);
  }
  bytes.resize(reserve);
  size_t total = 0;
  while (total < want) {
    if (total == bytes.size()) bytes.resize(std::min(want, bytes.size() + std::max<size_t>(FsServiceImpl::kReadChunk, bytes.size())));
    ssize_t got = offset >= 0 ? ::pread(fd, bytes.data() + total, bytes.size() - total, offset + total)
                              : ::read(fd, bytes.data() + total, bytes.size() - total);
    if (got < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN && fifo) {
        if (fifo->wait(fd, POLLIN)) continue;
        if (total > 0) break;
      }
      return false;
    }
    if (got == 0) break;
    total += got;
  }
  bytes.resize(total);
  return true;
}

// fs.read: at most kMaxReadBytes per call.
void readAndAnswer(int fd, FifoWait *fifo, size_t size, int64_t offset, ipc::Reply reply) {
  std::vector<uint8_t> bytes;
  if (!readUpTo(fd, std::min<size_t>(size, FsServiceImpl::kMaxReadBytes), offset, bytes, fifo)) {
    ipc::Error error = ipc::Error::fromErrno(errno, "read");
    if (errno == EBADF && fifo) error.message += ": the descriptor was closed while the read waited for data";
    return (void)reply.error(error);
  }
  resolveRead(reply, std::move(bytes));
}

// fs.readFile: the whole file from its start, or EFBIG when it holds (or grew to) more than kMaxReadBytes. One
// byte more than the limit is asked for, so that a file of exactly the limit is told from one that is larger.
void readWholeAndAnswer(int fd, const std::string &path, ipc::Reply reply) {
  std::vector<uint8_t> bytes;
  if (!readUpTo(fd, FsServiceImpl::kMaxReadBytes + 1, 0, bytes)) return (void)fail(reply, "read", path);
  if (bytes.size() > FsServiceImpl::kMaxReadBytes) return (void)reply.error(ipc::Error::fromErrno(EFBIG, "read", path));
  resolveReadFile(reply, std::move(bytes));
}
}  // namespace

void FsServiceImpl::read(const ipc::Context &, ReadArgs args, ipc::Reply reply) {
  Descriptor *descriptor = find(args.id, false, reply);
  if (!descriptor) return;
  if (args.offset < -1) return (void)reply.error(ipc::Error::rangeError("offset must be -1 (the current position) or at least 0"));
  queue(*descriptor, "read", reply, [fd = descriptor->fd, fifo = descriptor->fifo, size = static_cast<size_t>(args.size), offset = static_cast<int64_t>(args.offset), reply]() mutable {
    readAndAnswer(fd, fifo.get(), size, offset, std::move(reply));
  });
}

void FsServiceImpl::readFile(const ipc::Context &context, ReadFileArgs args, ipc::Reply reply) {
  // Opening, sizing and reading all run on the pool (opening a FIFO blocks until it has a writer).
  offMain([keep = permissions_, &permissions = *permissions_, readDescriptor = context.readDescriptor, args, reply]() mutable {
    // Opened below its root exactly as open(path, O_RDONLY) is; the descriptor never reaches the page.
    UniqueFd fd = target(permissions, args.path, Access::Read, O_RDONLY | O_CLOEXEC, 0, "open", reply);
    if (!fd) return;
    struct stat info;
    if (::fstat(fd.get(), &info) != 0) return (void)fail(reply, "fstat", args.path);
    if (S_ISDIR(info.st_mode)) return (void)reply.error(ipc::Error::fromErrno(EISDIR, "read", args.path));
    // The web-process extension reads a regular file itself, from this read-only descriptor (no size limit of
    // ours: the bytes never cross WebKit's IPC). Pipes and devices are read here as below. Called from this
    // worker, before the reply: fast_read.cc only stores the number, and reads it once the reply reaches the main thread.
    if (S_ISREG(info.st_mode) && readDescriptor) {
      readDescriptor(fd.release());
      return (void)reply.ok();
    }
    if (S_ISREG(info.st_mode) && static_cast<uint64_t>(info.st_size) > kMaxReadBytes)
      return (void)reply.error(ipc::Error::fromErrno(EFBIG, "read", args.path));
    readWholeAndAnswer(fd.get(), args.path, std::move(reply));
  });
}

void FsServiceImpl::write(const ipc::Context &, WriteArgs args, ipc::Reply reply) {
  Descriptor *descriptor = find(args.id, false, reply);
  if (!descriptor) return;
  // On the descriptor's queue: two writes to one fd land in the order the page sent them.
  queue(*descriptor, "write", reply, [fd = descriptor->fd, fifo = descriptor->fifo, args = std::move(args), reply]() mutable {
    size_t total = 0;
    while (total < args.data.size()) {
      ssize_t wrote = args.offset >= 0
        ? ::pwrite(fd, args.data.data() + total, args.data.size() - total, args.offset + total)
        : ::write(fd, args.data.data() + total, args.data.size() - total);
      if (wrote < 0) {
        if (errno == EINTR) continue;
        // A full FIFO: wait for its reader, unless the descriptor is closed meanwhile (then what was written).
        if (errno == EAGAIN && fifo && fifo->wait(fd, POLLOUT)) continue;
        if (errno == EBADF && fifo && total > 0) break;
        return (void)fail(reply, "write");
      }
      total += wrote;
    }
    resolveWrite(reply, WriteResult{static_cast<uint32_t>(total)});
  });
}

void FsServiceImpl::readdir(const ipc::Context &, ReaddirArgs args, ipc::Reply reply) {
  Descriptor *descriptor = find(args.id, true, reply);
  if (!descriptor) return;
  if (args.entries == 0) return (void)reply.error(ipc::Error::rangeError("entries must be at least 1"));
  const size_t limit = std::min<size_t>(args.entries, kMaxReaddirEntries);
  queue(*descriptor, "readdir", reply, [dir = static_cast<DIR *>(descriptor->dir), limit, reply]() mutable {
    std::vector<DirectoryEntry> out;
    while (out.size() < limit) {
      errno = 0;
      struct dirent *entry = ::readdir(dir);
      if (!entry) {
        if (errno) return (void)fail(reply, "readdir");
        break;
      }
      std::string name = entry->d_name;
      if (name == "." || name == "..") continue;
      FileType type = typeOfDirent(entry->d_type);
      if (type == FileType::Unknown) {
        struct stat info;
        if (fstatat(dirfd(dir), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0) type = typeOf(info.st_mode);
      }
      out.push_back(DirectoryEntry{name, type});
    }
    resolveReaddir(reply, out);
  });
}

void FsServiceImpl::readlink(const ipc::Context &, ReadlinkArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    std::string name;
    UniqueFd folder = parent(permissions, args.path, Access::Read, name, "readlink", reply);
    if (!folder) return;
    char buffer[PATH_MAX];
    // The link itself, in its own folder: what it points at need not be readable to read the link.
    ssize_t size = ::readlinkat(folder.get(), name.c_str(), buffer, sizeof buffer - 1);
    if (size < 0) return (void)fail(reply, "readlink", args.path);
    resolveReadlink(reply, std::string(buffer, size));
  });
}

void FsServiceImpl::realpath(const ipc::Context &, RealpathArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    UniqueFd fd = target(permissions, args.path, Access::Read, O_PATH, 0, "realpath", reply);
    if (!fd) return;
    std::string real = pathOfDescriptor(fd.get());
    if (real.empty() || real[0] != '/') return (void)reply.error(ipc::Error::fromErrno(ENOENT, "realpath", args.path));
    resolveRealpath(reply, real);
  });
}

void FsServiceImpl::rename(const ipc::Context &, RenameArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    std::string from, to;
    UniqueFd source = parent(permissions, args.src, Access::Write, from, "rename", reply);
    if (!source || refuseRoot(from, args.src, reply)) return;
    UniqueFd dest = parent(permissions, args.dest, Access::Write, to, "rename", reply);
    if (!dest || refuseRoot(to, args.dest, reply)) return;
    // Entries, not what they point at: renaming onto a link replaces the link.
    if (::renameat(source.get(), from.c_str(), dest.get(), to.c_str()) != 0) return (void)fail(reply, "rename", args.src);
    resolveRename(reply);
  });
}

void FsServiceImpl::rmdir(const ipc::Context &, RmdirArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    std::string name;
    UniqueFd folder = parent(permissions, args.path, Access::Write, name, "rmdir", reply);
    if (!folder || refuseRoot(name, args.path, reply)) return;
    if (::unlinkat(folder.get(), name.c_str(), AT_REMOVEDIR) != 0) return (void)fail(reply, "rmdir", args.path);
    resolveRmdir(reply);
  });
}

void FsServiceImpl::unlink(const ipc::Context &, UnlinkArgs args, ipc::Reply reply) {
  offMain([keep = permissions_, &permissions = *permissions_, args, reply]() mutable {
    std::string name;
    UniqueFd folder = parent(permissions, args.path, Access::Write, name, "unlink", reply);
    if (!folder || refuseRoot(name, args.path, reply)) return;
    if (::unlinkat(folder.get(), name.c_str(), 0) != 0) return (void)fail(reply, "unlink", args.path);
    resolveUnlink(reply);
  });
}

void FsServiceImpl::watch(const ipc::Context &context, WatchArgs args, ipc::Reply reply) {
  if (watchers_.count(args.id)) return (void)reply.error(ipc::Error::typeError("watcher id " + std::to_string(args.id) + " is already in use"));
  if (watchers_.size() >= kMaxWatchers)
    return (void)reply.error(ipc::Error::rangeError("a window may have at most " + std::to_string(kMaxWatchers) + " watchers"));
  // Directories found below a recursive root are watched only where the app may read.
  auto mayWatch = [keep = permissions_, &permissions = *permissions_](const std::string &below) {
    std::string resolved, why;
    return permissions.check(below, Access::Read, resolved, why) && resolved == below;
  };
  // Entered at once: the id is taken, and stopWatch (or the window closing) may stop it while it starts.
  auto watcher = std::make_shared<FsWatcher>(args.id, args.recursive, context.events, mayWatch);
  watchers_[args.id] = watcher;
  // Finding the place and walking the tree run on the pool (both wait on the disk); the answer on the main thread.
  watcher->start(
    [keep = permissions_, &permissions = *permissions_, args, reply](std::string &path, bool &directory) mutable {
      UniqueFd fd = target(permissions, args.path, Access::Read, O_PATH, 0, "watch", reply);
      if (!fd) return false;
      struct stat info;
      if (::fstat(fd.get(), &info) != 0) return fail(reply, "watch", args.path), false;
      // inotify watches by name: give it the real place the confined lookup reached, not the path as asked.
      path = pathOfDescriptor(fd.get());
      if (path.empty() || path[0] != '/') return reply.error(ipc::Error::fromErrno(ENOENT, "watch", args.path)), false;
      directory = S_ISDIR(info.st_mode);
      return true;
    },
    [alive = std::weak_ptr<int>(alive_), this, started = std::weak_ptr<FsWatcher>(watcher), args, reply](bool located, const std::string &error) mutable {
      if (alive.expired()) return;  // the window closed meanwhile: `this` is gone, the watcher with it
      auto found = watchers_.find(args.id);
      bool current = found != watchers_.end() && found->second == started.lock();
      if (current && located && error.empty()) return resolveWatch(reply);
      if (current) watchers_.erase(found);  // stops what was made
      if (!located) return;                 // refused or failed: already answered
      if (!current) {  // stopWatch, or a new watcher on the id after it, came first
        ipc::Error closed = ipc::Error::fromErrno(ECANCELED, "watch", args.path);
        closed.message += ": the watcher was closed before it started";
        return (void)reply.error(closed);
      }
      reply.error(ipc::Error::internal("watch " + args.path + ": " + error));
    });
}

void FsServiceImpl::stopWatch(const ipc::Context &, StopWatchArgs args, ipc::Reply reply) {
  auto found = watchers_.find(args.id);
  if (found == watchers_.end()) return (void)reply.error(ipc::Error::notFound("no watcher with id " + std::to_string(args.id)));
  watchers_.erase(found);
  resolveStopWatch(reply);
}

}  // namespace host
