// FileSystemHandle, FileSystemFileHandle and FileSystemDirectoryHandle (the File System Access API) over
// paths on disk. Every call goes through socket:fs, so the host's fs sandbox decides what a page may touch;
// a handle made with `writable: false` refuses every change itself (queryPermission answers 'denied').
import * as fs from '../../modules/fs/promises.ts'
import { NotSupportedError } from '../errors.ts'
import { createFile, basename, type DiskFile } from './file.ts'
import { FileSystemWritableFileStream } from './writable.ts'
import { domError, mapErrors } from './errors.ts'

export interface HandleOptions { writable?: boolean }
type Mode = 'read' | 'readwrite'

/** A child name: not empty, '.', '..' and without a path separator (TypeError, as the API). */
function childName (name: unknown): string {
  const text = String(name)
  if (text === '' || text === '.' || text === '..' || text.includes('/') || text.includes('\\') || text.includes('\u0000')) {
    throw new TypeError(`Name is not allowed: ${JSON.stringify(text)}`)
  }
  return text
}

/** rm -r with `recursive`, else rmdir (ENOTEMPTY -> InvalidModificationError, where rm would say EISDIR). */
async function removeDirectory (path: string, recursive: boolean): Promise<void> {
  if (recursive) await fs.rm(path, { recursive: true })
  else await fs.rmdir(path)
}

export abstract class FileSystemHandle {
  abstract readonly kind: 'file' | 'directory'
  readonly #path: string
  readonly #writable: boolean

  constructor (path: string, options: HandleOptions = {}) {
    this.#path = path.length > 1 ? path.replace(/\/+$/, '') : path
    this.#writable = options.writable ?? true
  }

  get name (): string { return basename(this.#path) || '/' }
  /** The path on disk (not in the web API; the original's handles carry it too). */
  get path (): string { return this.#path }
  get writable (): boolean { return this.#writable }

  async queryPermission (descriptor: { mode?: Mode } = {}): Promise<PermissionState> {
    return descriptor.mode === 'readwrite' && !this.#writable ? 'denied' : 'granted'
  }

  async requestPermission (descriptor: { mode?: Mode } = {}): Promise<PermissionState> {
    return await this.queryPermission(descriptor)
  }

  /** Whether both handles are the same kind and name the same entry (after symlinks). */
  async isSameEntry (other: FileSystemHandle): Promise<boolean> {
    if (!(other instanceof FileSystemHandle) || other.kind !== this.kind) return false
    if (other.path === this.path) return true
    const [a, b] = await Promise.all([fs.realpath(this.path).catch(() => this.path), fs.realpath(other.path).catch(() => other.path)])
    return a === b
  }

  /** Removes the entry (`recursive` for a non-empty directory). */
  async remove (options: { recursive?: boolean } = {}): Promise<void> {
    this.checkWritable('remove')
    await mapErrors(async () => {
      if (this.kind === 'file') await fs.unlink(this.path)
      else await removeDirectory(this.path, options.recursive === true)
    })
  }

  protected checkWritable (what: string): void {
    if (!this.#writable) throw domError('NotAllowedError', `${what}: this ${this.kind} handle is read-only`)
  }

  protected child (name: unknown): string {
    const child = childName(name)
    return this.#path === '/' ? `/${child}` : `${this.#path}/${child}`
  }
}

export class FileSystemFileHandle extends FileSystemHandle {
  readonly kind = 'file' as const

  /** A fresh File with the file's current bytes, size and time. */
  async getFile (): Promise<DiskFile> {
    return await mapErrors(async () => await createFile(this.path))
  }

  async createWritable (options: { keepExistingData?: boolean } = {}): Promise<FileSystemWritableFileStream> {
    this.checkWritable('createWritable')
    return await FileSystemWritableFileStream.create(this.path, options.keepExistingData === true)
  }

  /** Only for the origin-private file system in dedicated workers, which this runtime does not have. */
  async createSyncAccessHandle (): Promise<never> {
    throw new NotSupportedError('FileSystemFileHandle.createSyncAccessHandle')
  }
}

export class FileSystemDirectoryHandle extends FileSystemHandle {
  readonly kind = 'directory' as const

  async getFileHandle (name: string, options: { create?: boolean } = {}): Promise<FileSystemFileHandle> {
    const path = this.child(name)
    await this.#statOrCreate(path, 'file', options.create === true, async () => await fs.writeFile(path, '', { flag: 'a' }))
    return new FileSystemFileHandle(path, { writable: this.writable })
  }

  async getDirectoryHandle (name: string, options: { create?: boolean } = {}): Promise<FileSystemDirectoryHandle> {
    const path = this.child(name)
    await this.#statOrCreate(path, 'directory', options.create === true, async () => { await fs.mkdir(path) })
    return new FileSystemDirectoryHandle(path, { writable: this.writable })
  }

  /** Checks that `path` is a `kind` (TypeMismatchError if not), creating it with `make` when missing and `create`. */
  async #statOrCreate (path: string, kind: 'file' | 'directory', create: boolean, make: () => Promise<void>): Promise<void> {
    await mapErrors(async () => {
      const stats = await fs.stat(path).catch(async (error: { code?: string }) => {
        if (error.code !== 'ENOENT' || !create) throw error
        this.checkWritable(`get${kind === 'file' ? 'File' : 'Directory'}Handle({ create: true })`)
        await make()
        return await fs.stat(path)
      })
      if (kind === 'file' ? !stats.isFile() : !stats.isDirectory()) throw domError('TypeMismatchError', `${basename(path)} is not a ${kind}`)
    })
  }

  /** Removes a child; a non-empty directory needs `recursive` (else InvalidModificationError). */
  async removeEntry (name: string, options: { recursive?: boolean } = {}): Promise<void> {
    const path = this.child(name)
    this.checkWritable('removeEntry')
    await mapErrors(async () => {
      const stats = await fs.lstat(path)
      if (stats.isDirectory()) await removeDirectory(path, options.recursive === true)
      else await fs.unlink(path)
    })
  }

  /** The names from this directory down to `descendant`, or null when it is not inside. */
  async resolve (descendant: FileSystemHandle): Promise<string[] | null> {
    const base = this.path === '/' ? '' : this.path
    if (descendant.path === this.path) return []
    if (!descendant.path.startsWith(base + '/')) return null
    return descendant.path.slice(base.length + 1).split('/')
  }

  async * entries (): AsyncGenerator<[string, FileSystemFileHandle | FileSystemDirectoryHandle]> {
    const entries = await mapErrors(async () => await fs.readdir(this.path, { withFileTypes: true }))
    for (const entry of entries as Array<{ name: string, isDirectory: () => boolean }>) {
      const path = this.child(entry.name)
      const Handle = entry.isDirectory() ? FileSystemDirectoryHandle : FileSystemFileHandle
      yield [entry.name, new Handle(path, { writable: this.writable })]
    }
  }

  async * keys (): AsyncGenerator<string> {
    for await (const [name] of this.entries()) yield name
  }

  async * values (): AsyncGenerator<FileSystemFileHandle | FileSystemDirectoryHandle> {
    for await (const [, handle] of this.entries()) yield handle
  }

  [Symbol.asyncIterator] (): AsyncGenerator<[string, FileSystemFileHandle | FileSystemDirectoryHandle]> {
    return this.entries()
  }
}
