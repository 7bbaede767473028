// Typed errors rebuilt from a reply's `err` (Contract 1). TypeError and RangeError become the built-in classes;
// the others are IpcError subclasses whose `name` is the wire `type`, so `err.name === 'NotFoundError'` works.

export interface WireError {
  type?: string
  message?: string
  code?: string
  errno?: number
  syscall?: string
  path?: string
  [key: string]: unknown
}

export class IpcError extends Error {
  code?: string
  constructor (message: string, readonly type: string, code?: string) {
    super(message)
    this.name = type
    if (code !== undefined) this.code = code
  }
}

export class NotFoundError extends IpcError {
  constructor (message: string, code?: string) { super(message, 'NotFoundError', code) }
}
export class NotAllowedError extends IpcError {
  constructor (message: string, code?: string) { super(message, 'NotAllowedError', code) }
}
export class NotSupportedError extends IpcError {
  constructor (message: string, code?: string) { super(message, 'NotSupportedError', code) }
}
export class InternalError extends IpcError {
  constructor (message: string, code?: string) { super(message, 'InternalError', code) }
}
export class TimeoutError extends IpcError {
  constructor (message: string) { super(message, 'TimeoutError') }
}

// An operating-system failure, shaped like Node's: code "ENOENT", errno -2, syscall, path.
export class ErrnoError extends IpcError {
  errno?: number
  syscall?: string
  path?: string
  constructor (message: string, code: string, errno?: number, syscall?: string, path?: string) {
    super(message, 'ErrnoError', code)
    if (errno !== undefined) this.errno = errno
    if (syscall !== undefined) this.syscall = syscall
    if (path !== undefined) this.path = path
  }
}

export function errorFromWire (err: WireError, source: string): Error {
  const message = typeof err.message === 'string' ? err.message : `${source} failed`
  const code = typeof err.code === 'string' ? err.code : undefined
  switch (err.type) {
    case 'TypeError': return Object.assign(new TypeError(message), code ? { code } : {})
    case 'RangeError': return Object.assign(new RangeError(message), code ? { code } : {})
    case 'NotFoundError': return new NotFoundError(message, code)
    case 'NotAllowedError': return new NotAllowedError(message, code)
    case 'NotSupportedError': return new NotSupportedError(message, code)
    case 'InternalError': return new InternalError(message, code)
    case 'ErrnoError':
      return new ErrnoError(message, code ?? 'EUNKNOWN', typeof err.errno === 'number' ? err.errno : undefined,
        typeof err.syscall === 'string' ? err.syscall : undefined, typeof err.path === 'string' ? err.path : undefined)
    default:
      if (code && /^E[A-Z0-9]+$/.test(code)) return new ErrnoError(message, code)
      return new IpcError(message, typeof err.type === 'string' ? err.type : 'Error', code)
  }
}
