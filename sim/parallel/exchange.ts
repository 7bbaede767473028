// The hand-over at the end of each window between the workers of a split network. Each worker posts its
// window's datagrams and newly published messages to every other worker, then blocks until it has the same
// window's from each of them. Blocking (Atomics.wait on a counter the sender bumps after posting, then a
// synchronous receiveMessageOnPort) keeps the hand-over off the event loop: it happens 360,000 times in a
// simulated hour.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import type { PublishedMessage } from '../metrics.ts'
import type { PackedDatagrams } from './datagram-batch.ts'

/** What one worker tells another at the end of a window. */
export interface WindowMessage {
  window: number
  datagrams: PackedDatagrams
  published: PublishedMessage[]
}

/** How long one wait lasts before the port is looked at again (a safety net; a post always bumps the counter). */
const WAIT_MS = 1000

export class WindowExchange {
  private window = 0

  constructor (
    private readonly index: number,
    /** Per worker, the port to it (null at this worker's own index). */
    private readonly ports: Array<MessagePort | null>,
    /** One counter per worker, bumped each time that worker has posted a window's messages. */
    private readonly posted: Int32Array
  ) {}

  /**
   * Sends `outgoing[w]` (and `published`) to each other worker w, and returns what each of them sent for the
   * same window, in worker order.
   */
  swap (outgoing: PackedDatagrams[], published: PublishedMessage[]): WindowMessage[] {
    const window = this.window++
    this.ports.forEach((port, w) => { port?.postMessage({ window, datagrams: outgoing[w], published } satisfies WindowMessage) })
    Atomics.add(this.posted, this.index, 1)
    Atomics.notify(this.posted, this.index)
    const incoming: WindowMessage[] = []
    this.ports.forEach((port, w) => {
      if (port === null) return
      const message = this.receive(port, w)
      if (message.window !== window) throw new Error(`worker ${w} sent window ${message.window} while this worker is at ${window}`)
      incoming.push(message)
    })
    return incoming
  }

  private receive (port: MessagePort, from: number): WindowMessage {
    for (;;) {
      const seen = Atomics.load(this.posted, from)
      const got = receiveMessageOnPort(port)
      if (got !== undefined) return got.message as WindowMessage
      Atomics.wait(this.posted, from, seen, WAIT_MS)
    }
  }
}
