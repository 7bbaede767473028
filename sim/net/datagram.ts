// One datagram in flight: a plain record that is itself the queued event, first for its arrival at the
// receiving host, then (if the receiver's downlink is busy) for its hand-over to the socket. One object per
// datagram instead of a closure and an event per hop, which matters at millions of datagrams.
import type { SimEvent } from '../core/event-queue.ts'
import type { Fabric, Host, SimSocket } from './fabric.ts'
import type { KindCounters } from './traffic-stats.ts'

export const ARRIVING = 0, QUEUED_DOWN = 1

export class Datagram implements SimEvent {
  time = 0
  seq = 0
  cancelled = false
  /** ARRIVING (crossing the network) or QUEUED_DOWN (waiting in the receiver's downlink queue). */
  stage = ARRIVING
  /** The receiving socket, once known (set on arrival). */
  socket: SimSocket | null = null

  constructor (
    readonly fabric: Fabric,
    readonly from: Host,
    /** The public source port the receiver sees (after the sender's NAT). */
    readonly fromPort: number,
    readonly to: Host,
    /** The destination port on the receiver's public address. */
    readonly toPort: number,
    /** A copy of the payload: the sender may reuse its buffer. */
    readonly data: Uint8Array,
    /** Payload plus IP and UDP headers. */
    readonly bytes: number,
    readonly kind: KindCounters
  ) {}

  run (): void {
    if (this.stage === ARRIVING) this.fabric.arrive(this)
    else this.fabric.handOver(this)
  }
}
