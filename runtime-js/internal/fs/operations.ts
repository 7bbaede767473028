// The fs operations, each written once as an Op (see ops.ts) and run by the promise, callback and sync
// forms. They only adapt Node's arguments and results to the IDL's calls; the host does the file work.
import { Buffer } from '../../modules/buffer.ts'
import { errnoException } from '../errors.ts'
import { native, type Op } from './ops.ts'
import { constants, parseFlags, parseMode } from './constants.ts'
import { BigIntStats, Dirent, Stats } from './stats.ts'
import { forget, idOf, newId, remember } from './descriptors.ts'
import { encode, toBytes, toFd, toOptions, toOwnerId, toPath, toUnixTimestamp } from './args.ts'

/** Bytes per native read or write call: well under the host's 4 MiB request-body limit. */
export const CHUNK = 1024 * 1024
// The most readFile asks for in one call. Larger calls read faster but drop frames while WebKit moves each reply
// to the page: reading 100 MB with the page animating, 16 MiB calls took 1.8 s against 2.6 s but drew 53 frames
// against 155, and 1 MiB calls matched the earlier runtime on both (bench/frame-gap.bench.ts, interleaved runs).
const READ_FILE_CALL = 1024 * 1024

interface OpenResult { id: unknown, fd: number }
interface Entry { name: string, type: string }

export function * access (path: unknown, mode?: unknown): Op<void> {
  const p = toPath(path)
  yield * native({ method: 'access', args: [p, mode ?? constants.F_OK], syscall: 'access', path: p })
}

/** A mode that must be given (chmod, fchmod): Node refuses a missing one rather than defaulting it. */
function requiredMode (mode: unknown): number {
  if (mode === undefined || mode === null) {
    throw Object.assign(new TypeError(`The "mode" argument must be of type number. Received ${String(mode)}`), { code: 'ERR_INVALID_ARG_TYPE' })
  }
  return parseMode(mode, 0)
}

export function * chmod (path: unknown, mode: unknown): Op<void> {
  const p = toPath(path)
  yield * native({ method: 'chmod', args: [p, requiredMode(mode)], syscall: 'chmod', path: p })
}

export function * chown (path: unknown, uid: unknown, gid: unknown, link = false): Op<void> {
  const p = toPath(path)
  const ids = [toOwnerId(uid, 'uid'), toOwnerId(gid, 'gid')]
  yield * native({ method: link ? 'lchown' : 'chown', args: [p, ...ids], syscall: link ? 'lchown' : 'chown', path: p })
}

export function * fchmod (fd: unknown, mode: unknown): Op<void> {
  const n = toFd(fd)
  const m = requiredMode(mode)
  yield * native({ method: 'fchmod', args: [idOf(n, 'fchmod'), m], syscall: 'fchmod' })
}

export function * fchown (fd: unknown, uid: unknown, gid: unknown): Op<void> {
  const n = toFd(fd)
  const ids = [toOwnerId(uid, 'uid'), toOwnerId(gid, 'gid')]
  yield * native({ method: 'fchown', args: [idOf(n, 'fchown'), ...ids], syscall: 'fchown' })
}

/** utimes (follows links) and lutimes (`link`: the link itself); times as Node takes them. */
export function * utimes (path: unknown, atime: unknown, mtime: unknown, link = false): Op<void> {
  const p = toPath(path)
  const times = [toUnixTimestamp(atime), toUnixTimestamp(mtime)]
  yield * native({ method: link ? 'lutimes' : 'utimes', args: [p, ...times], syscall: link ? 'lutime' : 'utime', path: p })
}

export function * futimes (fd: unknown, atime: unknown, mtime: unknown): Op<void> {
  const n = toFd(fd)
  const times = [toUnixTimestamp(atime), toUnixTimestamp(mtime)]
  yield * native({ method: 'futimes', args: [idOf(n, 'futime'), ...times], syscall: 'futime' })
}

export function * open (path: unknown, flags?: unknown, mode?: unknown): Op<number> {
  const p = toPath(path)
  const id = newId()
  const result = yield * native<OpenResult>({ method: 'open', args: [id, p, parseFlags(flags), parseMode(mode, 0o666)], syscall: 'open', path: p })
  remember(result.fd, id)
  return result.fd
}

export function * close (fd: unknown): Op<void> {
  const n = toFd(fd)
  yield * native({ method: 'close', args: [idOf(n, 'close')], syscall: 'close' })
  forget(n)
}

/** Reads into `buffer[offset, offset+length)` from `position` (-1/null: the current position). */
// The bytes one native read returns (no copy into a caller's buffer); fewer than `size` at the end of the file.
function * readBytes (fd: unknown, size: number, position: number | null): Op<Uint8Array> {
  return yield * native<Uint8Array>({ method: 'read', args: [idOf(toFd(fd), 'read'), size, position ?? -1], syscall: 'read' })
}

export function * read (fd: unknown, buffer: ArrayBufferView, offset = 0, length?: number, position?: number | bigint | null): Op<number> {
  const n = toFd(fd)
  const target = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  const size = length ?? target.byteLength - offset
  if (offset < 0 || size < 0 || offset + size > target.byteLength) {
    throw Object.assign(new RangeError(`The value of "length" is out of range. It must be <= ${target.byteLength - offset}. Received ${size}`), { code: 'ERR_OUT_OF_RANGE' })
  }
  if (size === 0) return 0
  const at = position === null || position === undefined ? -1 : position
  const bytes = yield * native<Uint8Array>({ method: 'read', args: [idOf(n, 'read'), size, at], syscall: 'read' })
  target.set(bytes.subarray(0, size), offset)
  return Math.min(bytes.byteLength, size)
}

export function * write (fd: unknown, data: Uint8Array, position?: number | bigint | null): Op<number> {
  const n = toFd(fd)
  const id = idOf(n, 'write')
  let written = 0
  let at = position === null || position === undefined ? -1 : Number(position)
  do {
    const chunk = data.subarray(written, written + CHUNK)
    const result = yield * native<{ bytes: number }>({ method: 'write', args: [id, chunk, at], syscall: 'write' })
    written += result.bytes
    if (at >= 0) at += result.bytes
    if (result.bytes === 0 && chunk.byteLength > 0) break
  } while (written < data.byteLength)
  return written
}

function statsOf (raw: unknown, bigint: unknown): Stats | BigIntStats {
  return bigint === true ? BigIntStats.from(raw) : Stats.from(raw)
}

export function * stat (path: unknown, options?: { bigint?: boolean }): Op<Stats | BigIntStats> {
  const p = toPath(path)
  return statsOf(yield * native({ method: 'stat', args: [p], syscall: 'stat', path: p }), options?.bigint)
}

export function * lstat (path: unknown, options?: { bigint?: boolean }): Op<Stats | BigIntStats> {
  const p = toPath(path)
  return statsOf(yield * native({ method: 'lstat', args: [p], syscall: 'lstat', path: p }), options?.bigint)
}

export function * fstat (fd: unknown, options?: { bigint?: boolean }): Op<Stats | BigIntStats> {
  const n = toFd(fd)
  return statsOf(yield * native({ method: 'fstat', args: [idOf(n, 'fstat')], syscall: 'fstat' }), options?.bigint)
}

export function * fsync (fd: unknown): Op<void> {
  const n = toFd(fd)
  yield * native({ method: 'fsync', args: [idOf(n, 'fsync')], syscall: 'fsync' })
}

export function * ftruncate (fd: unknown, length = 0): Op<void> {
  const n = toFd(fd)
  yield * native({ method: 'ftruncate', args: [idOf(n, 'ftruncate'), length], syscall: 'ftruncate' })
}

export function * truncate (path: unknown, length = 0): Op<void> {
  const fd = yield * open(path, 'r+')
  try {
    yield * ftruncate(fd, length)
  } finally {
    yield * close(fd)
  }
}

/** Node's mkdir: with `recursive`, resolves to the first directory created (undefined if none was). */
export function * mkdir (path: unknown, options?: unknown): Op<string | undefined> {
  const p = toPath(path)
  const { recursive, mode } = typeof options === 'number' || typeof options === 'string'
    ? { recursive: false, mode: options }
    : toOptions(options, { recursive: false, mode: 0o777 as unknown })
  let first: string | undefined
  if (recursive === true) {
    // Find the outermost missing ancestor: that is what Node reports as created.
    let dir = p.replace(/\/+$/, '') || '/'
    while (dir !== '' && dir !== '/' && dir !== '.') {
      const exists = yield * existsOp(dir)
      if (exists) break
      first = dir
      dir = dir.slice(0, dir.lastIndexOf('/'))
    }
    if (first !== undefined && !first.startsWith('/') && p.startsWith('/')) first = `/${first}`
  }
  yield * native({ method: 'mkdir', args: [p, parseMode(mode, 0o777), recursive === true], syscall: 'mkdir', path: p })
  return recursive === true ? first : undefined
}

export function * existsOp (path: string): Op<boolean> {
  try {
    yield * native({ method: 'access', args: [path, constants.F_OK], syscall: 'access', path })
    return true
  } catch {
    return false
  }
}

export function * exists (path: unknown): Op<boolean> {
  let p: string
  try { p = toPath(path) } catch { return false }
  return yield * existsOp(p)
}

/**
 * Every entry of a directory (through opendir/readdir/closedir), sorted by name as libuv's scandir does, or
 * in the directory's own order (as Node's opendir iterates) when `sorted` is false.
 */
export function * listDirectory (path: string, syscall = 'scandir', sorted = true): Op<Entry[]> {
  const id = newId()
  yield * native({ method: 'opendir', args: [id, path], syscall, path })
  const entries: Entry[] = []
  try {
    while (true) {
      const batch = yield * native<Entry[]>({ method: 'readdir', args: [id, 256], syscall, path })
      if (batch.length === 0) break
      entries.push(...batch)
    }
  } finally {
    yield * native({ method: 'closedir', args: [id], syscall: 'closedir', path })
  }
  return sorted ? entries.sort((a, b) => compareBytes(a.name, b.name)) : entries
}

function compareBytes (a: string, b: string): number {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return Buffer.compare(x, y)
}

export function * readdir (path: unknown, options?: unknown): Op<Array<string | Buffer | Dirent>> {
  const p = toPath(path)
  const { withFileTypes, encoding, recursive } = toOptions(options, { withFileTypes: false, recursive: false })
  const names: Array<{ parent: string, relative: string, entry: Entry }> = []
  const walk = function * (dir: string, prefix: string): Op<void> {
    for (const entry of yield * listDirectory(dir)) {
      names.push({ parent: dir, relative: prefix + entry.name, entry })
      if (recursive === true && entry.type === 'directory') yield * walk(`${dir}/${entry.name}`, `${prefix}${entry.name}/`)
    }
  }
  yield * walk(p, '')
  if (withFileTypes === true) return names.map(({ parent, entry }) => new Dirent(entry.name, entry.type, parent))
  return names.map(({ relative }) => encoding === 'buffer' ? Buffer.from(relative) : relative)
}

export function * readFile (path: unknown, options?: unknown): Op<string | Buffer> {
  const { encoding, flag } = toOptions(options, { flag: 'r' as unknown })
  const ownFd = typeof path !== 'number'
  // A path opened for reading only: one call (fs.readFile) that the host answers with the whole file. On the
  // Linux host with its web-process extension the call goes through that instead (runtime-js/ipc/fast-read.ts):
  // no byte crosses WebKit's resource loading and there is no size limit but Node's. Without it, files above the
  // host's 16 MiB one-call limit (EFBIG, also when one grew past it while read) take the chunked path below.
  if (ownFd && (flag === 'r' || flag === undefined)) {
    const p = toPath(path)
    try {
      const bytes = yield * native<Uint8Array>({ method: 'readFile', args: [p], syscall: 'open', path: p })
      return encode(Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), encoding)
    } catch (error) {
      const code = (error as { code?: string }).code
      // Node names neither the path nor open for a directory, as the chunked path below does not.
      if (code === 'EISDIR') throw errnoException('EISDIR', { syscall: 'read' })
      if (code !== 'EFBIG') throw error
    }
  }
  const fd = ownFd ? yield * open(path, flag) : path
  try {
    const stats = yield * fstat(fd)
    if (stats.isDirectory()) throw errnoException('EISDIR', { syscall: 'read' })
    // Reads of at most READ_FILE_CALL bytes, each copied into one buffer of the size fstat gave as it arrives:
    // joining all the chunks at the end copied the whole file in one go and froze the page (100 MB: one frame
    // gap of about a second on a loaded machine, bench/frame-gap.bench.ts). A file that fits one call is
    // returned as read, without a copy; a short read before the size continues; a file that grew grows the buffer.
    const size = Number(stats.size)
    let first: Uint8Array | undefined
    let whole: Uint8Array | undefined
    let total = 0
    while (true) {
      const request = Math.min(READ_FILE_CALL, Math.max(64 * 1024, size - total + 1))
      const bytes = yield * readBytes(fd, request, ownFd ? total : null)
      if (bytes.byteLength === 0) break
      if (first === undefined) first = bytes
      else {
        whole = whole ?? withRoom(new Uint8Array(Math.max(size, first.byteLength)), first, 0)
        whole = withRoom(whole, bytes, total)
      }
      total += bytes.byteLength
      if (total >= size && bytes.byteLength < request) break
    }
    const result = whole ?? first ?? new Uint8Array(0)
    return encode(Buffer.from(result.buffer as ArrayBuffer, result.byteOffset, total), encoding)
  } finally {
    if (ownFd) yield * close(fd)
  }
}

/** Copies `bytes` into `into` at `at`, first into a buffer twice as large if they do not fit (a file that grew). */
function withRoom (into: Uint8Array, bytes: Uint8Array, at: number): Uint8Array {
  let target = into
  if (at + bytes.byteLength > into.byteLength) {
    target = new Uint8Array(Math.max(into.byteLength * 2, at + bytes.byteLength))
    target.set(into.subarray(0, at))
  }
  target.set(bytes, at)
  return target
}

export function * writeFile (path: unknown, data: unknown, options?: unknown, defaultFlag = 'w'): Op<void> {
  const { encoding, flag, mode } = toOptions(options, { flag: defaultFlag as unknown, mode: 0o666 as unknown })
  const bytes = toBytes(data, encoding === 'buffer' ? 'utf8' : encoding)
  const ownFd = typeof path !== 'number'
  const fd = ownFd ? yield * open(path, flag, mode) : path
  try {
    yield * write(fd, bytes, null)
  } finally {
    if (ownFd) yield * close(fd)
  }
}

export function * copyFile (src: unknown, dest: unknown, mode = 0): Op<void> {
  const s = toPath(src, 'src')
  const d = toPath(dest, 'dest')
  yield * native({ method: 'copyFile', args: [s, d, mode], syscall: 'copyfile', path: s, dest: d })
}

export function * rename (from: unknown, to: unknown): Op<void> {
  const s = toPath(from, 'oldPath')
  const d = toPath(to, 'newPath')
  yield * native({ method: 'rename', args: [s, d], syscall: 'rename', path: s, dest: d })
}

export function * link (existing: unknown, newPath: unknown): Op<void> {
  const s = toPath(existing, 'existingPath')
  const d = toPath(newPath, 'newPath')
  yield * native({ method: 'link', args: [s, d], syscall: 'link', path: s, dest: d })
}

export function * symlink (target: unknown, path: unknown): Op<void> {
  const s = toPath(target, 'target')
  const d = toPath(path)
  yield * native({ method: 'symlink', args: [s, d, 0], syscall: 'symlink', path: s, dest: d })
}

export function * readlink (path: unknown, options?: unknown): Op<string | Buffer> {
  const p = toPath(path)
  const { encoding } = toOptions(options, {})
  const target = yield * native<string>({ method: 'readlink', args: [p], syscall: 'readlink', path: p })
  return encoding === 'buffer' ? Buffer.from(target) : target
}

export function * realpath (path: unknown, options?: unknown): Op<string | Buffer> {
  const p = toPath(path)
  const { encoding } = toOptions(options, {})
  const resolved = yield * native<string>({ method: 'realpath', args: [p], syscall: 'realpath', path: p })
  return encoding === 'buffer' ? Buffer.from(resolved) : resolved
}

export function * unlink (path: unknown): Op<void> {
  const p = toPath(path)
  yield * native({ method: 'unlink', args: [p], syscall: 'unlink', path: p })
}

export function * rmdir (path: unknown, options?: unknown): Op<void> {
  const p = toPath(path)
  if (toOptions(options, { recursive: false }).recursive === true) return yield * rm(p, { recursive: true })
  yield * native({ method: 'rmdir', args: [p], syscall: 'rmdir', path: p })
}

/** Node's rm: files, or whole trees with `recursive`; `force` ignores a missing path. */
export function * rm (path: unknown, options?: unknown): Op<void> {
  const p = toPath(path)
  const { recursive, force } = toOptions(options, { recursive: false, force: false })
  let stats: Stats | BigIntStats
  try {
    stats = yield * lstat(p)
  } catch (error) {
    if (force === true && (error as { code?: string }).code === 'ENOENT') return
    throw error
  }
  if (!stats.isDirectory()) return yield * unlink(p)
  if (recursive !== true) {
    // Node raises this one as a SystemError with a positive errno.
    throw Object.assign(new Error(`Path is a directory: rm returned EISDIR (is a directory) ${p}`), {
      name: 'SystemError', code: 'ERR_FS_EISDIR', errno: 21, syscall: 'rm', path: p
    })
  }
  for (const entry of yield * listDirectory(p)) yield * rm(`${p}/${entry.name}`, { recursive: true, force })
  yield * native({ method: 'rmdir', args: [p], syscall: 'rmdir', path: p })
}

const TEMP_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Node's mkdtemp: `prefix` plus six random characters, created with mode 0o700 (retried on a clash). */
export function * mkdtemp (prefix: unknown, options?: unknown): Op<string | Buffer> {
  const base = toPath(prefix, 'prefix')
  const { encoding } = toOptions(options, {})
  for (let attempt = 0; ; attempt++) {
    const random = globalThis.crypto.getRandomValues(new Uint8Array(6))
    const path = base + Array.from(random, (b) => TEMP_CHARS[b % TEMP_CHARS.length]).join('')
    try {
      yield * native({ method: 'mkdir', args: [path, 0o700, false], syscall: 'mkdtemp', path: `${base}XXXXXX` })
      return encoding === 'buffer' ? Buffer.from(path) : path
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST' || attempt > 8) throw error
    }
  }
}
