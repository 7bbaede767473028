// One-way link latency. Each pair of hosts gets a stable base latency drawn from a mixture of uniform
// ranges (stateless: a hash of the pair, so 10,000 hosts need no 10^8 table), plus per-datagram jitter.
import { hashFloat } from '../core/random.ts'

export interface LatencyBand { weight: number, minMs: number, maxMs: number }

export interface LatencyModel {
  /** Mixture of ranges for a pair's base one-way latency. */
  bands: LatencyBand[]
  /** Per-datagram extra delay, uniform in [0, jitterMs]. Jitter can reorder datagrams, as on the Internet. */
  jitterMs: number
}

/** Default: half regional (10-50 ms), a third continental (50-150 ms), the rest intercontinental (150-300 ms). */
export const DEFAULT_LATENCY: LatencyModel = {
  bands: [
    { weight: 0.5, minMs: 10, maxMs: 50 },
    { weight: 0.35, minMs: 50, maxMs: 150 },
    { weight: 0.15, minMs: 150, maxMs: 300 }
  ],
  jitterMs: 5
}

export function validateLatency (model: LatencyModel, where: string): void {
  if (!Array.isArray(model.bands) || model.bands.length === 0) throw new TypeError(`${where}.bands must be a non-empty list`)
  model.bands.forEach((band, i) => {
    if (!(band.weight > 0) || !(band.minMs >= 0) || !(band.maxMs >= band.minMs)) {
      throw new RangeError(`${where}.bands[${i}] needs weight > 0 and 0 <= minMs <= maxMs, got ${JSON.stringify(band)}`)
    }
  })
  if (!(model.jitterMs >= 0)) throw new RangeError(`${where}.jitterMs must be >= 0`)
}

export class LinkLatency {
  private readonly total: number

  constructor (private readonly model: LatencyModel, private readonly seed: number) {
    this.total = model.bands.reduce((sum, band) => sum + band.weight, 0)
  }

  /** The stable base latency between two hosts (symmetric in a and b). */
  base (a: number, b: number): number {
    const lo = Math.min(a, b)
    const hi = Math.max(a, b)
    let pick = hashFloat(this.seed, lo, hi) * this.total
    const within = hashFloat(this.seed ^ 0x5bd1e995, lo, hi)
    for (const band of this.model.bands) {
      if (pick < band.weight) return band.minMs + within * (band.maxMs - band.minMs)
      pick -= band.weight
    }
    const last = this.model.bands[this.model.bands.length - 1]
    return last.minMs + within * (last.maxMs - last.minMs)
  }

  sample (a: number, b: number, uniform: number): number {
    return this.base(a, b) + uniform * this.model.jitterMs
  }
}
