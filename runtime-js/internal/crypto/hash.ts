// Node's synchronous createHash/createHmac, built on @noble/hashes (the webview's SubtleCrypto is async
// only). Covers the algorithms apps actually use; anything else is a NotSupportedError naming it.
import { sha1, md5 } from '@noble/hashes/legacy.js'
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js'
import { hmac } from '@noble/hashes/hmac.js'
import { Buffer } from 'buffer/index.js'
import { NotSupportedError } from '../errors.ts'

interface NobleHash { create (): Updatable, outputLen: number, blockLen: number }
const algorithms: Record<string, NobleHash> = { md5, sha1, sha224, sha256, sha384, sha512 }

function pick (name: string): NobleHash {
  const hash = algorithms[String(name).toLowerCase().replace(/^(sha)-/, '$1')]
  if (hash === undefined) throw new NotSupportedError(`crypto hash algorithm "${name}"`)
  return hash
}

type Data = string | ArrayBufferView | ArrayBuffer
type Encoding = 'hex' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'utf8'

function toBytes (data: Data, encoding?: string): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, (encoding ?? 'utf8') as 'utf8')
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  throw Object.assign(new TypeError('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView'), { code: 'ERR_INVALID_ARG_TYPE' })
}

interface Updatable { update (bytes: Uint8Array): unknown, digest (): Uint8Array }

class Digestor {
  #state: Updatable | undefined
  constructor (state: Updatable) { this.#state = state }

  update (data: Data, encoding?: string): this {
    if (this.#state === undefined) throw Object.assign(new Error('Digest already called'), { code: 'ERR_CRYPTO_HASH_FINALIZED' })
    this.#state.update(toBytes(data, encoding))
    return this
  }

  digest (): Buffer
  digest (encoding: Encoding): string
  digest (encoding?: Encoding): Buffer | string {
    if (this.#state === undefined) throw Object.assign(new Error('Digest already called'), { code: 'ERR_CRYPTO_HASH_FINALIZED' })
    const bytes = Buffer.from(this.#state.digest())
    this.#state = undefined
    return encoding === undefined ? bytes : bytes.toString(encoding)
  }
}

export class Hash extends Digestor {}
export class Hmac extends Digestor {}

export function createHash (algorithm: string): Hash {
  return new Hash(pick(algorithm).create())
}

export function createHmac (algorithm: string, key: Data): Hmac {
  return new Hmac(hmac.create(pick(algorithm) as typeof sha256, toBytes(key)))
}

export function getHashes (): string[] {
  return Object.keys(algorithms)
}
