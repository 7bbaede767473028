// createFile: a File for a path on disk whose bytes are read when asked for (arrayBuffer, text, bytes,
// stream, slice), so a large file costs nothing until it is read. Its type comes from socket:mime.
import * as fs from '../../modules/fs/promises.ts'
import { lookupSync } from '../../modules/mime.ts'
import { toPath } from '../fs/args.ts'

export interface CreateFileOptions {
  /** The chunk size of stream(). */
  highWaterMark?: number
  /** The media type; by default looked up from the extension ('' when unknown, as browsers). */
  type?: string
  /** The file's name; by default the path's last part. */
  name?: string
}

const FileBase: typeof File = globalThis.File ?? class extends Blob {
  readonly name: string
  readonly lastModified: number
  readonly webkitRelativePath = ''
  constructor (bits: BlobPart[], name: string, options: FilePropertyBag = {}) {
    super(bits, options)
    this.name = name
    this.lastModified = options.lastModified ?? Date.now()
  }
} as unknown as typeof File

function basename (path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed.slice(trimmed.lastIndexOf('/') + 1)
}

export function typeFor (path: string): string {
  const dot = basename(path).lastIndexOf('.')
  if (dot <= 0) return ''
  return lookupSync(basename(path))[0]?.mime ?? ''
}

/** `for await (const chunk of stream)` where the engine's ReadableStream lacks it (WebKitGTK before 2.46). */
function iterable<T> (stream: ReadableStream<T>): ReadableStream<T> {
  if (Symbol.asyncIterator in (stream as object)) return stream
  Object.defineProperty(stream, Symbol.asyncIterator, {
    configurable: true,
    value: async function * () {
      const reader = stream.getReader()
      try {
        while (true) {
          const { done, value } = await reader.read()
          if (done) return
          yield value
        }
      } finally {
        reader.releaseLock()
      }
    }
  })
  return stream
}

/** A File over bytes [start, end) of `path` on disk; reads go through socket:fs (and so the fs sandbox). */
export class DiskFile extends FileBase {
  readonly #path: string
  readonly #start: number
  readonly #end: number
  readonly #type: string
  readonly #name: string
  readonly #lastModified: number
  readonly #highWaterMark: number

  constructor (path: string, range: { start: number, end: number }, meta: { type: string, name: string, lastModified: number, highWaterMark: number }) {
    super([], meta.name, { type: meta.type, lastModified: meta.lastModified })
    this.#path = path
    this.#start = range.start
    this.#end = range.end
    this.#type = meta.type
    this.#name = meta.name
    this.#lastModified = meta.lastModified
    this.#highWaterMark = meta.highWaterMark
  }

  /** The path this file reads (the original exposes it the same way on its Files). */
  get path (): string { return this.#path }
  override get size (): number { return this.#end - this.#start }
  override get type (): string { return this.#type }
  override get name (): string { return this.#name }
  override get lastModified (): number { return this.#lastModified }
  get lastModifiedDate (): Date { return new Date(this.#lastModified) }

  override async bytes (): Promise<Uint8Array<ArrayBuffer>> {
    const handle = await fs.open(this.#path, 'r')
    try {
      const bytes = new Uint8Array(this.size)
      let done = 0
      while (done < bytes.byteLength) {
        const { bytesRead } = await handle.read(bytes, done, bytes.byteLength - done, this.#start + done)
        if (bytesRead === 0) break
        done += bytesRead
      }
      return done === bytes.byteLength ? bytes : bytes.slice(0, done)
    } finally {
      await handle.close()
    }
  }

  override async arrayBuffer (): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer
  }

  override async text (): Promise<string> {
    return new TextDecoder().decode(await this.bytes())
  }

  /** Chunks of highWaterMark bytes; a failed read errors the stream (it never just stops), cancel closes the file. */
  override stream (): ReadableStream<Uint8Array<ArrayBuffer>> {
    let handle: fs.FileHandle | undefined
    let position = this.#start
    const end = this.#end
    const size = this.#highWaterMark
    const path = this.#path
    return iterable(new ReadableStream<Uint8Array<ArrayBuffer>>({
      async pull (controller) {
        try {
          handle ??= await fs.open(path, 'r')
          const chunk = new Uint8Array(Math.min(size, end - position))
          const { bytesRead } = chunk.byteLength === 0 ? { bytesRead: 0 } : await handle.read(chunk, 0, chunk.byteLength, position)
          if (bytesRead === 0) {
            await handle.close()
            controller.close()
            return
          }
          position += bytesRead
          controller.enqueue(chunk.subarray(0, bytesRead))
        } catch (error) {
          await handle?.close().catch(() => {})
          controller.error(error)
        }
      },
      async cancel () {
        await handle?.close()
      }
    }))
  }

  /** Blob#slice: a DiskFile over the narrower range (negative offsets count from the end). */
  override slice (start = 0, end = this.size, contentType = ''): DiskFile {
    const clamp = (n: number): number => Math.min(Math.max(n < 0 ? this.size + n : n, 0), this.size)
    const from = clamp(start)
    const to = Math.max(clamp(end), from)
    return new DiskFile(this.#path, { start: this.#start + from, end: this.#start + to }, {
      type: contentType, name: this.#name, lastModified: this.#lastModified, highWaterMark: this.#highWaterMark
    })
  }
}

/** The original's createFile(filename, options): a File for `filename`, after stat (rejects as fs.stat does). */
export async function createFile (filename: string | URL, options: CreateFileOptions = {}): Promise<DiskFile> {
  const path = toPath(filename, 'filename')
  const stats = await fs.stat(path)
  if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, createFile '${path}'`), { code: 'EISDIR', path })
  return new DiskFile(path, { start: 0, end: Number(stats.size) }, {
    type: options.type ?? typeFor(path),
    name: options.name ?? basename(path),
    lastModified: Math.trunc(Number(stats.mtimeMs)),
    highWaterMark: options.highWaterMark ?? 64 * 1024
  })
}

export { basename }
