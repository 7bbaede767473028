// The original's DirectoryHandle (socket:fs/handle): an open directory read in batches of entries, over the
// same Dir (the IDL's opendir/readdir/closedir) that fs.opendir returns.
import EventEmitter from 'events/events.js'
import { runAsync } from './ops.ts'
import { opendir, type Dir } from './dir.ts'
import type { Dirent } from './stats.ts'

export class DirectoryHandle extends EventEmitter {
  /** How many entries read() returns at most by default. */
  static readonly DEFAULT_BUFFER_SIZE = 32

  /** Opens the directory at `path`; rejects with Node's errno error (ENOENT, ENOTDIR, EACCES). */
  static async open (path: unknown, options: { bufferSize?: number } = {}): Promise<DirectoryHandle> {
    const handle = new DirectoryHandle(await runAsync(opendir(path)), options.bufferSize)
    handle.emit('open')
    return handle
  }

  readonly #dir: Dir
  readonly bufferSize: number
  #closed = false

  private constructor (dir: Dir, bufferSize = DirectoryHandle.DEFAULT_BUFFER_SIZE) {
    super()
    this.#dir = dir
    this.bufferSize = bufferSize
  }

  get path (): string { return this.#dir.path }
  get opened (): boolean { return !this.#closed }
  get closed (): boolean { return this.#closed }

  /** Up to `entries` (default bufferSize) next entries; an empty array at the end. */
  async read (options: { entries?: number } = {}): Promise<Dirent[]> {
    const count = options.entries ?? this.bufferSize
    const entries: Dirent[] = []
    while (entries.length < count) {
      const entry = await this.#dir.read()
      if (entry === null) break
      entries.push(entry)
    }
    return entries
  }

  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#dir.close()
    this.emit('close')
  }

  async * [Symbol.asyncIterator] (): AsyncGenerator<Dirent> {
    try {
      while (true) {
        const batch = await this.read()
        if (batch.length === 0) break
        yield * batch
      }
    } finally {
      await this.close()
    }
  }
}
