// Binary bodies of the control packets (ping, pong, intro, join, sync, query). Fixed layouts, no JSON: they
// are smaller, and a malformed body fails with a PacketDecodeError instead of reaching the protocol.
import { PacketDecodeError } from './errors.ts'
import { utf8 } from './bytes.ts'

class Writer {
  #buf = new Uint8Array(128)
  #at = 0
  #room (n: number): void {
    if (this.#at + n <= this.#buf.length) return
    const bigger = new Uint8Array(Math.max(this.#buf.length * 2, this.#at + n))
    bigger.set(this.#buf)
    this.#buf = bigger
  }

  u8 (v: number): this { this.#room(1); this.#buf[this.#at++] = v & 0xff; return this }
  u16 (v: number): this { return this.u8(v >> 8).u8(v) }
  bytes (b: Uint8Array): this { this.#room(b.length); this.#buf.set(b, this.#at); this.#at += b.length; return this }
  address (s: string): this { const b = utf8(s); return this.u8(b.length).bytes(b) }
  done (): Uint8Array { return this.#buf.slice(0, this.#at) }
}

class Reader {
  at = 0
  constructor (readonly data: Uint8Array, readonly what: string) {}
  need (n: number, field: string): void {
    if (this.at + n > this.data.length) throw new PacketDecodeError('ETRUNCATED', `${this.what} body ends inside ${field}`)
  }

  u8 (field: string): number { this.need(1, field); return this.data[this.at++] }
  u16 (field: string): number { return (this.u8(field) << 8) | this.u8(field) }
  bytes (n: number, field: string): Uint8Array { this.need(n, field); const b = this.data.subarray(this.at, this.at + n); this.at += n; return b }
  rest (): Uint8Array { const b = this.data.slice(this.at); this.at = this.data.length; return b }
  address (field: string): string {
    const n = this.u8(field)
    if (n === 0 || n > 45) throw new PacketDecodeError('EFIELD', `${this.what} ${field} has length ${n}`)
    this.need(n, field)
    // Checked and turned into a string in one pass (every pong carries one; a decoder call was a visible cost).
    let address = ''
    for (let i = this.at; i < this.at + n; i++) {
      const c = this.data[i]
      if (!((c >= 0x30 && c <= 0x3a) || c === 0x2e || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) {
        throw new PacketDecodeError('EFIELD', `${this.what} ${field} is not an IP address`)
      }
      address += String.fromCharCode(c)
    }
    this.at += n
    return address
  }

  end (): void {
    if (this.at !== this.data.length) throw new PacketDecodeError('ETRAILING', `${this.data.length - this.at} bytes after the ${this.what} body`)
  }
}

export const PingFlag = { Probe: 1, Reflection: 2, Connection: 4, ProbeReply: 8 } as const

export interface Ping { peerId: Uint8Array, natType: number, flags: number, pingId: Uint8Array, probePort: number }
export interface Pong extends Ping { address: string, port: number }
/** `proof`: the subcluster key's signature over `peerId` (crypto.ts, membershipProof); absent is sent as 64 zero
 * bytes, which never verify. */
export interface Intro { peerId: Uint8Array, natType: number, address: string, port: number, proof?: Uint8Array }
export type Join = Intro

const PING_BYTES = 32 + 1 + 1 + 8 + 2

/** Pings and pongs are most of the traffic: written straight into a buffer of the exact size. */
function writePing (out: Uint8Array, m: Ping): void {
  out.set(m.peerId, 0)
  out[32] = m.natType
  out[33] = m.flags
  out.set(m.pingId, 34)
  out[42] = m.probePort >> 8
  out[43] = m.probePort & 0xff
}

export function encodePing (m: Ping): Uint8Array {
  const out = new Uint8Array(PING_BYTES)
  writePing(out, m)
  return out
}

function readPing (r: Reader): Ping {
  return { peerId: r.bytes(32, 'peerId'), natType: r.u8('natType'), flags: r.u8('flags'), pingId: r.bytes(8, 'pingId'), probePort: r.u16('probePort') }
}

export function decodePing (b: Uint8Array): Ping {
  const r = new Reader(b, 'ping'); const m = readPing(r); r.end(); return m
}

export function encodePong (m: Pong): Uint8Array {
  const n = m.address.length // an IP address: ASCII, one byte per character
  const out = new Uint8Array(PING_BYTES + 1 + n + 2)
  writePing(out, m)
  out[PING_BYTES] = n
  for (let i = 0; i < n; i++) out[PING_BYTES + 1 + i] = m.address.charCodeAt(i)
  out[PING_BYTES + 1 + n] = m.port >> 8
  out[PING_BYTES + 2 + n] = m.port & 0xff
  return out
}

export function decodePong (b: Uint8Array): Pong {
  const r = new Reader(b, 'pong')
  const ping = readPing(r)
  const m = { peerId: ping.peerId, natType: ping.natType, flags: ping.flags, pingId: ping.pingId, probePort: ping.probePort, address: r.address('address'), port: r.u16('port') }
  r.end()
  return m
}

const NO_PROOF = new Uint8Array(64)

export function encodeIntro (m: Intro): Uint8Array {
  if (m.proof !== undefined && m.proof.length !== 64) throw new PacketDecodeError('EFIELD', `a membership proof is 64 bytes, got ${m.proof.length}`)
  return new Writer().bytes(m.peerId).u8(m.natType).address(m.address).u16(m.port).bytes(m.proof ?? NO_PROOF).done()
}

export function decodeIntro (b: Uint8Array, what = 'intro'): Intro {
  const r = new Reader(b, what)
  const m = { peerId: r.bytes(32, 'peerId'), natType: r.u8('natType'), address: r.address('address'), port: r.u16('port'), proof: r.bytes(64, 'proof') }
  r.end()
  return m
}

export const encodeJoin = encodeIntro
export const decodeJoin = (b: Uint8Array): Join => decodeIntro(b, 'join')

/** Sync: a summary of a cache bucket (16 child hashes) or, near the leaves, the list of ids it holds; or
 * `have`: ids of packets the sender just took for a subcluster both are in (the receiver asks for those it
 * lacks). `have` carries an empty prefix. */
export type Sync =
  | { kind: 'summary', prefix: string, buckets: Array<Uint8Array | null> }
  | { kind: 'ids', prefix: string, reply: boolean, ids: Uint8Array[] }
  | { kind: 'have', prefix: '', ids: Uint8Array[] }

export const SYNC_HASH_BYTES = 8
export const SYNC_MAX_IDS = 60

function writePrefix (w: Writer, prefix: string): void {
  w.u8(prefix.length)
  const padded = prefix.length % 2 ? prefix + '0' : prefix
  for (let i = 0; i < padded.length; i += 2) w.u8(parseInt(padded.slice(i, i + 2), 16))
}

function readPrefix (r: Reader): string {
  const n = r.u8('prefix length')
  if (n > 32) throw new PacketDecodeError('EFIELD', `sync prefix of ${n} nibbles is longer than an id`)
  const b = r.bytes(Math.ceil(n / 2), 'prefix')
  let s = ''
  for (const x of b) s += x.toString(16).padStart(2, '0')
  return s.slice(0, n)
}

export function encodeSync (m: Sync): Uint8Array {
  const w = new Writer().u8(m.kind === 'summary' ? 1 : m.kind === 'ids' ? 2 : 3)
  writePrefix(w, m.prefix)
  if (m.kind === 'summary') {
    let bitmap = 0
    m.buckets.forEach((h, i) => { if (h) bitmap |= 1 << i })
    w.u16(bitmap)
    for (const h of m.buckets) if (h) w.bytes(h)
  } else {
    if (m.kind === 'ids') w.u8(m.reply ? 1 : 0)
    w.u8(m.ids.length)
    for (const id of m.ids) w.bytes(id)
  }
  return w.done()
}

export function decodeSync (b: Uint8Array): Sync {
  const r = new Reader(b, 'sync')
  const kind = r.u8('kind')
  const prefix = readPrefix(r)
  let m: Sync
  if (kind === 1) {
    const bitmap = r.u16('bitmap')
    const buckets: Array<Uint8Array | null> = []
    for (let i = 0; i < 16; i++) buckets.push(bitmap & (1 << i) ? r.bytes(SYNC_HASH_BYTES, 'bucket hash') : null)
    m = { kind: 'summary', prefix, buckets }
  } else if (kind === 2 || kind === 3) {
    const reply = kind === 2 && r.u8('reply') === 1
    const n = r.u8('count')
    if (n > SYNC_MAX_IDS) throw new PacketDecodeError('EFIELD', `sync id list of ${n} exceeds ${SYNC_MAX_IDS}`)
    const ids: Uint8Array[] = []
    for (let i = 0; i < n; i++) ids.push(r.bytes(16, 'id'))
    if (kind === 3 && prefix !== '') throw new PacketDecodeError('EFIELD', 'a have list carries no prefix')
    m = kind === 2 ? { kind: 'ids', prefix, reply, ids } : { kind: 'have', prefix: '', ids }
  } else {
    throw new PacketDecodeError('EFIELD', `unknown sync kind ${kind}`)
  }
  r.end()
  return m
}

/** Query: a question for a packet by id or by (message id, fragment index), or an answer carrying the
 * packet, routed back along the question's path. */
export type Query =
  | { kind: 'question', queryId: Uint8Array, packetId: Uint8Array }
  | { kind: 'fragment', queryId: Uint8Array, messageId: Uint8Array, index: number }
  | { kind: 'answer', queryId: Uint8Array, packet: Uint8Array }

export function encodeQuery (m: Query): Uint8Array {
  const kind = m.kind === 'question' ? 1 : m.kind === 'answer' ? 2 : 3
  const w = new Writer().u8(kind).bytes(m.queryId)
  if (m.kind === 'question') return w.bytes(m.packetId).done()
  if (m.kind === 'fragment') return w.bytes(m.messageId).u16(m.index).done()
  const head = w.done()
  const out = new Uint8Array(head.length + m.packet.length)
  out.set(head); out.set(m.packet, head.length)
  return out
}

export function decodeQuery (b: Uint8Array): Query {
  const r = new Reader(b, 'query')
  const kind = r.u8('kind')
  const queryId = r.bytes(8, 'queryId')
  let m: Query
  if (kind === 1) {
    m = { kind: 'question', queryId, packetId: r.bytes(16, 'packetId') }
  } else if (kind === 3) {
    m = { kind: 'fragment', queryId, messageId: r.bytes(16, 'messageId'), index: r.u16('index') }
    if (m.index === 0) throw new PacketDecodeError('EFIELD', 'a fragment query asks for index 1 or more (the head is asked for by id)')
  } else if (kind === 2) {
    const packet = r.rest()
    if (packet.length === 0) throw new PacketDecodeError('ETRUNCATED', 'query answer carries no packet')
    return { kind: 'answer', queryId, packet }
  } else {
    throw new PacketDecodeError('EFIELD', `unknown query kind ${kind}`)
  }
  r.end()
  return m
}
