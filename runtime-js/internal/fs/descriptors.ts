// Node code names open files by small integers (fd); the IDL names them by a 64-bit id the caller picks.
// The table maps one to the other for this window (both ways, for socket:fs/fds): the fd is the host's
// descriptor number, so it is unique in the process while open.
import { errnoException } from '../errors.ts'

const idsByFd = new Map<number, bigint>()
const fdsById = new Map<bigint, number>()

/** A fresh random 64-bit id for a descriptor, directory handle or watcher. */
export function newId (): bigint {
  const words = globalThis.crypto.getRandomValues(new Uint32Array(2))
  return (BigInt(words[0]) << 32n) | BigInt(words[1]) | 1n
}

export function remember (fd: number, id: bigint): void {
  idsByFd.set(fd, id)
  fdsById.set(id, fd)
}

export function forget (fd: number): void {
  const id = idsByFd.get(fd)
  idsByFd.delete(fd)
  if (id !== undefined) fdsById.delete(id)
}

/** The id of an fd this window opened; EBADF (as Node) for any other number. */
export function idOf (fd: number, syscall: string): bigint {
  const id = idsByFd.get(fd)
  if (id === undefined) throw errnoException('EBADF', { syscall })
  return id
}

/** Read-only views of the table (socket:fs/fds). */
export const openIds: ReadonlyMap<number, bigint> = idsByFd
export const openFds: ReadonlyMap<bigint, number> = fdsById
