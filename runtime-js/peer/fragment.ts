// Splitting one message into a chain of packets, built from the tail so that each packet's `nextId` is the
// content address of the next one. The head is signed; its signature therefore vouches for every fragment
// through the chain of ids, and fragments need no signature of their own.
import { MAX_MESSAGE } from './constants.ts'
import { PeerInputError } from './errors.ts'
import { encodePacket, packetId, type Packet, type PacketType } from './packet.ts'
import { sign, type KeyPair } from './crypto.ts'
import type { Signatures } from './transport.ts'

/** 65535 packets of 1024 bytes: the largest message the 16-bit index can carry. */
export const MAX_MESSAGE_BYTES = 0xffff * MAX_MESSAGE

export interface MessageSpec {
  type: PacketType.Publish | PacketType.Stream
  payload: Uint8Array
  timestamp: number
  ttl: number
  subclusterId?: Uint8Array
  to?: Uint8Array
  from?: Uint8Array
  /** Causal link to an earlier message (its id). */
  previousId?: Uint8Array
  /** Signs the head: the subcluster key for publish, the author's identity for streams. */
  signer: KeyPair
  signatures?: Signatures
}

export interface BuiltMessage {
  messageId: Uint8Array
  packets: Packet[]
}

export function buildMessage (spec: MessageSpec): BuiltMessage {
  const { payload } = spec
  if (payload.length > MAX_MESSAGE_BYTES) throw new PeerInputError(`a message may be at most ${MAX_MESSAGE_BYTES} bytes, got ${payload.length}`)
  const count = Math.max(1, Math.ceil(payload.length / MAX_MESSAGE))
  const base = { type: spec.type, hops: 0, replay: false, timestamp: spec.timestamp, ttl: spec.ttl, count, subclusterId: spec.subclusterId, to: spec.to, from: spec.from }
  const packets: Packet[] = new Array(count)
  let nextId: Uint8Array | undefined
  for (let index = count - 1; index >= 0; index--) {
    const message = payload.subarray(index * MAX_MESSAGE, (index + 1) * MAX_MESSAGE)
    const p: Packet = { ...base, index, message, nextId }
    if (index === 0) {
      p.previousId = spec.previousId
      p.sig = sign(encodePacket(p, true), spec.signer, spec.signatures)
    }
    packets[index] = p
    nextId = packetId(p)
  }
  const messageId = nextId as Uint8Array
  for (let index = 1; index < count; index++) packets[index].previousId = messageId
  return { messageId, packets }
}
