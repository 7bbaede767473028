// Argument encoders used by the generated clients (generated/js/*.ts). Scalars travel as plain text; every
// composite value travels as JSON text, with bigint written as a decimal string; buffers become the body.

export function scalar (value: boolean | number | bigint | string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined
  return String(value)
}

function replacer (_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  // Lone surrogates cannot be UTF-8: U+FFFD, as USVString conversion does (the native parsers refuse them).
  if (typeof value === 'string') return (value as { toWellFormed?: () => string }).toWellFormed?.() ?? value
  return value
}

export function json (value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  return JSON.stringify(value, replacer)
}

// For `any`: null is a value to send ("null"); only undefined means absent.
export function jsonValue (value: unknown): string | undefined {
  if (value === undefined) return undefined
  return JSON.stringify(value, replacer)
}

export type BufferInput = Uint8Array | ArrayBuffer | ArrayBufferView

export function bytes (value: BufferInput): Uint8Array {
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  throw new TypeError('expected a Uint8Array, ArrayBuffer or ArrayBufferView')
}
