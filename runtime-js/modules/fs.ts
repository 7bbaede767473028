// socket:fs — Node's fs in callback and sync forms over the IDL's fs capability. Every function runs one
// operation from internal/fs/operations.ts: asynchronously for callbacks, through a blocking XHR for *Sync.
import { runCallback, runSyncOp, type Op } from '../internal/fs/ops.ts'
import * as ops from '../internal/fs/operations.ts'
import { opendir as opendirOp, Dir } from '../internal/fs/dir.ts'
import { ReadStream, WriteStream, type ReadStreamOptions, type WriteStreamOptions } from '../internal/fs/streams.ts'
import { FSWatcher, watch } from '../internal/fs/watch.ts'
import { constants } from '../internal/fs/constants.ts'
import { BigIntStats, Dirent, Stats } from '../internal/fs/stats.ts'
import { FileHandle } from '../internal/fs/handle.ts'
import { cp as cpOp } from '../internal/fs/cp.ts'
import { toBytes, toCallback } from '../internal/fs/args.ts'
import { unwatchFile, watchFile } from '../internal/fs/watch-file.ts'
import { customPromisify } from '../internal/promisify.ts'
import * as promises from './fs/promises.ts'
import type { BufferEncoding } from '../internal/buffer-encoding.ts'

type Callback = (...args: any[]) => void

/** `name(...args, callback)` for an operation. The callback is always the last argument, as in Node. */
function callbackForm<A extends unknown[], T> (make: (...args: A) => Op<T>): (...args: [...Partial<A>, Callback]) => void {
  return (...args: unknown[]) => {
    const callback = toCallback(args.pop())
    runCallback(make(...(args as A)), callback)
  }
}

function syncForm<A extends unknown[], T> (make: (...args: A) => Op<T>): (...args: A) => T {
  return (...args: A) => runSyncOp(make(...args))
}


export const access = callbackForm(ops.access)
export const accessSync = syncForm(ops.access)
export const appendFile = callbackForm((path: unknown, data: unknown, options?: unknown) => ops.writeFile(path, data, options, 'a'))
export const appendFileSync = syncForm((path: unknown, data: unknown, options?: unknown) => ops.writeFile(path, data, options, 'a'))
export const chmod = callbackForm(ops.chmod)
export const chmodSync = syncForm(ops.chmod)
export const chown = callbackForm((path: unknown, uid: unknown, gid: unknown) => ops.chown(path, uid, gid))
export const chownSync = syncForm((path: unknown, uid: unknown, gid: unknown) => ops.chown(path, uid, gid))
export const lchown = callbackForm((path: unknown, uid: unknown, gid: unknown) => ops.chown(path, uid, gid, true))
export const lchownSync = syncForm((path: unknown, uid: unknown, gid: unknown) => ops.chown(path, uid, gid, true))
export const fchmod = callbackForm(ops.fchmod)
export const fchmodSync = syncForm(ops.fchmod)
export const fchown = callbackForm(ops.fchown)
export const fchownSync = syncForm(ops.fchown)
export const utimes = callbackForm((path: unknown, atime: unknown, mtime: unknown) => ops.utimes(path, atime, mtime))
export const utimesSync = syncForm((path: unknown, atime: unknown, mtime: unknown) => ops.utimes(path, atime, mtime))
export const lutimes = callbackForm((path: unknown, atime: unknown, mtime: unknown) => ops.utimes(path, atime, mtime, true))
export const lutimesSync = syncForm((path: unknown, atime: unknown, mtime: unknown) => ops.utimes(path, atime, mtime, true))
export const futimes = callbackForm(ops.futimes)
export const futimesSync = syncForm(ops.futimes)
/** cp(src, dest[, options], callback): a whole tree with `recursive`; see internal/fs/cp.ts. */
export const cp = callbackForm((src: unknown, dest: unknown, options?: unknown) => cpOp(src, dest, options, 'async'))
export const cpSync = syncForm((src: unknown, dest: unknown, options?: unknown) => cpOp(src, dest, options, 'sync'))
export const close = callbackForm(ops.close)
export const closeSync = syncForm(ops.close)
export const copyFile = callbackForm(ops.copyFile)
export const copyFileSync = syncForm(ops.copyFile)
export const fstat = callbackForm(ops.fstat)
export const fstatSync = syncForm(ops.fstat)
export const fsync = callbackForm(ops.fsync)
export const fsyncSync = syncForm(ops.fsync)
export const fdatasync = fsync
export const fdatasyncSync = fsyncSync
export const ftruncate = callbackForm(ops.ftruncate)
export const ftruncateSync = syncForm(ops.ftruncate)
export const link = callbackForm(ops.link)
export const linkSync = syncForm(ops.link)
export const lstat = callbackForm(ops.lstat)
export const lstatSync = syncForm(ops.lstat)
export const mkdir = callbackForm(ops.mkdir)
export const mkdirSync = syncForm(ops.mkdir)
export const mkdtemp = callbackForm(ops.mkdtemp)
export const mkdtempSync = syncForm(ops.mkdtemp)
export const open = callbackForm(ops.open)
export const openSync = syncForm(ops.open)
export const opendir = callbackForm(opendirOp)
export const opendirSync = syncForm(opendirOp)
export const readdir = callbackForm(ops.readdir)
export const readdirSync = syncForm(ops.readdir)
export const readFile = callbackForm(ops.readFile)
export const readFileSync = syncForm(ops.readFile)
export const readlink = callbackForm(ops.readlink)
export const readlinkSync = syncForm(ops.readlink)
export const realpath = callbackForm(ops.realpath)
export const realpathSync = syncForm(ops.realpath)
export const rename = callbackForm(ops.rename)
export const renameSync = syncForm(ops.rename)
export const rm = callbackForm(ops.rm)
export const rmSync = syncForm(ops.rm)
export const rmdir = callbackForm(ops.rmdir)
export const rmdirSync = syncForm(ops.rmdir)
export const stat = callbackForm(ops.stat)
export const statSync = syncForm(ops.stat)
export const symlink = callbackForm((target: unknown, path: unknown) => ops.symlink(target, path))
export const symlinkSync = (target: unknown, path: unknown): void => runSyncOp(ops.symlink(target, path))
export const truncate = callbackForm(ops.truncate)
export const truncateSync = syncForm(ops.truncate)
export const unlink = callbackForm(ops.unlink)
export const unlinkSync = syncForm(ops.unlink)
export const writeFile = callbackForm(ops.writeFile)
export const writeFileSync = syncForm((path: unknown, data: unknown, options?: unknown) => ops.writeFile(path, data, options))

/** fs.exists(path, callback(exists)): the one callback without an error argument. */
export function exists (path: unknown, callback: (exists: boolean) => void): void {
  const done = toCallback(callback)
  runCallback(ops.exists(path), (_error: unknown, value: boolean) => done(value === true))
}
Object.defineProperty(exists, customPromisify, { value: (path: unknown) => promises.access(path as string).then(() => true, () => false) })

export function existsSync (path: unknown): boolean {
  try {
    return runSyncOp(ops.exists(path))
  } catch {
    return false
  }
}

interface ReadOptions { buffer?: ArrayBufferView, offset?: number, length?: number, position?: number | bigint | null }

/** read(fd, buffer, offset, length, position, cb) | read(fd, {buffer, …}, cb) | read(fd, cb) */
function readArgs (args: unknown[]): [number, ArrayBufferView, number, number | undefined, number | bigint | null | undefined] {
  const fd = args[0] as number
  if (ArrayBuffer.isView(args[1])) {
    const offset = args[2] !== null && typeof args[2] === 'object' ? (args[2] as ReadOptions) : undefined
    if (offset !== undefined) return [fd, args[1], offset.offset ?? 0, offset.length, offset.position]
    return [fd, args[1], (args[2] as number) ?? 0, args[3] as number | undefined, args[4] as number | null | undefined]
  }
  const options = (args[1] ?? {}) as ReadOptions
  const buffer = options.buffer ?? new Uint8Array(16384)
  return [fd, buffer, options.offset ?? 0, options.length, options.position]
}

export function read (...args: unknown[]): void {
  const callback = toCallback(args.pop())
  const [fd, buffer, offset, length, position] = readArgs(args)
  runCallback(ops.read(fd, buffer, offset, length, position), callback, (bytesRead) => [bytesRead, buffer])
}
Object.defineProperty(read, customPromisify, {
  value: (...args: unknown[]) => new Promise((resolve, reject) => read(...args, (error: Error | null, bytesRead: number, buffer: ArrayBufferView) => error ? reject(error) : resolve({ bytesRead, buffer })))
})

export function readSync (...args: unknown[]): number {
  const [fd, buffer, offset, length, position] = readArgs(args)
  return runSyncOp(ops.read(fd, buffer, offset, length, position))
}

/** write(fd, buffer, offset?, length?, position?, cb) | write(fd, string, position?, encoding?, cb) */
function writeArgs (args: unknown[]): [number, Uint8Array, number | null | undefined, unknown] {
  const [fd, data] = args as [number, unknown]
  if (typeof data === 'string') {
    return [fd, toBytes(data, typeof args[3] === 'string' ? args[3] : 'utf8'), args[2] as number | null | undefined, data]
  }
  const bytes = toBytes(data, undefined, 'buffer')
  if (args[2] !== null && typeof args[2] === 'object') {
    const options = args[2] as { offset?: number, length?: number, position?: number | null }
    const offset = options.offset ?? 0
    return [fd, bytes.subarray(offset, offset + (options.length ?? bytes.byteLength - offset)), options.position, data]
  }
  const offset = (args[2] as number | undefined) ?? 0
  const length = (args[3] as number | undefined) ?? bytes.byteLength - offset
  return [fd, bytes.subarray(offset, offset + length), args[4] as number | null | undefined, data]
}

export function write (...args: unknown[]): void {
  const callback = toCallback(args.pop())
  const [fd, bytes, position, original] = writeArgs(args)
  runCallback(ops.write(fd, bytes, position), callback, (written) => [written, original])
}
Object.defineProperty(write, customPromisify, {
  value: (...args: unknown[]) => new Promise((resolve, reject) => write(...args, (error: Error | null, bytesWritten: number, buffer: unknown) => error ? reject(error) : resolve({ bytesWritten, buffer })))
})

export function writeSync (...args: unknown[]): number {
  const [fd, bytes, position] = writeArgs(args)
  return runSyncOp(ops.write(fd, bytes, position))
}

export function createReadStream (path: unknown, options?: BufferEncoding | ReadStreamOptions): ReadStream {
  return new ReadStream(path, typeof options === 'string' ? { encoding: options } : options)
}

export function createWriteStream (path: unknown, options?: BufferEncoding | WriteStreamOptions): WriteStream {
  return new WriteStream(path, typeof options === 'string' ? { encoding: options } : options)
}


export const { F_OK, R_OK, W_OK, X_OK } = constants
// FileHandle: the original's socket:fs exports it (Node's fs reaches it only through fs/promises).
export { constants, promises, FileHandle, Stats, BigIntStats, Dirent, Dir, ReadStream, WriteStream, FSWatcher, watch, watchFile, unwatchFile }

export default {
  access, accessSync, appendFile, appendFileSync, chmod, chmodSync, chown, chownSync, lchown, lchownSync, close,
  closeSync, copyFile, copyFileSync, exists, existsSync, fstat, fstatSync, fsync, fsyncSync, fdatasync, fdatasyncSync,
  ftruncate, ftruncateSync, link, linkSync, lstat, lstatSync, mkdir, mkdirSync, mkdtemp, mkdtempSync, open, openSync,
  opendir, opendirSync, read, readSync, readdir, readdirSync, readFile, readFileSync, readlink, readlinkSync,
  realpath, realpathSync, rename, renameSync, rm, rmSync, rmdir, rmdirSync, stat, statSync, symlink, symlinkSync,
  truncate, truncateSync, unlink, unlinkSync, write, writeSync, writeFile, writeFileSync, createReadStream,
  createWriteStream, watch, utimes, utimesSync, futimes, futimesSync, lutimes, lutimesSync, fchmod, fchmodSync,
  fchown, fchownSync, watchFile, unwatchFile, cp, cpSync, constants, promises, Stats, BigIntStats, Dirent, Dir, ReadStream,
  WriteStream, FSWatcher, F_OK, R_OK, W_OK, X_OK
}
