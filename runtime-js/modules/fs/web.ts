// socket:fs/web — the original's File System Access API shapes over paths on disk: createFile (a File read
// lazily), createFileSystemFileHandle / createFileSystemDirectoryHandle / createFileSystemHandle, and
// createFileSystemWritableFileStream (swap file, replaced on close). All of it goes through socket:fs, so the
// host's fs sandbox applies; failures are the API's DOMExceptions (NotFoundError, TypeMismatchError, …).
import { createFile, DiskFile, type CreateFileOptions } from '../../internal/fs-web/file.ts'
import { FileSystemDirectoryHandle, FileSystemFileHandle, FileSystemHandle, type HandleOptions } from '../../internal/fs-web/handles.ts'
import { FileSystemWritableFileStream } from '../../internal/fs-web/writable.ts'
import { mapErrors } from '../../internal/fs-web/errors.ts'
import { toPath } from '../../internal/fs/args.ts'
import * as fs from './promises.ts'

function pathOf (file: unknown, name: string): string {
  if (file instanceof DiskFile) return file.path
  return toPath(file, name)
}

/** A handle on the file `file` (a path, a file: URL, or a File from createFile); TypeMismatchError for a directory. */
export async function createFileSystemFileHandle (file: string | URL | DiskFile, options: HandleOptions = {}): Promise<FileSystemFileHandle> {
  const path = pathOf(file, 'file')
  const stats = await mapErrors(async () => await fs.stat(path))
  if (stats.isDirectory()) throw new DOMException(`${path} is a directory`, 'TypeMismatchError')
  return new FileSystemFileHandle(path, options)
}

/** A handle on the directory `dirname`; TypeMismatchError when it is a file. */
export async function createFileSystemDirectoryHandle (dirname: string | URL, options: HandleOptions = {}): Promise<FileSystemDirectoryHandle> {
  const path = toPath(dirname, 'dirname')
  const stats = await mapErrors(async () => await fs.stat(path))
  if (!stats.isDirectory()) throw new DOMException(`${path} is not a directory`, 'TypeMismatchError')
  return new FileSystemDirectoryHandle(path, options)
}

/** A file or directory handle, whichever `path` is. */
export async function createFileSystemHandle (path: string | URL, options: HandleOptions = {}): Promise<FileSystemFileHandle | FileSystemDirectoryHandle> {
  const p = toPath(path)
  const stats = await mapErrors(async () => await fs.stat(p))
  return stats.isDirectory() ? new FileSystemDirectoryHandle(p, options) : new FileSystemFileHandle(p, options)
}

/** A writable stream on `handle`'s file (as handle.createWritable(options)). */
export async function createFileSystemWritableFileStream (handle: FileSystemFileHandle, options: { keepExistingData?: boolean } = {}): Promise<FileSystemWritableFileStream> {
  return await handle.createWritable(options)
}

export { createFile, DiskFile as File, FileSystemHandle, FileSystemFileHandle, FileSystemDirectoryHandle, FileSystemWritableFileStream }
export type { CreateFileOptions, HandleOptions }

export default {
  createFile, createFileSystemHandle, createFileSystemFileHandle, createFileSystemDirectoryHandle,
  createFileSystemWritableFileStream, File: DiskFile, FileSystemHandle, FileSystemFileHandle,
  FileSystemDirectoryHandle, FileSystemWritableFileStream
}
