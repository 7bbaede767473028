// MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain algorithm): the original's `crypto.murmur3`,
// a fast non-cryptographic hash of a string (as UTF-8) or bytes, as an unsigned 32-bit number.

export function murmur3 (value: string | ArrayBufferView | ArrayBuffer, seed = 0): number {
  const bytes = typeof value === 'string'
    ? new TextEncoder().encode(value)
    : value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  const c1 = 0xcc9e2d51
  const c2 = 0x1b873593
  let h = seed >>> 0
  const blocks = bytes.length & ~3
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)
    k = Math.imul(k, c1); k = (k << 15) | (k >>> 17); k = Math.imul(k, c2)
    h ^= k; h = (h << 13) | (h >>> 19); h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  let k = 0
  switch (bytes.length & 3) {
    case 3: k ^= bytes[blocks + 2] << 16 // falls through
    case 2: k ^= bytes[blocks + 1] << 8 // falls through
    case 1:
      k ^= bytes[blocks]
      k = Math.imul(k, c1); k = (k << 15) | (k >>> 17); k = Math.imul(k, c2)
      h ^= k
  }
  h ^= bytes.length
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}
