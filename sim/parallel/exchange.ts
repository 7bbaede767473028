// The hand-over at the end of each window between the workers of a split network: 360,000 of them in a
// simulated hour, so each must cost microseconds. Each worker writes its window's datagrams for another into
// shared memory (one buffer per direction, two halves used in turn: a worker cannot be two windows ahead of
// another, so the half it writes was read by then), bumps its counter and wakes the other; then it waits
// (Atomics.wait) until every other worker's counter shows the same window, and reads. No message is posted
// and no event-loop turn taken, except for what is rare: newly published messages, and a window too large for
// its half, go over a MessagePort beside it.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import type { PublishedMessage } from '../metrics.ts'
import { DATAGRAM_FIELDS, type PackedDatagrams } from './datagram-batch.ts'

/** What one worker tells another at the end of a window. */
export interface WindowMessage {
  datagrams: PackedDatagrams
  published: PublishedMessage[]
}

/** What goes over the port in the rare case (the shared half says so). */
interface PortMessage { window: number, published: PublishedMessage[], datagrams: PackedDatagrams | null }

/** Datagrams and payload bytes one half of a channel holds; a window with more goes over the port. */
const HALF_DATAGRAMS = 8192
const HALF_PAYLOAD_BYTES = 4 * 1024 * 1024
/** Per half: count, payload bytes, whether to read the port too. */
const HEADER_INTS = 4
const HALF_BYTES = 8 * DATAGRAM_FIELDS * HALF_DATAGRAMS + HALF_PAYLOAD_BYTES + 4 * HEADER_INTS

/** Shared memory for one direction between two workers (created by the parent, handed to both). */
export function createChannel (): SharedArrayBuffer { return new SharedArrayBuffer(2 * HALF_BYTES) }

/** How long one wait lasts before the counter is looked at again (a safety net; a post always notifies). */
const WAIT_MS = 1000

class Half {
  readonly numbers: Float64Array
  readonly payloads: Uint8Array
  readonly header: Int32Array

  constructor (buffer: SharedArrayBuffer, half: number) {
    const at = half * HALF_BYTES
    this.numbers = new Float64Array(buffer, at, DATAGRAM_FIELDS * HALF_DATAGRAMS)
    this.payloads = new Uint8Array(buffer, at + 8 * DATAGRAM_FIELDS * HALF_DATAGRAMS, HALF_PAYLOAD_BYTES)
    this.header = new Int32Array(buffer, at + 8 * DATAGRAM_FIELDS * HALF_DATAGRAMS + HALF_PAYLOAD_BYTES, HEADER_INTS)
  }
}

export class WindowExchange {
  private window = 0
  private readonly out: Array<[Half, Half] | null>
  private readonly in: Array<[Half, Half] | null>

  constructor (
    private readonly index: number,
    /** Per worker, the port to it (null at this worker's own index). */
    private readonly ports: Array<MessagePort | null>,
    /** Per worker, the shared memory this worker writes to it and the one it reads from it (null at its own index). */
    channels: Array<{ out: SharedArrayBuffer, in: SharedArrayBuffer } | null>,
    /** One counter per worker: how many windows it has handed over. */
    private readonly posted: Int32Array
  ) {
    this.out = channels.map((c) => c === null ? null : [new Half(c.out, 0), new Half(c.out, 1)])
    this.in = channels.map((c) => c === null ? null : [new Half(c.in, 0), new Half(c.in, 1)])
  }

  /**
   * Hands `outgoing[w]` (and `published`) to each other worker w, and returns what each of them handed over for
   * the same window, in worker order. The datagrams' numbers are views of shared memory, valid until the next
   * swap; their payloads are copies.
   */
  swap (outgoing: PackedDatagrams[], published: PublishedMessage[]): WindowMessage[] {
    const window = this.window++
    this.out.forEach((halves, w) => {
      if (halves === null) return
      const half = halves[window & 1]
      const packed = outgoing[w]
      const fits = packed.count <= HALF_DATAGRAMS && packed.payloads.length <= HALF_PAYLOAD_BYTES
      const viaPort = !fits || published.length > 0
      if (fits) {
        half.numbers.set(packed.numbers)
        half.payloads.set(packed.payloads)
      }
      half.header[0] = fits ? packed.count : 0
      half.header[1] = fits ? packed.payloads.length : 0
      half.header[2] = viaPort ? 1 : 0
      if (viaPort) this.ports[w]!.postMessage({ window, published, datagrams: fits ? null : packed } satisfies PortMessage)
    })
    Atomics.add(this.posted, this.index, 1) // after every write above: the other side reads once it sees this
    Atomics.notify(this.posted, this.index)
    const incoming: WindowMessage[] = []
    this.in.forEach((halves, w) => {
      if (halves === null) return
      for (let seen = Atomics.load(this.posted, w); seen <= window; seen = Atomics.load(this.posted, w)) {
        Atomics.wait(this.posted, w, seen, WAIT_MS)
      }
      const half = halves[window & 1]
      const count = half.header[0]
      let datagrams: PackedDatagrams = { count, numbers: half.numbers.subarray(0, DATAGRAM_FIELDS * count), payloads: half.payloads.slice(0, half.header[1]) }
      let fromPort: PublishedMessage[] = []
      if (half.header[2] === 1) {
        const message = this.receive(this.ports[w]!)
        if (message.window !== window) throw new Error(`worker ${w} sent window ${message.window} while this worker is at ${window}`)
        fromPort = message.published
        if (message.datagrams !== null) datagrams = message.datagrams
      }
      incoming.push({ datagrams, published: fromPort })
    })
    return incoming
  }

  /** The port message the shared half announced (posted before the counter moved, so it is there). */
  private receive (port: MessagePort): PortMessage {
    for (;;) {
      const got = receiveMessageOnPort(port)
      if (got !== undefined) return got.message as PortMessage
    }
  }
}
