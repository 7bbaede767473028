// The hand-over at the end of each window between the workers of a split network: 720,000 of them in a
// simulated hour, so each must cost microseconds. Each worker writes its window's datagrams for another into
// shared memory (a ring of slots per direction), bumps its counter and wakes the other; then it waits
// (Atomics.wait) until every other worker's counter shows the window it needs, `lag` windows older than its
// own, and reads that one. No message is posted and no event-loop turn taken, except for what is rare: newly
// published messages, and a window too large for its slot, go over a MessagePort beside it.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import type { PublishedMessage } from '../metrics.ts'
import { DATAGRAM_FIELDS, type PackedDatagrams } from './datagram-batch.ts'

/** What one worker tells another at the end of a window. */
export interface WindowMessage {
  datagrams: PackedDatagrams
  published: PublishedMessage[]
}

/** What goes over the port in the rare case (the shared slot says so). */
interface PortMessage { window: number, published: PublishedMessage[], datagrams: PackedDatagrams | null }

/** Datagrams and payload bytes one slot of a channel holds; a window with more goes over the port. */
const SLOT_DATAGRAMS = 8192
const SLOT_PAYLOAD_BYTES = 4 * 1024 * 1024
/** Per slot: count, payload bytes, whether to read the port too. */
const HEADER_INTS = 4
const SLOT_BYTES = 8 * DATAGRAM_FIELDS * SLOT_DATAGRAMS + SLOT_PAYLOAD_BYTES + 4 * HEADER_INTS

/**
 * Slots in the ring of a channel whose reader reads `lag` windows behind: a writer can be `lag` windows ahead
 * of the reader's counter, and the reader's last read is `lag` behind that, so a slot is reused only once
 * read when there are 2 × (lag + 1).
 */
export const slotsFor = (lag: number): number => 2 * (lag + 1)

/** Shared memory for one direction between two workers (created by the parent, handed to both). */
export function createChannel (lag: number): SharedArrayBuffer { return new SharedArrayBuffer(slotsFor(lag) * SLOT_BYTES) }

/** How long one wait lasts before the counter is looked at again (a safety net; a post always notifies). */
const WAIT_MS = 1000

class Slot {
  readonly numbers: Float64Array
  readonly payloads: Uint8Array
  readonly header: Int32Array

  constructor (buffer: SharedArrayBuffer, slot: number) {
    const at = slot * SLOT_BYTES
    this.numbers = new Float64Array(buffer, at, DATAGRAM_FIELDS * SLOT_DATAGRAMS)
    this.payloads = new Uint8Array(buffer, at + 8 * DATAGRAM_FIELDS * SLOT_DATAGRAMS, SLOT_PAYLOAD_BYTES)
    this.header = new Int32Array(buffer, at + 8 * DATAGRAM_FIELDS * SLOT_DATAGRAMS + SLOT_PAYLOAD_BYTES, HEADER_INTS)
  }
}

const ring = (buffer: SharedArrayBuffer, lag: number): Slot[] => Array.from({ length: slotsFor(lag) }, (_, i) => new Slot(buffer, i))

export class WindowExchange {
  private window = 0
  /** Wall time spent blocked, waiting for another worker's window: the price of lockstep. */
  waitedMs = 0
  private readonly out: Array<Slot[] | null>
  private readonly in: Array<Slot[] | null>

  constructor (
    private readonly index: number,
    /** Per worker, the port to it (null at this worker's own index). */
    private readonly ports: Array<MessagePort | null>,
    /** Per worker, the shared memory this worker writes to it and the one it reads from it (null at its own index). */
    channels: Array<{ out: SharedArrayBuffer, in: SharedArrayBuffer } | null>,
    /** One counter per worker: how many windows it has handed over. */
    private readonly posted: Int32Array,
    /** How many windows older than its own this worker reads: it may run that many ahead of the others. */
    private readonly lag: number
  ) {
    if (!Number.isInteger(lag) || lag < 0) throw new RangeError(`lag must be an integer >= 0, got ${lag}`)
    this.out = channels.map((c) => c === null ? null : ring(c.out, lag))
    this.in = channels.map((c) => c === null ? null : ring(c.in, lag))
  }

  /**
   * Hands `outgoing[w]` (and `published`) to each other worker w, and returns what each of them handed over
   * `lag` windows earlier, in worker order (nothing for the first `lag` windows). The datagrams' numbers are
   * views of shared memory, valid until the next swap; their payloads are copies.
   */
  swap (outgoing: PackedDatagrams[], published: PublishedMessage[]): WindowMessage[] {
    const window = this.window++
    this.out.forEach((slots, w) => {
      if (slots === null) return
      const slot = slots[window % slots.length]
      const packed = outgoing[w]
      const fits = packed.count <= SLOT_DATAGRAMS && packed.payloads.length <= SLOT_PAYLOAD_BYTES
      const viaPort = !fits || published.length > 0
      if (fits) {
        slot.numbers.set(packed.numbers)
        slot.payloads.set(packed.payloads)
      }
      slot.header[0] = fits ? packed.count : 0
      slot.header[1] = fits ? packed.payloads.length : 0
      slot.header[2] = viaPort ? 1 : 0
      if (viaPort) this.ports[w]!.postMessage({ window, published, datagrams: fits ? null : packed } satisfies PortMessage)
    })
    Atomics.add(this.posted, this.index, 1) // after every write above: the other side reads once it sees this
    Atomics.notify(this.posted, this.index)
    const incoming: WindowMessage[] = []
    const wanted = window - this.lag
    if (wanted < 0) return incoming
    this.in.forEach((slots, w) => {
      if (slots === null) return
      if (Atomics.load(this.posted, w) <= wanted) {
        const started = performance.now()
        for (let seen = Atomics.load(this.posted, w); seen <= wanted; seen = Atomics.load(this.posted, w)) {
          Atomics.wait(this.posted, w, seen, WAIT_MS)
        }
        this.waitedMs += performance.now() - started
      }
      const slot = slots[wanted % slots.length]
      const count = slot.header[0]
      let datagrams: PackedDatagrams = { count, numbers: slot.numbers.subarray(0, DATAGRAM_FIELDS * count), payloads: slot.payloads.slice(0, slot.header[1]) }
      let fromPort: PublishedMessage[] = []
      if (slot.header[2] === 1) {
        const message = this.receive(this.ports[w]!)
        if (message.window !== wanted) throw new Error(`worker ${w} sent window ${message.window} while this worker reads ${wanted}`)
        fromPort = message.published
        if (message.datagrams !== null) datagrams = message.datagrams
      }
      incoming.push({ datagrams, published: fromPort })
    })
    return incoming
  }

  /** The port message the shared slot announced (posted before the counter moved, so it is there). */
  private receive (port: MessagePort): PortMessage {
    for (;;) {
      const got = receiveMessageOnPort(port)
      if (got !== undefined) return got.message as PortMessage
    }
  }
}
