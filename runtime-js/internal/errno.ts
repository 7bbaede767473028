// Linux errno numbers and their messages (the host is Linux; the numbers match Node's os.constants.errno
// there). Messages are libuv's, which is what Node prints in `ENOENT: no such file or directory, open ...`.
const table: Array<[string, number, string]> = [
  ['E2BIG', 7, 'argument list too long'], ['EACCES', 13, 'permission denied'],
  ['EADDRINUSE', 98, 'address already in use'], ['EADDRNOTAVAIL', 99, 'address not available'],
  ['EAFNOSUPPORT', 97, 'address family not supported'], ['EAGAIN', 11, 'resource temporarily unavailable'],
  ['EALREADY', 114, 'connection already in progress'], ['EBADF', 9, 'bad file descriptor'],
  ['EBADMSG', 74, 'bad message'], ['EBUSY', 16, 'resource busy or locked'],
  ['ECANCELED', 125, 'operation canceled'], ['ECHILD', 10, 'no child processes'],
  ['ECONNABORTED', 103, 'software caused connection abort'], ['ECONNREFUSED', 111, 'connection refused'],
  ['ECONNRESET', 104, 'connection reset by peer'], ['EDEADLK', 35, 'resource deadlock avoided'],
  ['EDESTADDRREQ', 89, 'destination address required'], ['EDOM', 33, 'numerical argument out of domain'],
  ['EDQUOT', 122, 'disk quota exceeded'], ['EEXIST', 17, 'file already exists'],
  ['EFAULT', 14, 'bad address in system call argument'], ['EFBIG', 27, 'file too large'],
  ['EHOSTUNREACH', 113, 'host is unreachable'], ['EIDRM', 43, 'identifier removed'],
  ['EILSEQ', 84, 'illegal byte sequence'], ['EINPROGRESS', 115, 'operation in progress'],
  ['EINTR', 4, 'interrupted system call'], ['EINVAL', 22, 'invalid argument'], ['EIO', 5, 'i/o error'],
  ['EISCONN', 106, 'socket is already connected'], ['EISDIR', 21, 'illegal operation on a directory'],
  ['ELOOP', 40, 'too many symbolic links encountered'], ['EMFILE', 24, 'too many open files'],
  ['EMLINK', 31, 'too many links'], ['EMSGSIZE', 90, 'message too long'],
  ['EMULTIHOP', 72, 'multihop attempted'], ['ENAMETOOLONG', 36, 'name too long'],
  ['ENETDOWN', 100, 'network is down'], ['ENETRESET', 102, 'connection reset by network'],
  ['ENETUNREACH', 101, 'network is unreachable'], ['ENFILE', 23, 'file table overflow'],
  ['ENOBUFS', 105, 'no buffer space available'], ['ENODATA', 61, 'no data available'],
  ['ENODEV', 19, 'no such device'], ['ENOENT', 2, 'no such file or directory'],
  ['ENOEXEC', 8, 'exec format error'], ['ENOLCK', 37, 'no locks available'], ['ENOLINK', 67, 'link has been severed'],
  ['ENOMEM', 12, 'not enough memory'], ['ENOMSG', 42, 'no message of desired type'],
  ['ENOPROTOOPT', 92, 'protocol not available'], ['ENOSPC', 28, 'no space left on device'],
  ['ENOSR', 63, 'out of streams resources'], ['ENOSTR', 60, 'device not a stream'],
  ['ENOSYS', 38, 'function not implemented'], ['ENOTCONN', 107, 'socket is not connected'],
  ['ENOTDIR', 20, 'not a directory'], ['ENOTEMPTY', 39, 'directory not empty'],
  ['ENOTSOCK', 88, 'socket operation on non-socket'], ['ENOTSUP', 95, 'operation not supported on socket'],
  ['ENOTTY', 25, 'inappropriate ioctl for device'], ['ENXIO', 6, 'no such device or address'],
  ['EOPNOTSUPP', 95, 'operation not supported on socket'], ['EOVERFLOW', 75, 'value too large for defined data type'],
  ['EPERM', 1, 'operation not permitted'], ['EPIPE', 32, 'broken pipe'], ['EPROTO', 71, 'protocol error'],
  ['EPROTONOSUPPORT', 93, 'protocol not supported'], ['EPROTOTYPE', 91, 'protocol wrong type for socket'],
  ['ERANGE', 34, 'result too large'], ['EROFS', 30, 'read-only file system'],
  ['ESPIPE', 29, 'invalid seek'], ['ESRCH', 3, 'no such process'], ['ESTALE', 116, 'stale file handle'],
  ['ETIME', 62, 'timer expired'], ['ETIMEDOUT', 110, 'connection timed out'],
  ['ETXTBSY', 26, 'text file is busy'], ['EWOULDBLOCK', 11, 'operation would block'], ['EXDEV', 18, 'cross-device link not permitted']
]

const byCode = new Map(table.map(([code, errno, message]) => [code, { errno, message }]))

/** `{ E2BIG: 7, EACCES: 13, ... }` as in os.constants.errno on Linux. */
export const errnoConstants: Readonly<Record<string, number>> =
  Object.freeze(Object.fromEntries(table.map(([code, errno]) => [code, errno])))

export function errnoNumber (code: string): number {
  return byCode.get(code)?.errno ?? 0
}

export function errnoMessage (code: string): string {
  return byCode.get(code)?.message ?? 'unknown error'
}

/** Linux signal numbers, as in os.constants.signals. */
export const signalConstants: Readonly<Record<string, number>> = Object.freeze({
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17,
  SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24,
  SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31
})
