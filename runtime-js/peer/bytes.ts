// Small byte helpers shared by the codecs. Plain Uint8Array only (no Buffer), so the code runs in a webview.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
/** Each byte's two hex digits as one little-endian 16-bit word of ASCII, for toHex. */
const HEX_PAIRS = new Uint16Array(HEX.map(h => h.charCodeAt(0) | (h.charCodeAt(1) << 8)))
const latin1 = new TextDecoder('latin1')
let scratch = new Uint16Array(64)

/** Ids become map keys on every datagram: one decode of a buffer of digit pairs is ~2.5x faster than 32
 * string concatenations (measured in the simulator's profile). */
export function toHex (bytes: Uint8Array): string {
  const n = bytes.length
  if (n <= 8) {
    let out = ''
    for (let i = 0; i < n; i++) out += HEX[bytes[i]]
    return out
  }
  if (scratch.length < n) scratch = new Uint16Array(n * 2)
  for (let i = 0; i < n; i++) scratch[i] = HEX_PAIRS[bytes[i]]
  return latin1.decode(new Uint8Array(scratch.buffer, 0, n * 2))
}

/** Whether `hex` is toHex(bytes), without building the string (a datagram usually comes from the peer we
 * already know at its endpoint: comparing saves a string and a lookup in the table by id). */
export function hexEquals (hex: string, bytes: Uint8Array): boolean {
  if (hex.length !== bytes.length * 2) return false
  for (let i = 0; i < bytes.length; i++) {
    const pair = HEX_PAIRS[bytes[i]]
    if (hex.charCodeAt(2 * i) !== (pair & 0xff) || hex.charCodeAt(2 * i + 1) !== (pair >> 8)) return false
  }
  return true
}

export function fromHex (hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError(`not a hex string: "${hex.slice(0, 80)}"`)
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

export function concat (...parts: Uint8Array[]): Uint8Array {
  let size = 0
  for (const p of parts) size += p.length
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

export function equal (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })
export const utf8 = (s: string): Uint8Array => encoder.encode(s)
export const fromUtf8 = (b: Uint8Array): string => decoder.decode(b)

/** Base64 without Buffer (used for persistence). */
export function toBase64 (bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

export function fromBase64 (text: string): Uint8Array {
  const s = atob(text)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}
