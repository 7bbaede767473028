// Seeded randomness (sfc32, seeded through splitmix32). Every consumer gets its own stream forked by a label,
// so adding a draw in one place (say, the latency model) never shifts the numbers another place sees.
import type { RandomSource } from '../../runtime-js/peer/transport.ts'

export class SeededRandom implements RandomSource {
  private a: number
  private b: number
  private c: number
  private d: number
  readonly seed: string

  constructor (seed: string | number) {
    this.seed = String(seed)
    let h = hashString(this.seed)
    const next = (): number => {
      h = (h + 0x9e3779b9) | 0
      let z = h
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next(); this.b = next(); this.c = next(); this.d = next()
    for (let i = 0; i < 12; i++) this.uint32()
  }

  /** An independent stream whose numbers depend only on this seed and the label. */
  fork (label: string): SeededRandom {
    return new SeededRandom(`${this.seed}/${label}`)
  }

  uint32 (): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  float (): number { return this.uint32() / 4294967296 }

  bytes (length: number): Uint8Array {
    const out = new Uint8Array(length)
    for (let i = 0; i < length; i += 4) {
      let word = this.uint32()
      for (let j = i; j < Math.min(i + 4, length); j++) { out[j] = word & 0xff; word >>>= 8 }
    }
    return out
  }

  /** An integer in [min, max]. */
  int (min: number, max: number): number { return min + Math.floor(this.float() * (max - min + 1)) }

  pick<T> (items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick: cannot pick from an empty list')
    return items[Math.floor(this.float() * items.length)]
  }

  /** Exponentially distributed wait with the given mean (for Poisson processes). */
  exponential (mean: number): number { return -Math.log(1 - this.float()) * mean }

  shuffle<T> (items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]]
    }
    return items
  }
}

/** FNV-1a over UTF-16 code units: stable across runs and platforms. */
export function hashString (text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) }
  return h >>> 0
}

/** A stateless uniform [0,1) from a few integers: used for per-link properties that must not be stored. */
export function hashFloat (seed: number, x: number, y: number): number {
  let h = seed ^ Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d)
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39)
  h ^= h >>> 15
  return (h >>> 0) / 4294967296
}
