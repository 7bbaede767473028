// socket:fs/fds — the original's table of this window's open descriptors (id <-> fd), over the same table
// socket:fs uses (internal/fs/descriptors.ts), so fds opened by fs.open appear here and the other way round.
// Ids are the IDL's 64-bit FileIds (bigint); the original used decimal strings, so string ids are accepted.
import { forget, openFds, openIds, remember } from '../../internal/fs/descriptors.ts'
import { native, runAsync } from '../../internal/fs/ops.ts'

type Id = bigint | string | number

function toId (id: Id): bigint {
  return typeof id === 'bigint' ? id : BigInt(id)
}

export class FileDescriptorsMap {
  /** id -> 'file' for every descriptor in the table (directories are Dir handles, not fds, on this runtime). */
  get types (): Map<bigint, string> { return new Map([...openFds.keys()].map((id) => [id, 'file'])) }
  /** id -> fd */
  get fds (): ReadonlyMap<bigint, number> { return openFds }
  /** fd -> id */
  get ids (): ReadonlyMap<number, bigint> { return openIds }
  get size (): number { return openFds.size }

  get (id: Id): number | undefined { return openFds.get(toId(id)) }
  has (id: Id): boolean { return openFds.has(toId(id)) }
  fd (id: Id): number | null { return openFds.get(toId(id)) ?? null }
  id (fd: number): bigint | null { return openIds.get(fd) ?? null }
  typeof (id: Id): string | null { return this.has(id) ? 'file' : null }

  set (id: Id, fd: number, type = 'file'): this {
    if (type !== 'file') throw new TypeError(`fs/fds only tracks file descriptors on this runtime, not '${type}'`)
    remember(fd, toId(id))
    return this
  }

  /** Forgets `id`; with `closeDescriptor` (the default) the host closes the descriptor too. */
  async release (id: Id, closeDescriptor = true): Promise<void> {
    const key = toId(id)
    const fd = openFds.get(key)
    if (fd === undefined) return
    if (closeDescriptor) await runAsync(native({ method: 'closeOpenDescriptor', args: [key], syscall: 'close' }))
    forget(fd)
  }

  /** Keeps `id` open across a reload (the host's retainOpenDescriptor). */
  async retain (id: Id): Promise<void> {
    const key = toId(id)
    if (!openFds.has(key)) throw Object.assign(new Error(`fs/fds: no open descriptor with id ${key}`), { code: 'EBADF' })
    await runAsync(native({ method: 'retainOpenDescriptor', args: [key], syscall: 'retain' }))
  }

  /** Forgets `id` without closing it. */
  delete (id: Id): boolean {
    const fd = openFds.get(toId(id))
    if (fd === undefined) return false
    forget(fd)
    return true
  }

  /** Forgets every entry without closing (as the original's clear()). */
  clear (): void {
    for (const fd of [...openIds.keys()]) forget(fd)
  }

  entries (): IterableIterator<[bigint, number]> { return openFds.entries() }
  [Symbol.iterator] (): IterableIterator<[bigint, number]> { return openFds.entries() }
}

const fds = new FileDescriptorsMap()
export default fds
