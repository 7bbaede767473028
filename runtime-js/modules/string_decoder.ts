// socket:string_decoder — Node's StringDecoder, from the `string_decoder` npm package (Node's own, ported).
// The port only reads Buffers; this accepts any Uint8Array, as Node does, and tags unknown encodings.
import { StringDecoder as Port } from 'string_decoder/lib/string_decoder.js'
import { Buffer } from './buffer.ts'
import { codedError } from '../internal/errors.ts'
import type { BufferEncoding } from '../internal/buffer-encoding.ts'

// The port's `require('buffer')` is the npm Buffer when bundled but Node's own under Node (tests); its
// internal buffers must match the input's class, so under Node give it Node's.
const PortBuffer: typeof Buffer = (globalThis as unknown as { Buffer?: typeof Buffer }).Buffer ?? Buffer

function toBuffer (bytes: ArrayBufferView | string): Buffer | string {
  if (typeof bytes === 'string') return bytes
  return PortBuffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)
}

export class StringDecoder {
  readonly #port: Port & { encoding: string }
  readonly encoding: string

  constructor (encoding: string = 'utf8') {
    let port: Port & { encoding: string }
    try {
      port = new Port(encoding as BufferEncoding) as Port & { encoding: string }
    } catch {
      throw codedError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`)
    }
    this.#port = port
    this.encoding = port.encoding
  }

  write (bytes: ArrayBufferView | string): string {
    return this.#port.write(toBuffer(bytes) as Buffer)
  }

  end (bytes?: ArrayBufferView | string): string {
    return bytes === undefined ? this.#port.end() : this.#port.end(toBuffer(bytes) as Buffer)
  }
}

export default { StringDecoder }
