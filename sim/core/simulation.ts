// The discrete-event loop: virtual time, the queue, and a fingerprint of everything that happened.
// Protocol code may use promises, so before virtual time moves forward the loop lets Node drain every
// pending microtask (one setImmediate turn): work caused at time T always completes at time T.
import { EventQueue, type SimEvent } from './event-queue.ts'
import { SeededRandom } from './random.ts'

export interface RunProgress {
  simTime: number
  events: number
  wallMs: number
}

export class Simulation {
  readonly queue = new EventQueue()
  readonly random: SeededRandom
  /** Virtual milliseconds since the start of the run. */
  now = 0
  eventsRun = 0
  /** Rolling FNV-1a fingerprint of the event log: two runs agree on it iff they did the same things. */
  private fingerprint = 0x811c9dc5
  /** When set, every logged entry is also kept here (tests and --log). */
  record: string[] | null = null
  private stopped = false
  private lastDrain = 0

  constructor (seed: string | number) {
    this.random = new SeededRandom(seed)
  }

  at (time: number, run: () => void): SimEvent {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time} ms: the clock is already at ${this.now} ms`)
    return this.queue.push(time, run)
  }

  after (delay: number, run: () => void): SimEvent {
    return this.at(this.now + Math.max(0, delay), run)
  }

  /** Queues a prepared event object at `time` (the fabric's datagrams, the host clocks' timers). */
  schedule<E extends SimEvent> (event: E, time: number): E {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time} ms: the clock is already at ${this.now} ms`)
    return this.queue.schedule(event, time)
  }

  /** Adds one entry to the event log fingerprint. Fields are integers or short strings. */
  log (kind: string, ...fields: Array<number | string>): void {
    let h = mixString(this.fingerprint, kind)
    h = mixInt(h, Math.round(this.now * 1000))
    for (const field of fields) h = typeof field === 'number' ? mixInt(h, field) : mixString(h, field)
    this.fingerprint = h
    if (this.record !== null) this.record.push(`${this.now.toFixed(3)} ${kind} ${fields.join(' ')}`)
  }

  /** log() for the fabric's per-datagram entries (rx, drop): the same fingerprint, no array per call. */
  log3 (kind: string, a: number | string, b: number, c: number): void {
    let h = mixString(this.fingerprint, kind)
    h = mixInt(h, Math.round(this.now * 1000))
    h = typeof a === 'number' ? mixInt(h, a) : mixString(h, a)
    this.fingerprint = mixInt(mixInt(h, b), c)
    if (this.record !== null) this.record.push(`${this.now.toFixed(3)} ${kind} ${a} ${b} ${c}`)
  }

  get logHash (): string { return (this.fingerprint >>> 0).toString(16).padStart(8, '0') }

  stop (): void { this.stopped = true }

  /**
   * Runs events until virtual time `until` (inclusive; exclusive with `before`) or until the queue empties.
   * `onProgress` is called about every `progressEveryMs` of wall time.
   */
  async run (until: number, onProgress?: (p: RunProgress) => void, progressEveryMs = 1000, before = false): Promise<void> {
    const started = performance.now()
    let lastReport = started
    this.stopped = false
    await drainMicrotasks()
    const queue = this.queue
    while (!this.stopped) {
      if (queue.size === 0 || queue.peekTime() > until || (before && queue.peekTime() === until)) break
      const next = queue.pop()!
      if (next.cancelled) continue
      this.now = next.time
      next.run()
      this.eventsRun++
      // A full drain (a macrotask turn, ~3 µs) whenever virtual time is about to move on by 10 ms or 64
      // events have run; in between, one microtask turn (~0.05 µs) lets promise continuations advance.
      // So a promise chain started at time T settles by T + 10 ms of virtual time at the latest.
      if (queue.peekTime() >= this.lastDrain + 10 || (this.eventsRun & 63) === 0) {
        await drainMicrotasks()
        this.lastDrain = this.now
      } else {
        await null
      }
      if (onProgress !== undefined && (this.eventsRun & 1023) === 0) {
        const wall = performance.now()
        if (wall - lastReport >= progressEveryMs) {
          lastReport = wall
          onProgress({ simTime: this.now, events: this.eventsRun, wallMs: wall - started })
        }
      }
    }
    if (!this.stopped && !before && this.now < until) this.now = until
    await drainMicrotasks()
  }
}

export function drainMicrotasks (): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function mixString (h: number, text: string): number {
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) }
  return Math.imul(h ^ 0x1f, 0x01000193)
}

function mixInt (h: number, value: number): number {
  // Two 32-bit halves, so that values above 2^32 (microsecond timestamps) are mixed in whole.
  h = Math.imul(h ^ (value >>> 0), 0x01000193)
  h = Math.imul(h ^ Math.floor(value / 4294967296), 0x01000193)
  return Math.imul(h ^ 0x1e, 0x01000193)
}
