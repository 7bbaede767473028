// Result decoders used by the generated clients: 64-bit integers arrive as decimal strings (or small numbers)
// and become bigint; everything else is plain JSON.

export function toBigInt (value: unknown): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value)
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  throw new TypeError(`expected a 64-bit integer, got ${JSON.stringify(value)}`)
}

export function nullable<T> (decode: (value: unknown) => T): (value: unknown) => T | null {
  return (value) => value === null || value === undefined ? null : decode(value)
}

export function sequence<T> (decode: (value: unknown) => T): (value: unknown) => T[] {
  return (value) => (value as unknown[]).map(decode)
}

export function record<T> (decode: (value: unknown) => T): (value: unknown) => Record<string, T> {
  return (value) => Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, decode(v)]))
}

export function identity<T> (value: unknown): T {
  return value as T
}
