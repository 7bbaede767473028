// The original's own helpers in socket:util (beside Node's): small predicates and conversions its modules and
// apps use. Written from their documented behaviour; each is a few lines.
import { Buffer } from 'buffer/index.js'
import type { BufferEncoding } from './buffer-encoding.ts'

export function hasOwnProperty (object: unknown, property: PropertyKey): boolean {
  return object !== null && object !== undefined && Object.prototype.hasOwnProperty.call(object, property)
}

export function noop (): void {}

export function isTypedArray (object: unknown): boolean {
  return ArrayBuffer.isView(object) && !(object instanceof DataView)
}

export function isArrayLike (input: unknown): boolean {
  return Array.isArray(input) || (input !== null && typeof input === 'object' && Number.isInteger((input as { length?: unknown }).length))
}

export function isArrayBuffer (object: unknown): object is ArrayBuffer {
  return object instanceof ArrayBuffer || Object.prototype.toString.call(object) === '[object ArrayBuffer]'
}

export function isArrayBufferView (object: unknown): object is ArrayBufferView {
  return ArrayBuffer.isView(object)
}

export function isBufferLike (object: unknown): boolean {
  return isArrayBuffer(object) || ArrayBuffer.isView(object) || (typeof SharedArrayBuffer !== 'undefined' && object instanceof SharedArrayBuffer)
}

export function isAsyncFunction (object: unknown): boolean {
  return typeof object === 'function' && Object.prototype.toString.call(object) === '[object AsyncFunction]'
}

export function isArgumentsObject (object: unknown): boolean {
  return Object.prototype.toString.call(object) === '[object Arguments]'
}

export function isEmptyObject (object: unknown): boolean {
  return object !== null && typeof object === 'object' && Object.keys(object).length === 0
}

export function isPlainObject (object: unknown): boolean {
  if (object === null || typeof object !== 'object') return false
  const proto = Object.getPrototypeOf(object)
  return proto === null || proto === Object.prototype
}

export function isErrorLike (object: unknown): boolean {
  return object instanceof Error || (object !== null && typeof object === 'object' &&
    typeof (object as { name?: unknown }).name === 'string' && typeof (object as { message?: unknown }).message === 'string')
}

export function isClass (value: unknown): boolean {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value))
}

export function isPromiseLike (object: unknown): boolean {
  return object !== null && (typeof object === 'object' || typeof object === 'function') && typeof (object as { then?: unknown }).then === 'function'
}

/** `'hello'` -> `'Hello'`. */
export function toProperCase (string: string): string {
  return string.length === 0 ? string : string[0].toUpperCase() + string.slice(1)
}

/** Any string, buffer source or array of bytes as a Buffer (a string as UTF-8). */
export function toBuffer (object: unknown, encoding?: BufferEncoding): Buffer {
  if (Buffer.isBuffer(object)) return object
  if (typeof object === 'string') return Buffer.from(object, encoding)
  if (ArrayBuffer.isView(object)) return Buffer.from(object.buffer as ArrayBuffer, object.byteOffset, object.byteLength)
  if (isArrayBuffer(object)) return Buffer.from(object)
  if (Array.isArray(object)) return Buffer.from(object as number[])
  return Buffer.from(String(object))
}

/** `buffer` cut into chunks of at most `highWaterMark` bytes. */
export function splitBuffer (buffer: unknown, highWaterMark: number): Buffer[] {
  if (!(Number.isInteger(highWaterMark) && highWaterMark > 0)) throw new RangeError(`splitBuffer: highWaterMark must be a positive integer, got ${highWaterMark}`)
  const bytes = toBuffer(buffer)
  const chunks: Buffer[] = []
  for (let offset = 0; offset < bytes.length; offset += highWaterMark) chunks.push(bytes.subarray(offset, offset + highWaterMark) as Buffer)
  return chunks
}

/** Buffer.compare over anything toBuffer accepts: -1, 0 or 1. */
export function compareBuffers (a: unknown, b: unknown): number {
  return Buffer.compare(toBuffer(a), toBuffer(b))
}

/** JSON.parse that returns null instead of throwing. */
export function parseJSON (string: unknown): unknown {
  if (typeof string !== 'string') return null
  try { return JSON.parse(string) } catch { return null }
}

/** `"A: 1\r\nB: 2"` -> `[['a', '1'], ['b', '2']]` (names lower-cased, values trimmed). */
export function parseHeaders (headers: string): Array<[string, string]> {
  if (typeof headers !== 'string') return []
  return headers.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.includes(':'))
    .map((line) => { const colon = line.indexOf(':'); return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] })
}

/** A percentage a window size accepts: 0 to 100, a number or a numeric string. */
export function isValidPercentageValue (input: unknown): boolean {
  const n = typeof input === 'string' && input.trim() !== '' ? Number(input) : input
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100
}
