// socket:latica/packets — the original's `Packet` classes and `sha256` over this runtime's wire format
// (runtime-js/peer/packet.ts): the same roles and names, our smaller signed layout (docs/protocol.md, "Packets";
// docs/network.md says what differs from the original's VERSION 6 packets).
import { sha256 as digest } from '@noble/hashes/sha2.js'
import { decodePacket, encodePacket, packetId, PacketType, type Packet as WirePacket } from '../../peer/packet.ts'
import { PacketDecodeError } from '../../peer/errors.ts'
import { DEFAULT_TTL_MINUTES, MAGIC, MAX_DATAGRAM, MAX_MESSAGE, VERSION } from '../../peer/constants.ts'
import { toBase64, toHex, utf8 } from '../../peer/bytes.ts'

export { PacketType, PacketDecodeError, VERSION }
/** The largest `message` of a data packet (the original's MESSAGE_BYTES, also 1024). */
export const MESSAGE_BYTES = MAX_MESSAGE
/** The largest datagram this protocol sends (the original's was 1,421 bytes; ours fits the IPv6 minimum MTU). */
export const PACKET_BYTES = MAX_DATAGRAM
/** Default lifetime of a packet in milliseconds, as the original's CACHE_TTL (the protocol's default; the original's was 6 h). */
export const CACHE_TTL = DEFAULT_TTL_MINUTES * 60_000

type BytesLike = Uint8Array | ArrayBuffer | ArrayBufferView

const isBytes = (v: unknown): v is BytesLike => v instanceof Uint8Array || v instanceof ArrayBuffer || ArrayBuffer.isView(v)
const asBytes = (v: BytesLike): Uint8Array =>
  v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength)

export interface Sha256Options {
  /** Resolve with the 32 digest bytes instead of a string. */
  bytes?: boolean
  /** The string form: 'hex' (default) or 'base64'. */
  encoding?: 'hex' | 'base64'
}

/**
 * SHA-256 of a string (UTF-8), bytes, or any other value (its JSON), as the original's `sha256(input, opts)`:
 * a hex string by default, the bytes with `{ bytes: true }`. Async like the original's (which used WebCrypto);
 * the digest itself is computed in JavaScript so that it also runs where WebCrypto is absent.
 */
export async function sha256 (input: unknown, options: Sha256Options & { bytes: true }): Promise<Uint8Array>
export async function sha256 (input: unknown, options?: Sha256Options): Promise<string>
export async function sha256 (input: unknown, options: Sha256Options = {}): Promise<string | Uint8Array> {
  if (options === null || typeof options !== 'object') throw new TypeError('sha256(input, options): options must be an object')
  const encoding = options.encoding ?? 'hex'
  if (encoding !== 'hex' && encoding !== 'base64') throw new TypeError(`sha256: encoding must be 'hex' or 'base64', got ${String(encoding)}`)
  let data: Uint8Array
  if (typeof input === 'string') data = utf8(input)
  else if (isBytes(input)) data = asBytes(input)
  else if (input === undefined || input === null || typeof input === 'function' || typeof input === 'symbol') {
    throw new TypeError(`sha256: input must be a string, bytes or a JSON value, got ${input === null ? 'null' : typeof input}`)
  } else data = utf8(JSON.stringify(input))
  const hash = digest(data)
  if (options.bytes === true) return hash
  return encoding === 'hex' ? toHex(hash) : toBase64(hash)
}

/** What a packet is made from; everything but `type` has a default. */
export interface PacketFields {
  type: PacketType
  hops?: number
  replay?: boolean
  /** Seconds since the epoch (default: now). */
  timestamp?: number
  /** Lifetime in minutes (default: the protocol's, DEFAULT_TTL_MINUTES). */
  ttl?: number
  index?: number
  count?: number
  subclusterId?: Uint8Array
  previousId?: Uint8Array
  nextId?: Uint8Array
  to?: Uint8Array
  from?: Uint8Array
  /** A string is sent as its UTF-8 bytes. */
  message?: Uint8Array | string
  sig?: Uint8Array
}

const optionalBytes = (name: string, v: unknown): Uint8Array | undefined => {
  if (v === undefined) return undefined
  if (!isBytes(v)) throw new TypeError(`Packet: ${name} must be bytes, got ${typeof v}`)
  return asBytes(v).slice()
}

const integer = (name: string, v: unknown, fallback: number, max: number): number => {
  if (v === undefined) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) throw new TypeError(`Packet: ${name} must be an integer from 0 to ${max}, got ${String(v)}`)
  return v
}

/** One datagram of the protocol. `Packet.decode` returns the subclass of its type (PacketPublish, ...). */
export class Packet implements WirePacket {
  /** The default lifetime in milliseconds (the original's `Packet.ttl`). */
  static readonly ttl = CACHE_TTL
  /** The largest message of a data packet (the original's `Packet.maxLength`). */
  static readonly maxLength = MAX_MESSAGE

  type: PacketType
  hops: number
  replay: boolean
  timestamp: number
  ttl: number
  index: number
  count: number
  subclusterId?: Uint8Array
  previousId?: Uint8Array
  nextId?: Uint8Array
  to?: Uint8Array
  from?: Uint8Array
  message: Uint8Array
  sig?: Uint8Array

  constructor (fields: PacketFields) {
    if (fields === null || typeof fields !== 'object') throw new TypeError('new Packet(fields): fields must be an object')
    if (!Number.isInteger(fields.type) || fields.type < PacketType.Ping || fields.type > PacketType.Query) throw new TypeError(`Packet: unknown type ${String(fields.type)}`)
    this.type = fields.type
    this.hops = integer('hops', fields.hops, 0, 255)
    this.replay = fields.replay === true
    this.timestamp = integer('timestamp', fields.timestamp, Math.floor(Date.now() / 1000), 0xffffffff)
    this.ttl = integer('ttl', fields.ttl, DEFAULT_TTL_MINUTES, 0xffff)
    this.index = integer('index', fields.index, 0, 0xffff)
    this.count = integer('count', fields.count, 1, 0xffff)
    this.subclusterId = optionalBytes('subclusterId', fields.subclusterId)
    this.previousId = optionalBytes('previousId', fields.previousId)
    this.nextId = optionalBytes('nextId', fields.nextId)
    this.to = optionalBytes('to', fields.to)
    this.from = optionalBytes('from', fields.from)
    this.message = typeof fields.message === 'string' ? utf8(fields.message) : optionalBytes('message', fields.message) ?? new Uint8Array(0)
    this.sig = optionalBytes('sig', fields.sig)
  }

  /** Whether `bytes` starts like a packet of this protocol (magic and version), as the original's isPacket. */
  static isPacket (bytes: unknown): boolean {
    if (!isBytes(bytes)) return false
    const b = asBytes(bytes)
    return b.length >= 18 && b[0] === MAGIC[0] && b[1] === MAGIC[1] && b[2] === VERSION
  }

  /** A packet from fields, a copy of a packet, or the decoding of bytes. */
  static from (value: Packet | PacketFields | BytesLike): Packet {
    if (isBytes(value)) return Packet.decode(value)
    return construct(value)
  }

  /** The datagram for a packet. Async like the original's; throws PacketDecodeError (code EFIELD or ETOOLARGE)
   * for a field of the wrong size or a packet too large for one datagram. */
  static async encode (p: Packet | PacketFields): Promise<Uint8Array> {
    return encodePacket(p instanceof Packet ? p : construct(p))
  }

  /** Decodes one datagram, or throws PacketDecodeError whose `code` names the rule it breaks. */
  static decode (bytes: BytesLike): Packet {
    if (!isBytes(bytes)) throw new TypeError(`Packet.decode: bytes expected, got ${typeof bytes}`)
    return construct(decodePacket(asBytes(bytes).slice()))
  }

  static copy (p: Packet): Packet { return construct(p) }

  copy (): Packet { return construct(this) }

  /** The content address (hex): SHA-256 over the fields relays cannot change, as the protocol's ids. */
  get packetId (): string { return toHex(packetId(this)) }

  toJSON (): Record<string, unknown> {
    const hex = (b?: Uint8Array): string | undefined => b === undefined ? undefined : toHex(b)
    return {
      type: this.type,
      packetId: this.packetId,
      hops: this.hops,
      replay: this.replay,
      timestamp: this.timestamp,
      ttl: this.ttl,
      index: this.index,
      count: this.count,
      subclusterId: hex(this.subclusterId),
      previousId: hex(this.previousId),
      nextId: hex(this.nextId),
      to: hex(this.to),
      from: hex(this.from),
      message: toBase64(this.message),
      sig: hex(this.sig)
    }
  }
}

type Typed = Omit<PacketFields, 'type'>

export class PacketPing extends Packet { static readonly type = PacketType.Ping; constructor (f: Typed = {}) { super({ ...f, type: PacketType.Ping }) } }
export class PacketPong extends Packet { static readonly type = PacketType.Pong; constructor (f: Typed = {}) { super({ ...f, type: PacketType.Pong }) } }
export class PacketIntro extends Packet { static readonly type = PacketType.Intro; constructor (f: Typed = {}) { super({ ...f, type: PacketType.Intro }) } }
export class PacketJoin extends Packet { static readonly type = PacketType.Join; constructor (f: Typed = {}) { super({ ...f, type: PacketType.Join }) } }
export class PacketPublish extends Packet { static readonly type = PacketType.Publish; constructor (f: Typed = {}) { super({ ...f, type: PacketType.Publish }) } }
export class PacketStream extends Packet { static readonly type = PacketType.Stream; constructor (f: Typed = {}) { super({ ...f, type: PacketType.Stream }) } }
export class PacketSync extends Packet { static readonly type = PacketType.Sync; constructor (f: Typed = {}) { super({ ...f, type: PacketType.Sync }) } }
export class PacketQuery extends Packet { static readonly type = PacketType.Query; constructor (f: Typed = {}) { super({ ...f, type: PacketType.Query }) } }

const BY_TYPE: Record<number, new (f: Typed) => Packet> = {
  [PacketType.Ping]: PacketPing,
  [PacketType.Pong]: PacketPong,
  [PacketType.Intro]: PacketIntro,
  [PacketType.Join]: PacketJoin,
  [PacketType.Publish]: PacketPublish,
  [PacketType.Stream]: PacketStream,
  [PacketType.Sync]: PacketSync,
  [PacketType.Query]: PacketQuery
}

/** A new packet of the subclass for its type (fields are copied). */
function construct (f: PacketFields): Packet {
  if (f === null || typeof f !== 'object') throw new TypeError('Packet.from: fields, a packet or bytes expected')
  const Class = BY_TYPE[f.type]
  if (Class === undefined) throw new TypeError(`Packet: unknown type ${String(f.type)}`)
  return new Class(f)
}

/** The type of a datagram from its header, without decoding the rest (the original's getTypeFromBytes). */
export function getTypeFromBytes (bytes: BytesLike): PacketType | undefined {
  return Packet.isPacket(bytes) ? asBytes(bytes)[3] as PacketType : undefined
}

export default Packet
