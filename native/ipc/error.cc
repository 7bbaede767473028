#include "ipc/error.hh"

#include <cerrno>
#include <cstring>

namespace ipc {

Json Error::toJson () const {
  Json out = Json::object();
  out.set("type", type);
  out.set("message", message);
  if (!code.empty()) out.set("code", code);
  if (errnum) out.set("errno", *errnum);
  if (!syscall.empty()) out.set("syscall", syscall);
  if (!path.empty()) out.set("path", path);
  return out;
}

const char* errnoName (int errnum) {
  switch (errnum) {
#define IPC_ERRNO(name) case name: return #name;
    IPC_ERRNO(EPERM) IPC_ERRNO(ENOENT) IPC_ERRNO(ESRCH) IPC_ERRNO(EINTR) IPC_ERRNO(EIO) IPC_ERRNO(ENXIO)
    IPC_ERRNO(E2BIG) IPC_ERRNO(EBADF) IPC_ERRNO(EAGAIN) IPC_ERRNO(ENOMEM) IPC_ERRNO(EACCES) IPC_ERRNO(EFAULT)
    IPC_ERRNO(EBUSY) IPC_ERRNO(EEXIST) IPC_ERRNO(EXDEV) IPC_ERRNO(ENODEV) IPC_ERRNO(ENOTDIR) IPC_ERRNO(EISDIR)
    IPC_ERRNO(EINVAL) IPC_ERRNO(ENFILE) IPC_ERRNO(EMFILE) IPC_ERRNO(EFBIG) IPC_ERRNO(ENOSPC) IPC_ERRNO(ESPIPE)
    IPC_ERRNO(EROFS) IPC_ERRNO(EMLINK) IPC_ERRNO(EPIPE) IPC_ERRNO(ERANGE) IPC_ERRNO(ENAMETOOLONG)
    IPC_ERRNO(ENOSYS) IPC_ERRNO(ENOTEMPTY) IPC_ERRNO(ELOOP) IPC_ERRNO(ENOTSUP) IPC_ERRNO(EADDRINUSE)
    IPC_ERRNO(EADDRNOTAVAIL) IPC_ERRNO(ENETUNREACH) IPC_ERRNO(ECONNREFUSED) IPC_ERRNO(ECONNRESET)
    IPC_ERRNO(ENOTCONN) IPC_ERRNO(EISCONN) IPC_ERRNO(EMSGSIZE) IPC_ERRNO(ETIMEDOUT) IPC_ERRNO(EHOSTUNREACH)
    IPC_ERRNO(EAFNOSUPPORT) IPC_ERRNO(EALREADY) IPC_ERRNO(ECANCELED) IPC_ERRNO(EDESTADDRREQ)
    IPC_ERRNO(ENOPROTOOPT) IPC_ERRNO(ENOBUFS) IPC_ERRNO(EPROTONOSUPPORT)
#undef IPC_ERRNO
    default: return "EUNKNOWN";
  }
}

Error Error::fromErrno (int errnum, std::string syscall, std::string path) {
  Error error;
  error.type = "ErrnoError";
  error.code = errnoName(errnum);
  error.errnum = -errnum;
  error.message = error.code + ": " + std::strerror(errnum) + ", " + syscall;
  if (!path.empty()) error.message += " '" + path + "'";
  error.syscall = std::move(syscall);
  error.path = std::move(path);
  return error;
}

}  // namespace ipc
