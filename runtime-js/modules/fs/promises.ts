// socket:fs/promises — Node's fs/promises over the IDL's fs capability (generated/js/fs.ts). Each function
// runs one operation from internal/fs/operations.ts asynchronously; errors are Node-shaped.
import { runAsync } from '../../internal/fs/ops.ts'
import * as ops from '../../internal/fs/operations.ts'
import { opendir as opendirOp, Dir } from '../../internal/fs/dir.ts'
import { FileHandle, openHandle } from '../../internal/fs/handle.ts'
import { watchAsync } from '../../internal/fs/watch.ts'
import { constants } from '../../internal/fs/constants.ts'
import { cp as cpOp } from '../../internal/fs/cp.ts'
import { toPath } from '../../internal/fs/args.ts'
import type { Buffer } from '../buffer.ts'
import type { BigIntStats, Dirent, Stats } from '../../internal/fs/stats.ts'

type PathLike = string | Uint8Array | URL

/** fs/promises takes paths or FileHandles, never raw fds (numbers): those are rejected as Node does. */
function noFd (path: unknown): unknown {
  return typeof path === 'number' ? toPath(path) : path
}

export { constants, FileHandle, Dir }
export const access = (path: PathLike, mode?: number): Promise<void> => runAsync(ops.access(path, mode))
export const appendFile = (path: PathLike | FileHandle, data: string | ArrayBufferView, options?: unknown): Promise<void> =>
  path instanceof FileHandle ? path.appendFile(data, options) : runAsync(ops.writeFile(noFd(path), data, options, 'a'))
export const chmod = (path: PathLike, mode: number | string): Promise<void> => runAsync(ops.chmod(path, mode))
export const chown = (path: PathLike, uid: number, gid: number): Promise<void> => runAsync(ops.chown(path, uid, gid))
export const lchown = (path: PathLike, uid: number, gid: number): Promise<void> => runAsync(ops.chown(path, uid, gid, true))
export const utimes = (path: PathLike, atime: number | string | Date, mtime: number | string | Date): Promise<void> => runAsync(ops.utimes(path, atime, mtime))
export const lutimes = (path: PathLike, atime: number | string | Date, mtime: number | string | Date): Promise<void> => runAsync(ops.utimes(path, atime, mtime, true))
/** Copies a file, or a whole tree with `{ recursive: true }`, as Node's fs/promises cp. */
export const cp = (src: PathLike, dest: PathLike, options?: unknown): Promise<void> => runAsync(cpOp(src, dest, options, 'async'))
export const copyFile = (src: PathLike, dest: PathLike, mode?: number): Promise<void> => runAsync(ops.copyFile(src, dest, mode))
export const link = (existingPath: PathLike, newPath: PathLike): Promise<void> => runAsync(ops.link(existingPath, newPath))
export const lstat = (path: PathLike, options?: { bigint?: boolean }): Promise<Stats | BigIntStats> => runAsync(ops.lstat(path, options))
export const mkdir = (path: PathLike, options?: unknown): Promise<string | undefined> => runAsync(ops.mkdir(path, options))
export const mkdtemp = (prefix: string, options?: unknown): Promise<string | Buffer> => runAsync(ops.mkdtemp(prefix, options))
export const open = (path: PathLike, flags?: string | number, mode?: number | string): Promise<FileHandle> => openHandle(path, flags, mode)
export const opendir = (path: PathLike): Promise<Dir> => runAsync(opendirOp(path))
export const readdir = (path: PathLike, options?: unknown): Promise<Array<string | Buffer | Dirent>> => runAsync(ops.readdir(path, options))
export const readFile = (path: PathLike | FileHandle, options?: unknown): Promise<string | Buffer> =>
  path instanceof FileHandle ? path.readFile(options) : runAsync(ops.readFile(noFd(path), options))
export const readlink = (path: PathLike, options?: unknown): Promise<string | Buffer> => runAsync(ops.readlink(path, options))
export const realpath = (path: PathLike, options?: unknown): Promise<string | Buffer> => runAsync(ops.realpath(path, options))
export const rename = (oldPath: PathLike, newPath: PathLike): Promise<void> => runAsync(ops.rename(oldPath, newPath))
export const rm = (path: PathLike, options?: { recursive?: boolean, force?: boolean }): Promise<void> => runAsync(ops.rm(path, options))
export const rmdir = (path: PathLike, options?: { recursive?: boolean }): Promise<void> => runAsync(ops.rmdir(path, options))
export const stat = (path: PathLike, options?: { bigint?: boolean }): Promise<Stats | BigIntStats> => runAsync(ops.stat(path, options))
export const symlink = (target: PathLike, path: PathLike): Promise<void> => runAsync(ops.symlink(target, path))
export const truncate = (path: PathLike, length?: number): Promise<void> => runAsync(ops.truncate(path, length))
export const unlink = (path: PathLike): Promise<void> => runAsync(ops.unlink(path))
export const writeFile = (path: PathLike | FileHandle, data: string | ArrayBufferView, options?: unknown): Promise<void> =>
  path instanceof FileHandle ? path.writeFile(data, options) : runAsync(ops.writeFile(noFd(path), data, options))
export const watch = watchAsync

export default {
  access, appendFile, chmod, chown, lchown, copyFile, cp, link, lstat, mkdir, mkdtemp, open, opendir, readdir,
  readFile, readlink, realpath, rename, rm, rmdir, stat, symlink, truncate, unlink, utimes, lutimes, watch,
  writeFile, constants
}
