// Teaches the `buffer` npm port the 'base64url' encoding Node has had since v15 (the port predates it):
// it is base64 with `-_` for `+/` and no padding.
import { Buffer } from 'buffer/index.js'

type Encoding = Parameters<typeof Buffer.from>[1]
const toBase64 = (text: string): string => text.replace(/-/g, '+').replace(/_/g, '/')
const isBase64url = (encoding: unknown): boolean => typeof encoding === 'string' && encoding.toLowerCase() === 'base64url'

const portToString = Buffer.prototype.toString
Buffer.prototype.toString = function toString (this: Buffer, encoding?: string, start?: number, end?: number): string {
  if (!isBase64url(encoding)) return portToString.call(this, encoding, start, end)
  return portToString.call(this, 'base64', start, end).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const portFrom = Buffer.from as (...args: unknown[]) => Buffer
;(Buffer as unknown as { from: unknown }).from = function from (value: unknown, encoding?: unknown, length?: unknown): Buffer {
  if (typeof value === 'string' && isBase64url(encoding)) return portFrom(toBase64(value), 'base64')
  return portFrom(value, encoding, length)
}

const portByteLength = Buffer.byteLength
Buffer.byteLength = function byteLength (value: Parameters<typeof portByteLength>[0], encoding?: Encoding): number {
  if (typeof value === 'string' && isBase64url(encoding)) return portByteLength(toBase64(value), 'base64')
  return portByteLength(value, encoding)
}

const portIsEncoding = Buffer.isEncoding
Buffer.isEncoding = function isEncoding (encoding: string): boolean {
  return isBase64url(encoding) || portIsEncoding(encoding)
}

export { Buffer }
