// The datagrams one worker's hosts sent to another worker's during one window, packed into two flat arrays
// (numbers, payload bytes) so that handing them over is one small copy, not an object per datagram.
import type { Outbox } from '../net/fabric.ts'

/** Numbers per datagram: arrives, fromId, fromPort, toId, toPort, bytes on the wire, payload length. */
export const DATAGRAM_FIELDS = 7

/** One window's datagrams for one worker, as sent between threads (structured-clone safe). */
export interface PackedDatagrams {
  count: number
  numbers: Float64Array
  payloads: Uint8Array
}

export class DatagramBatch implements Outbox {
  private numbers = new Float64Array(DATAGRAM_FIELDS * 256)
  private payloads = new Uint8Array(64 * 1024)
  private count = 0
  private payloadBytes = 0

  add (arrives: number, fromId: number, fromPort: number, toId: number, toPort: number, payload: Uint8Array, bytes: number): void {
    if (DATAGRAM_FIELDS * (this.count + 1) > this.numbers.length) this.numbers = grow(this.numbers, DATAGRAM_FIELDS * (this.count + 1))
    if (this.payloadBytes + payload.length > this.payloads.length) this.payloads = grow(this.payloads, this.payloadBytes + payload.length)
    const at = DATAGRAM_FIELDS * this.count++
    const n = this.numbers
    n[at] = arrives
    n[at + 1] = fromId
    n[at + 2] = fromPort
    n[at + 3] = toId
    n[at + 4] = toPort
    n[at + 5] = bytes
    n[at + 6] = payload.length
    this.payloads.set(payload, this.payloadBytes)
    this.payloadBytes += payload.length
  }

  /** The window's datagrams, as views of the batch's own arrays: valid until the next add(). Every consumer
   * copies them at once (into shared memory, or by posting them), so the batch does not copy them first. */
  take (): PackedDatagrams {
    const packed = { count: this.count, numbers: this.numbers.subarray(0, DATAGRAM_FIELDS * this.count), payloads: this.payloads.subarray(0, this.payloadBytes) }
    this.count = 0
    this.payloadBytes = 0
    return packed
  }
}

/** Calls `deliver` for each datagram in a packed batch, in the order they were sent. */
export function unpack (packed: PackedDatagrams, deliver: (arrives: number, fromId: number, fromPort: number, toId: number, toPort: number, data: Uint8Array, bytes: number) => void): void {
  const n = packed.numbers
  let offset = 0
  for (let i = 0; i < packed.count; i++) {
    const at = DATAGRAM_FIELDS * i
    const length = n[at + 6]
    deliver(n[at], n[at + 1], n[at + 2], n[at + 3], n[at + 4], packed.payloads.subarray(offset, offset + length), n[at + 5])
    offset += length
  }
}

function grow<T extends Float64Array | Uint8Array> (array: T, atLeast: number): T {
  const grown = new (array.constructor as new (length: number) => T)(Math.max(atLeast, array.length * 2))
  grown.set(array)
  return grown
}
