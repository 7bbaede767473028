// socket:crypto — the webview's WebCrypto, Node's randomBytes/createHash/createHmac/randomUUID, and the
// original's extras (createDigest, rand64, MAX_RANDOM_BYTES, RANDOM_BYTES_QUOTA).
import { Buffer } from 'buffer/index.js'
import { createHash, createHmac, getHashes, Hash, Hmac } from '../internal/crypto/hash.ts'
import { murmur3 } from '../internal/crypto/murmur3.ts'
import { unsupportedNamespace } from '../internal/unsupported.ts'

export { createHash, createHmac, getHashes, Hash, Hmac, murmur3 }
export const webcrypto: Crypto = globalThis.crypto
/** The original bundled libsodium.js here; this runtime does not: every use throws NotSupportedError. */
export const sodium = unsupportedNamespace('crypto.sodium', 'libsodium is not bundled; use webcrypto or createHash/createHmac')
export const subtle: SubtleCrypto = globalThis.crypto.subtle
/** getRandomValues fills at most this many bytes per call (the Web Crypto quota). */
export const RANDOM_BYTES_QUOTA = 64 * 1024
export const MAX_RANDOM_BYTES = 0xFFFF_FFFF_FFFF
export const MAX_RANDOM_BYTES_PAGES = MAX_RANDOM_BYTES / RANDOM_BYTES_QUOTA

/**
 * The original's getRandomValues: as WebCrypto's, but a view larger than the 64 KiB quota is filled one
 * quota-sized page at a time (WebCrypto alone throws QuotaExceededError there, as Node's does).
 */
export function getRandomValues<T extends ArrayBufferView | null> (array: T): T {
  if (array === null || !ArrayBuffer.isView(array) || array.byteLength <= RANDOM_BYTES_QUOTA || array instanceof DataView ||
    array instanceof Float32Array || array instanceof Float64Array) {
    // Small views, and the types WebCrypto refuses, keep WebCrypto's own result and errors.
    return webcrypto.getRandomValues(array as unknown as Uint8Array<ArrayBuffer>) as unknown as T
  }
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
  for (let offset = 0; offset < bytes.byteLength; offset += RANDOM_BYTES_QUOTA) {
    webcrypto.getRandomValues(bytes.subarray(offset, Math.min(bytes.byteLength, offset + RANDOM_BYTES_QUOTA)) as Uint8Array<ArrayBuffer>)
  }
  return array
}

export function randomUUID (): string {
  return webcrypto.randomUUID()
}

/** Node's randomBytes: sync when no callback is given; any size (filled one quota-sized page at a time). */
export function randomBytes (size: number): Buffer
export function randomBytes (size: number, callback: (error: Error | null, bytes: Buffer) => void): void
export function randomBytes (size: number, callback?: (error: Error | null, bytes: Buffer) => void): Buffer | void {
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > MAX_RANDOM_BYTES) {
    const error = Object.assign(new RangeError(`The value of "size" is out of range. It must be >= 0 && <= ${MAX_RANDOM_BYTES}. Received ${String(size)}`), { code: 'ERR_OUT_OF_RANGE' })
    if (typeof size !== 'number') {
      throw Object.assign(new TypeError(`The "size" argument must be of type number. Received type ${typeof size}`), { code: 'ERR_INVALID_ARG_TYPE' })
    }
    throw error
  }
  const bytes = getRandomValues(Buffer.alloc(size))
  if (callback === undefined) return bytes
  queueMicrotask(() => callback(null, bytes))
}

/** The original's `createDigest(algorithm, data)`: a WebCrypto digest as a Buffer. */
export async function createDigest (algorithm: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512', data: BufferSource): Promise<Buffer> {
  return Buffer.from(await subtle.digest(algorithm, data))
}

/** A random unsigned 64-bit integer. */
export function rand64 (): bigint {
  return new BigUint64Array(webcrypto.getRandomValues(new Uint8Array(8)).buffer)[0]
}

export default {
  murmur3,
  webcrypto, subtle, getRandomValues, randomUUID, randomBytes, createDigest, rand64, createHash, createHmac,
  getHashes, Hash, Hmac, RANDOM_BYTES_QUOTA, MAX_RANDOM_BYTES, MAX_RANDOM_BYTES_PAGES, sodium
}
