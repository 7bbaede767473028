// The wire format: one datagram is one packet. A fixed 16-byte header, then optional fields announced by
// flag bits, then the length-prefixed message, then an optional signature. Layout and rationale:
// docs/protocol.md, "Packets".
import { sha256 } from '@noble/hashes/sha2.js'
import { PacketDecodeError } from './errors.ts'
import { MAGIC, VERSION, MAX_DATAGRAM, MAX_MESSAGE, MAX_HOPS, ID_BYTES, KEY_BYTES, SIG_BYTES } from './constants.ts'

export enum PacketType { Ping = 1, Pong = 2, Intro = 3, Join = 4, Publish = 5, Stream = 6, Sync = 7, Query = 8 }

export const Flag = {
  Subcluster: 1 << 0,
  Previous: 1 << 1,
  Next: 1 << 2,
  Signature: 1 << 3,
  Route: 1 << 4, // `to` and `from` peer ids (streams)
  Replay: 1 << 5 // mutable: a copy sent by sync or a query answer; cached and delivered, never re-flooded
} as const
const KNOWN_FLAGS = 0b111111

export const HEADER_BYTES = 16

export interface Packet {
  type: PacketType
  /** Relays so far; mutable, not covered by the id or the signature. */
  hops: number
  replay: boolean
  /** Seconds since the epoch, from the author's clock. */
  timestamp: number
  /** Lifetime in minutes, counted from `timestamp`. */
  ttl: number
  /** Position in a fragmented message: 0 is the head; `count` is the number of packets in the message. */
  index: number
  count: number
  subclusterId?: Uint8Array
  previousId?: Uint8Array
  nextId?: Uint8Array
  to?: Uint8Array
  from?: Uint8Array
  message: Uint8Array
  sig?: Uint8Array
}

/** The largest message field a packet of this type may carry (query answers nest a whole packet). */
export function maxMessageBytes (type: PacketType): number {
  return type === PacketType.Query ? MAX_DATAGRAM - HEADER_BYTES - 2 : MAX_MESSAGE
}

export function framingBytes (p: Omit<Packet, 'message'>): number {
  return HEADER_BYTES + 2 +
    (p.subclusterId ? KEY_BYTES : 0) + (p.previousId ? ID_BYTES : 0) + (p.nextId ? ID_BYTES : 0) +
    (p.to ? 2 * KEY_BYTES : 0) + (p.sig ? SIG_BYTES : 0)
}

function checkLength (field: string, value: Uint8Array | undefined, bytes: number): void {
  if (value !== undefined && value.length !== bytes) {
    throw new PacketDecodeError('EFIELD', `${field} must be ${bytes} bytes, got ${value.length}`)
  }
}

/** Encodes a packet. `canonical` leaves out what relays may change (hops, replay, signature) and, on
 * fragments, the `previousId` back-link: the result is what ids and signatures are computed over. */
export function encodePacket (p: Packet, canonical = false): Uint8Array {
  checkLength('subclusterId', p.subclusterId, KEY_BYTES)
  checkLength('previousId', p.previousId, ID_BYTES)
  checkLength('nextId', p.nextId, ID_BYTES)
  checkLength('to', p.to, KEY_BYTES)
  checkLength('from', p.from, KEY_BYTES)
  checkLength('sig', p.sig, SIG_BYTES)
  if ((p.to === undefined) !== (p.from === undefined)) throw new PacketDecodeError('EFIELD', 'to and from go together')
  if (p.message.length > maxMessageBytes(p.type)) {
    throw new PacketDecodeError('ETOOLARGE', `message is ${p.message.length} bytes; the limit is ${maxMessageBytes(p.type)}`)
  }
  const previous = canonical && p.index > 0 ? undefined : p.previousId
  const sig = canonical ? undefined : p.sig
  let flags = 0
  if (p.subclusterId) flags |= Flag.Subcluster
  if (previous) flags |= Flag.Previous
  if (p.nextId) flags |= Flag.Next
  if (sig) flags |= Flag.Signature
  if (p.to) flags |= Flag.Route
  if (p.replay && !canonical) flags |= Flag.Replay
  const size = HEADER_BYTES + 2 + (p.subclusterId ? KEY_BYTES : 0) + (previous ? ID_BYTES : 0) + (p.nextId ? ID_BYTES : 0) +
    (p.to ? 2 * KEY_BYTES : 0) + (sig ? SIG_BYTES : 0) + p.message.length
  if (size > MAX_DATAGRAM) throw new PacketDecodeError('ETOOLARGE', `packet would be ${size} bytes; the limit is ${MAX_DATAGRAM}`)

  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  out[0] = MAGIC[0]; out[1] = MAGIC[1]; out[2] = VERSION; out[3] = p.type; out[4] = flags
  out[5] = canonical ? 0 : p.hops
  view.setUint32(6, p.timestamp >>> 0)
  view.setUint16(10, p.ttl)
  view.setUint16(12, p.index)
  view.setUint16(14, p.count)
  let at = HEADER_BYTES
  at = put(out, at, p.subclusterId); at = put(out, at, previous); at = put(out, at, p.nextId)
  at = put(out, at, p.to); at = put(out, at, p.from)
  view.setUint16(at, p.message.length); at += 2
  at = put(out, at, p.message)
  put(out, at, sig)
  return out
}

// Module-level helpers rather than closures: encode and decode run for every datagram, and a closure per call
// (named at run time by the TypeScript loader) was a visible share of a large simulation's profile.
function put (out: Uint8Array, at: number, v: Uint8Array | undefined): number {
  if (v === undefined) return at
  out.set(v, at)
  return at + v.length
}

/** The `bytes` at `at` as a view, not a copy: a datagram is the receiver's own buffer (a socket hands each one over once). */
function take (data: Uint8Array, at: number, bytes: number, field: string): Uint8Array {
  if (at + bytes > data.length) throw new PacketDecodeError('ETRUNCATED', `datagram ends inside ${field}`)
  return data.subarray(at, at + bytes)
}

const NO_BYTES = new Uint8Array(0)

/** Decodes one datagram, or throws PacketDecodeError naming the first rule it breaks. */
export function decodePacket (data: Uint8Array): Packet {
  if (data.length > MAX_DATAGRAM) throw new PacketDecodeError('ETOOLARGE', `datagram is ${data.length} bytes; the limit is ${MAX_DATAGRAM}`)
  if (data.length < HEADER_BYTES + 2) throw new PacketDecodeError('ETRUNCATED', `datagram is ${data.length} bytes, shorter than a header`)
  if (data[0] !== MAGIC[0] || data[1] !== MAGIC[1]) throw new PacketDecodeError('EMAGIC', 'not a Stream Relay packet (bad magic)')
  if (data[2] !== VERSION) throw new PacketDecodeError('EVERSION', `unsupported version ${data[2]} (this peer speaks ${VERSION})`)
  const type = data[3]
  if (type < PacketType.Ping || type > PacketType.Query) throw new PacketDecodeError('ETYPE', `unknown packet type ${type}`)
  const flags = data[4]
  if ((flags & ~KNOWN_FLAGS) !== 0) throw new PacketDecodeError('EFIELD', `unknown flag bits 0x${flags.toString(16)}`)
  const hops = data[5]
  if (hops > MAX_HOPS) throw new PacketDecodeError('EHOPS', `hops ${hops} exceeds the postage limit ${MAX_HOPS}`)
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const index = view.getUint16(12)
  const count = view.getUint16(14)
  if (count === 0 || index >= count) throw new PacketDecodeError('EINDEX', `index ${index} is not below count ${count}`)
  let at = HEADER_BYTES
  // Every field from the start, absent ones undefined: packets of one hidden class keep the code that reads
  // them fast (packets that grew their optional fields in turn had a shape per combination).
  const p: Packet = {
    type,
    hops,
    replay: (flags & Flag.Replay) !== 0,
    timestamp: view.getUint32(6),
    ttl: view.getUint16(10),
    index,
    count,
    subclusterId: undefined,
    previousId: undefined,
    nextId: undefined,
    to: undefined,
    from: undefined,
    message: NO_BYTES,
    sig: undefined
  }
  if (flags & Flag.Subcluster) { p.subclusterId = take(data, at, KEY_BYTES, 'subclusterId'); at += KEY_BYTES }
  if (flags & Flag.Previous) { p.previousId = take(data, at, ID_BYTES, 'previousId'); at += ID_BYTES }
  if (flags & Flag.Next) { p.nextId = take(data, at, ID_BYTES, 'nextId'); at += ID_BYTES }
  if (flags & Flag.Route) {
    p.to = take(data, at, KEY_BYTES, 'to'); at += KEY_BYTES
    p.from = take(data, at, KEY_BYTES, 'from'); at += KEY_BYTES
  }
  take(data, at, 2, 'message length'); at += 2
  const length = view.getUint16(at - 2)
  if (length > maxMessageBytes(type)) throw new PacketDecodeError('ETOOLARGE', `message length ${length} exceeds ${maxMessageBytes(type)}`)
  p.message = take(data, at, length, 'message'); at += length
  if (flags & Flag.Signature) { p.sig = take(data, at, SIG_BYTES, 'sig'); at += SIG_BYTES }
  if (at !== data.length) throw new PacketDecodeError('ETRAILING', `${data.length - at} bytes after the end of the packet`)
  return p
}

/** The content address of a packet: the first 16 bytes of SHA-256 over its canonical encoding. */
export function packetId (p: Packet): Uint8Array {
  return sha256(encodePacket(p, true)).subarray(0, ID_BYTES)
}

/** A copy of an encoded packet with new mutable fields: how relays forward without re-encoding. */
export function withHops (encoded: Uint8Array, hops: number, replay = false): Uint8Array {
  const out = encoded.slice()
  out[5] = hops
  out[4] = replay ? out[4] | Flag.Replay : out[4] & ~Flag.Replay
  return out
}
