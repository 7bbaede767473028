// Argument checks and conversions shared by the fs forms, with Node's error codes.
import { Buffer } from '../../modules/buffer.ts'
import type { BufferEncoding } from '../buffer-encoding.ts'

function typeError (code: string, message: string): TypeError {
  return Object.assign(new TypeError(message), { code })
}

function received (value: unknown): string {
  if (value === null || value === undefined) return `Received ${String(value)}`
  if (typeof value === 'object') return `Received an instance of ${value.constructor?.name ?? 'Object'}`
  return `Received type ${typeof value} (${String(value)})`
}

/** A path argument (string, Buffer or file: URL) as a string. */
export function toPath (path: unknown, name = 'path'): string {
  let text: string
  if (typeof path === 'string') text = path
  else if (path instanceof Uint8Array) text = Buffer.from(path).toString('utf8')
  else if (path instanceof URL) {
    if (path.protocol !== 'file:') throw typeError('ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file')
    text = decodeURIComponent(path.pathname)
  } else {
    throw typeError('ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type string or an instance of Buffer or URL. ${received(path)}`)
  }
  if (text.includes('\u0000')) {
    throw typeError('ERR_INVALID_ARG_VALUE', `The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${JSON.stringify(text)}`)
  }
  return text
}

export function toFd (fd: unknown): number {
  if (typeof fd !== 'number') throw typeError('ERR_INVALID_ARG_TYPE', `The "fd" argument must be of type number. ${received(fd)}`)
  if (!Number.isInteger(fd) || fd < 0 || fd > 0x7fffffff) {
    throw Object.assign(new RangeError(`The value of "fd" is out of range. It must be >= 0 && <= 2147483647. Received ${fd}`), { code: 'ERR_OUT_OF_RANGE' })
  }
  return fd
}

/** Node's `options` that may be an encoding string. */
export function toOptions<T extends object> (options: unknown, defaults: T): T & { encoding?: BufferEncoding | 'buffer' | null } {
  if (options === undefined || options === null || typeof options === 'function') return { ...defaults }
  if (typeof options === 'string') return { ...defaults, encoding: options as BufferEncoding }
  if (typeof options !== 'object') throw typeError('ERR_INVALID_ARG_TYPE', `The "options" argument must be one of type string or an instance of Object. ${received(options)}`)
  return { ...defaults, ...(options as object) }
}

/** Data to write: strings (in `encoding`), Buffers and any ArrayBufferView, as bytes. */
export function toBytes (data: unknown, encoding?: string | null, name = 'data'): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, (encoding ?? 'utf8') as BufferEncoding)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  throw typeError('ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type string or an instance of Buffer, TypedArray, or DataView. ${received(data)}`)
}

/** The trailing callback of a callback-form call, checked as Node does. */
export function toCallback (callback: unknown): (...args: unknown[]) => void {
  if (typeof callback !== 'function') throw typeError('ERR_INVALID_ARG_TYPE', `The "cb" argument must be of type function. ${received(callback)}`)
  return callback as (...args: unknown[]) => void
}

export function encode (bytes: Uint8Array, encoding: string | null | undefined): string | Buffer {
  const buffer = Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)
  return encoding === undefined || encoding === null || encoding === 'buffer' ? buffer : buffer.toString(encoding as BufferEncoding)
}

/** Node's uid/gid argument: an integer from -1 (leave unchanged) to 2^32 - 1, sent as unsigned (-1 is 2^32 - 1). */
export function toOwnerId (value: unknown, name: 'uid' | 'gid'): number {
  if (typeof value !== 'number') throw typeError('ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type number. ${received(value)}`)
  if (!Number.isInteger(value)) {
    throw Object.assign(new RangeError(`The value of "${name}" is out of range. It must be an integer. Received ${value}`), { code: 'ERR_OUT_OF_RANGE' })
  }
  if (value < -1 || value > 0xffffffff) {
    throw Object.assign(new RangeError(`The value of "${name}" is out of range. It must be >= -1 && <= 4294967295. Received ${value}`), { code: 'ERR_OUT_OF_RANGE' })
  }
  return value === -1 ? 0xffffffff : value
}

/** Node's atime/mtime argument as seconds since the epoch: a number, a numeric string or a Date (negative: now). */
export function toUnixTimestamp (time: unknown): number {
  // Node's test is `+time == time`: any string Number() parses, '' and '0x10' included.
  if (typeof time === 'string' && !Number.isNaN(Number(time))) return Number(time)
  if (typeof time === 'number' && Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time
  if (time instanceof Date) return time.getTime() / 1000
  throw typeError('ERR_INVALID_ARG_TYPE', `The "time" argument must be an instance of Date or an Time in seconds. ${received(time)}`)
}
