// FileSystemWritableFileStream: writes go to a swap file beside the target (`<name>.crswap`, as Chromium),
// which replaces the target on close() and is removed on abort(), so readers never see a half-written file.
import * as fs from '../../modules/fs/promises.ts'
import { domError, toDomError } from './errors.ts'

type WriteParams =
  | { type: 'write', data: BufferSource | Blob | string, position?: number | null }
  | { type: 'seek', position: number }
  | { type: 'truncate', size: number }
type Chunk = BufferSource | Blob | string | WriteParams

async function toBytes (data: unknown): Promise<Uint8Array> {
  if (typeof data === 'string') return new TextEncoder().encode(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (typeof Blob !== 'undefined' && data instanceof Blob) return new Uint8Array(await data.arrayBuffer())
  throw new TypeError('FileSystemWritableFileStream.write: data must be a string, BufferSource or Blob')
}

function nonNegative (value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new TypeError(`FileSystemWritableFileStream: ${what} must be a non-negative integer`)
  return value
}

export class FileSystemWritableFileStream extends WritableStream<Chunk> {
  /** Opens the swap file for `path`, holding a copy of it when keepExistingData is true. */
  static async create (path: string, keepExistingData = false): Promise<FileSystemWritableFileStream> {
    const swap = `${path}.crswap`
    try {
      if (keepExistingData) await fs.copyFile(path, swap)
      const handle = await fs.open(swap, keepExistingData ? 'r+' : 'w')
      return new FileSystemWritableFileStream(path, swap, handle)
    } catch (error) {
      await fs.rm(swap, { force: true }).catch(() => {})
      throw toDomError(error)
    }
  }

  private constructor (path: string, swap: string, handle: fs.FileHandle) {
    let cursor = 0
    const finish = async (keep: boolean): Promise<void> => {
      await handle.close()
      if (keep) await fs.rename(swap, path)
      else await fs.rm(swap, { force: true })
    }
    super({
      async write (chunk: Chunk) {
        try {
          const params = typeof chunk === 'object' && chunk !== null && 'type' in chunk && !(typeof Blob !== 'undefined' && chunk instanceof Blob)
            ? chunk as WriteParams
            : { type: 'write' as const, data: chunk as BufferSource }
          if (params.type === 'seek') {
            cursor = nonNegative(params.position, 'position')
          } else if (params.type === 'truncate') {
            const size = nonNegative(params.size, 'size')
            await handle.truncate(size)
            cursor = Math.min(cursor, size)
          } else if (params.type === 'write') {
            if (params.data === undefined) throw new TypeError('FileSystemWritableFileStream.write: { type: "write" } needs data')
            if (params.position !== undefined && params.position !== null) cursor = nonNegative(params.position, 'position')
            const bytes = await toBytes(params.data)
            let done = 0
            while (done < bytes.byteLength) {
              const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done, cursor + done)
              done += bytesWritten
            }
            cursor += done
          } else {
            throw new TypeError(`FileSystemWritableFileStream.write: unknown type '${String((params as { type: unknown }).type)}'`)
          }
        } catch (error) {
          await finish(false).catch(() => {})
          throw toDomError(error)
        }
      },
      async close () {
        try {
          await finish(true)
        } catch (error) {
          throw toDomError(error)
        }
      },
      async abort () {
        await finish(false)
      }
    })
  }

  /** Writes at the cursor (or as `{ type, … }` says); resolves once the bytes are in the swap file. */
  async write (data: Chunk): Promise<void> {
    const writer = this.getWriter()
    try {
      return await writer.write(data)
    } finally {
      writer.releaseLock()
    }
  }

  async seek (position: number): Promise<void> {
    await this.write({ type: 'seek', position })
  }

  async truncate (size: number): Promise<void> {
    await this.write({ type: 'truncate', size })
  }
}

export { domError }
