// fs/promises FileHandle: an open file as an object, over the same operations as the fd forms.
import EventEmitter from 'events/events.js'
import { Buffer } from '../../modules/buffer.ts'
import { runAsync } from './ops.ts'
import * as ops from './operations.ts'
import { ReadStream, WriteStream, type ReadStreamOptions, type WriteStreamOptions } from './streams.ts'
import { toBytes, toFd, toOptions } from './args.ts'
import { idOf } from './descriptors.ts'
import { codedError } from '../errors.ts'
import { LineReader } from './lines.ts'
import type { BigIntStats, Stats } from './stats.ts'

export class FileHandle extends EventEmitter {
  /** The original's defaults for open() and access(). */
  static readonly DEFAULT_ACCESS_MODE = 0
  static readonly DEFAULT_OPEN_FLAGS = 'r'
  static readonly DEFAULT_OPEN_MODE = 0o666

  /** Opens `path` (the original's `FileHandle.open(path, flags, mode)`, as fs/promises' open). */
  static async open (path: unknown, flags: string | number = FileHandle.DEFAULT_OPEN_FLAGS, mode: number | string = FileHandle.DEFAULT_OPEN_MODE): Promise<FileHandle> {
    return await openHandle(path, flags, mode)
  }

  /** Whether `path` is accessible with `mode` (the original's `FileHandle.access`): true, or the errno error. */
  static async access (path: unknown, mode: number = FileHandle.DEFAULT_ACCESS_MODE): Promise<boolean> {
    await runAsync(ops.access(path, mode))
    return true
  }

  /** A handle on an fd this window already has open (EBADF for any other number). */
  static from (fd: number): FileHandle {
    idOf(toFd(fd), 'fstat')
    return new FileHandle(fd)
  }

  #fd: number

  constructor (fd: number) {
    super()
    this.#fd = fd
  }

  /** The descriptor number, or -1 once closed (as Node). */
  get fd (): number { return this.#fd }

  /** The fd, or Node's EBADF 'file closed' (naming the internal call, e.g. fchmod, when given). */
  #open (syscall?: string): number {
    if (this.#fd < 0) throw Object.assign(codedError(Error, 'EBADF', 'file closed'), syscall === undefined ? {} : { syscall })
    return this.#fd
  }

  async read (buffer?: ArrayBufferView | { buffer?: ArrayBufferView, offset?: number, length?: number, position?: number | null }, offset?: number, length?: number, position?: number | null): Promise<{ bytesRead: number, buffer: ArrayBufferView }> {
    if (buffer === undefined || !ArrayBuffer.isView(buffer)) {
      const options = (buffer ?? {}) as { buffer?: ArrayBufferView, offset?: number, length?: number, position?: number | null }
      buffer = options.buffer ?? Buffer.alloc(16384)
      offset = options.offset
      length = options.length
      position = options.position
    }
    const target = buffer
    const bytesRead = await runAsync(ops.read(this.#open(), target, offset ?? 0, length ?? target.byteLength - (offset ?? 0), position))
    return { bytesRead, buffer: target }
  }

  async write (data: ArrayBufferView | string, offsetOrPosition?: number | null, lengthOrEncoding?: number | string, position?: number | null): Promise<{ bytesWritten: number, buffer: ArrayBufferView | string }> {
    if (typeof data === 'string') {
      const bytes = toBytes(data, typeof lengthOrEncoding === 'string' ? lengthOrEncoding : 'utf8')
      const bytesWritten = await runAsync(ops.write(this.#open(), bytes, offsetOrPosition))
      return { bytesWritten, buffer: data }
    }
    const all = toBytes(data)
    const offset = offsetOrPosition ?? 0
    const length = typeof lengthOrEncoding === 'number' ? lengthOrEncoding : all.byteLength - offset
    const bytesWritten = await runAsync(ops.write(this.#open(), all.subarray(offset, offset + length), position))
    return { bytesWritten, buffer: data }
  }

  async readFile (options?: unknown): Promise<string | Buffer> {
    return await runAsync(ops.readFile(this.#open(), options))
  }

  async writeFile (data: unknown, options?: unknown): Promise<void> {
    await runAsync(ops.writeFile(this.#open(), data, options))
  }

  async appendFile (data: unknown, options?: unknown): Promise<void> {
    await runAsync(ops.writeFile(this.#open(), data, options))
  }

  async stat (options?: { bigint?: boolean }): Promise<Stats | BigIntStats> {
    return await runAsync(ops.fstat(this.#open(), options))
  }

  async truncate (length = 0): Promise<void> {
    await runAsync(ops.ftruncate(this.#open(), length))
  }

  async sync (): Promise<void> {
    await runAsync(ops.fsync(this.#open()))
  }

  async datasync (): Promise<void> {
    await runAsync(ops.fsync(this.#open()))
  }

  async chmod (mode: number | string): Promise<void> {
    await runAsync(ops.fchmod(this.#open('fchmod'), mode))
  }

  async chown (uid: number, gid: number): Promise<void> {
    await runAsync(ops.fchown(this.#open('fchown'), uid, gid))
  }

  async utimes (atime: number | string | Date, mtime: number | string | Date): Promise<void> {
    await runAsync(ops.futimes(this.#open('futimes'), atime, mtime))
  }

  createReadStream (options: ReadStreamOptions = {}): ReadStream {
    return new ReadStream(null, { ...options, fd: this.#open() })
  }

  createWriteStream (options: WriteStreamOptions = {}): WriteStream {
    return new WriteStream(null, { ...options, fd: this.#open() })
  }

  async close (): Promise<void> {
    if (this.#fd < 0) return
    const fd = this.#fd
    this.#fd = -1
    await runAsync(ops.close(fd))
    this.emit('close')
  }

  async [(Symbol as { asyncDispose?: symbol }).asyncDispose ?? Symbol.for('Symbol.asyncDispose')] (): Promise<void> {
    await this.close()
  }

  /**
   * The file's lines (Node's readline over createReadStream(options)): an async iterable that also emits
   * 'line' and 'close'. With autoClose (the default) the handle closes when the lines end or the loop stops.
   */
  readLines (options: ReadStreamOptions = {}): LineReader {
    // Node builds its stream from the closed handle's fd, -1, and fails on that.
    if (this.#fd < 0) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "fd" is out of range. It must be >= 0 && <= 2147483647. Received -1')
    const autoClose = options.autoClose ?? true
    const input = new ReadStream(null, { ...options, fd: this.#fd, autoClose: false })
    return new LineReader(input, async () => { if (autoClose) await this.close() })
  }
}

export async function openHandle (path: unknown, flags?: unknown, mode?: unknown): Promise<FileHandle> {
  return new FileHandle(await runAsync(ops.open(path, flags, mode)))
}

export { toOptions }
