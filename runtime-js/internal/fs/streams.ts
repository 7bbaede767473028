// fs.ReadStream and fs.WriteStream: Node streams (readable-stream) over the fs operations, reading and
// writing in chunks of highWaterMark bytes at explicit positions.
import { Readable, Writable, finished } from 'readable-stream'
import { Buffer } from '../../modules/buffer.ts'
import { runAsync } from './ops.ts'
import { close, open, read, write } from './operations.ts'
import { toPath } from './args.ts'
import type { BufferEncoding } from '../buffer-encoding.ts'

/** What both stream kinds share while opening: a path to open, or a descriptor they were given. */
interface FileStream {
  path: string
  fd: number | null
  flags: string
  mode: number
  pending: boolean
  emit (event: string, ...args: unknown[]): boolean
}

/** Opens the stream's file unless it was handed a descriptor, then emits 'open' and 'ready' as Node does. */
function openFileStream (stream: FileStream, callback: (error?: Error | null) => void): void {
  if (stream.fd !== null) {
    stream.pending = false
    callback()
    return
  }
  runAsync(open(stream.path, stream.flags, stream.mode)).then((fd) => {
    stream.fd = fd
    stream.pending = false
    stream.emit('open', fd)
    stream.emit('ready')
    callback()
  }, callback)
}

export interface ReadStreamOptions {
  flags?: string, encoding?: BufferEncoding | null, fd?: number | { fd: number } | null, mode?: number, autoClose?: boolean,
  emitClose?: boolean, start?: number, end?: number, highWaterMark?: number, signal?: AbortSignal
}

export class ReadStream extends Readable {
  path: string
  fd: number | null
  flags: string
  mode: number
  start: number | undefined
  end: number
  bytesRead = 0
  pending = true
  #position: number | undefined
  #autoClose: boolean

  constructor (path: unknown, options: ReadStreamOptions = {}) {
    super({ highWaterMark: options.highWaterMark ?? 64 * 1024, encoding: options.encoding ?? undefined, emitClose: options.emitClose ?? true, signal: options.signal } as object)
    const fd = options.fd
    this.fd = typeof fd === 'number' ? fd : typeof fd === 'object' && fd !== null ? fd.fd : null
    this.path = this.fd === null ? toPath(path) : String(path ?? '')
    this.flags = options.flags ?? 'r'
    this.mode = options.mode ?? 0o666
    this.start = options.start
    this.end = options.end ?? Infinity
    this.#position = options.start
    this.#autoClose = options.autoClose ?? true
  }

  override _construct (callback: (error?: Error | null) => void): void {
    openFileStream(this, callback)
  }

  override _read (size: number): void {
    const remaining = this.end === Infinity ? size : Math.min(size, this.end - (this.#position ?? this.bytesRead) + 1)
    if (remaining <= 0) {
      this.push(null)
      return
    }
    const chunk = Buffer.alloc(remaining)
    runAsync(read(this.fd, chunk, 0, remaining, this.#position ?? null)).then((count) => {
      if (this.#position !== undefined) this.#position += count
      this.bytesRead += count
      this.push(count > 0 ? chunk.subarray(0, count) : null)
    }, (error: Error) => this.destroy(error))
  }

  override _destroy (error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.fd === null || !this.#autoClose) {
      callback(error)
      return
    }
    const fd = this.fd
    this.fd = null
    runAsync(close(fd)).then(() => callback(error), (closeError: Error) => callback(error ?? closeError))
  }

  /** Destroys the stream; `callback` is called once it has finished, even if it already had (as Node). */
  close (callback?: (error?: Error | null) => void): void {
    if (typeof callback === 'function') finished(this, callback)
    this.destroy()
  }
}

export interface WriteStreamOptions {
  flags?: string, encoding?: BufferEncoding, fd?: number | { fd: number } | null, mode?: number, autoClose?: boolean,
  emitClose?: boolean, start?: number, highWaterMark?: number, signal?: AbortSignal
}

export class WriteStream extends Writable {
  path: string
  fd: number | null
  flags: string
  mode: number
  start: number | undefined
  bytesWritten = 0
  pending = true
  #position: number | undefined
  #autoClose: boolean

  constructor (path: unknown, options: WriteStreamOptions = {}) {
    super({ highWaterMark: options.highWaterMark, decodeStrings: true, defaultEncoding: options.encoding ?? 'utf8', emitClose: options.emitClose ?? true, signal: options.signal } as object)
    const fd = options.fd
    this.fd = typeof fd === 'number' ? fd : typeof fd === 'object' && fd !== null ? fd.fd : null
    this.path = this.fd === null ? toPath(path) : String(path ?? '')
    this.flags = options.flags ?? 'w'
    this.mode = options.mode ?? 0o666
    this.start = options.start
    this.#position = options.start
    this.#autoClose = options.autoClose ?? true
  }

  override _construct (callback: (error?: Error | null) => void): void {
    openFileStream(this, callback)
  }

  override _write (chunk: Uint8Array, _encoding: string, callback: (error?: Error | null) => void): void {
    runAsync(write(this.fd, chunk, this.#position ?? null)).then((count) => {
      if (this.#position !== undefined) this.#position += count
      this.bytesWritten += count
      callback()
    }, callback)
  }

  override _destroy (error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.fd === null || !this.#autoClose) {
      callback(error)
      return
    }
    const fd = this.fd
    this.fd = null
    runAsync(close(fd)).then(() => callback(error), (closeError: Error) => callback(error ?? closeError))
  }

  /**
   * Ends the stream and calls `callback` on 'close'; at once if it already closed (waiting for a 'close'
   * that had been emitted was a hang). Without autoClose the fd is released on 'finish', as Node does.
   */
  close (callback?: (error?: Error | null) => void): void {
    if (typeof callback === 'function') {
      if (this.closed) {
        queueMicrotask(() => callback())
        return
      }
      this.once('close', callback)
    }
    if (!this.#autoClose) this.once('finish', () => this.destroy())
    this.end()
  }
}
