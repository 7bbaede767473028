// fs.Dir: a directory handle (the IDL's opendir/readdir/closedir), read entry by entry, with the promise,
// callback and sync methods Node gives it, and async iteration.
import { native, runAsync, runCallback, runSyncOp, type Op } from './ops.ts'
import { Dirent } from './stats.ts'
import { newId } from './descriptors.ts'
import { toPath } from './args.ts'
import { codedError } from '../errors.ts'

interface Entry { name: string, type: string }

export class Dir {
  readonly path: string
  readonly #id: bigint
  #pending: Entry[] = []
  #closed = false

  constructor (path: string, id: bigint) {
    this.path = path
    this.#id = id
  }

  * #readOp (): Op<Dirent | null> {
    this.#checkOpen()
    if (this.#pending.length === 0) {
      this.#pending = yield * native<Entry[]>({ method: 'readdir', args: [this.#id, 256], syscall: 'scandir', path: this.path })
    }
    const entry = this.#pending.shift()
    return entry === undefined ? null : new Dirent(entry.name, entry.type, this.path)
  }

  * #closeOp (): Op<void> {
    this.#checkOpen()
    this.#closed = true
    yield * native({ method: 'closedir', args: [this.#id], syscall: 'closedir', path: this.path })
  }

  #checkOpen (): void {
    if (this.#closed) throw codedError(Error, 'ERR_DIR_CLOSED', 'Directory handle was closed')
  }

  read (): Promise<Dirent | null>
  read (callback: (error: Error | null, entry: Dirent | null) => void): void
  read (callback?: (error: Error | null, entry: Dirent | null) => void): Promise<Dirent | null> | void {
    if (callback === undefined) return runAsync(this.#readOp())
    runCallback(this.#readOp(), callback)
  }

  readSync (): Dirent | null {
    return runSyncOp(this.#readOp())
  }

  close (): Promise<void>
  close (callback: (error: Error | null) => void): void
  close (callback?: (error: Error | null) => void): Promise<void> | void {
    if (callback === undefined) return runAsync(this.#closeOp())
    runCallback(this.#closeOp(), callback)
  }

  closeSync (): void {
    runSyncOp(this.#closeOp())
  }

  async * entries (): AsyncGenerator<Dirent> {
    try {
      while (true) {
        const entry = await this.read()
        if (entry === null) break
        yield entry
      }
    } finally {
      if (!this.#closed) await this.close()
    }
  }

  [Symbol.asyncIterator] (): AsyncGenerator<Dirent> {
    return this.entries()
  }
}

export function * opendir (path: unknown): Op<Dir> {
  const p = toPath(path)
  const id = newId()
  yield * native({ method: 'opendir', args: [id, p], syscall: 'opendir', path: p })
  return new Dir(p, id)
}
