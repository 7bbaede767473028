// socket:network — the original's high-level P2P API (`network(options)`, clusters, subclusters, named events,
// `#ready`, per-peer emitters) over this runtime's Stream Relay protocol (runtime-js/peer). Shapes follow the
// original; the wire format does not (docs/network.md lists the differences).
import { sha256 as digest } from '@noble/hashes/sha2.js'
import { Peer as ProtocolPeer, type PeerConfig, type PacketEvent, type StreamEvent } from '../peer/peer.ts'
import { ipcTransport, webClock, webRandom } from '../peer/ipc-transport.ts'
import { keyPairFromSeed, sign, verify } from '../peer/crypto.ts'
import { concat, fromHex, toHex, utf8 } from '../peer/bytes.ts'
import { natName } from '../peer/nat.ts'
import { NotSupportedError } from '../internal/errors.ts'
import type { PeerState } from '../peer/state.ts'
import type { Clock, Endpoint, RandomSource, Signatures, Transport } from '../peer/transport.ts'
import type { NetworkInfo, NetworkService } from '../../generated/js/network.ts'

// The original's other exports of socket:network, from the latica sub-modules as there.
export { Cache } from './latica/cache.ts'
export { Packet, sha256 } from './latica/packets.ts'
export * as NAT from './latica/nat.ts'

export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView
export type Listener = (value: any, packet: EventPacket) => void // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a named-event listener gets besides the value. */
export interface EventPacket {
  /** The author (a publish) or the sender (a direct emit). */
  peerId: string
  /** The message id (hex). */
  packetId: string
  subclusterId: string
  /** Seconds since the epoch, from the author's clock. */
  timestamp: number
  /** True when the value came only to this peer (`peer.emit`), not to the whole subcluster. */
  direct: boolean
}

/** What `getInfo()` returns and `#ready` carries (idl/network.idl). */
export type { NetworkInfo }

export interface NetworkOptions {
  /** The app's cluster: subclusters of different clusters never meet, even with the same shared key. */
  clusterId?: Bytes | string
  /** `{ publicKey, privateKey }` as from Encryption.createKeyPair(): the peer id is the public key. */
  signingKeys?: { publicKey: Uint8Array, privateKey: Uint8Array }
  /** Accepted for compatibility and not used: a peer id here is the public key of `signingKeys`, so that no peer
   * can claim another's id. */
  peerId?: string
  /** The top cluster's shared key: `emit(name, value)` on the network object publishes there. */
  sharedKey?: Bytes | string
  /** Introducers chosen by the app (none are built in): `{ address, port }`. */
  bootstrap?: Endpoint[]
  /** Bind endpoint of the main socket (default: any address, a free port). */
  port?: number
  address?: string
  config?: Partial<PeerConfig>
  /** From a previous `getState()` (holds secrets). */
  state?: PeerState
  /** Seams for running outside a webview (Node, tests): default the host's UDP, Date and WebCrypto. */
  transport?: Transport
  clock?: Clock
  random?: RandomSource
  signatures?: Signatures
  /** The original ran the peer in a worker; here it runs where `network()` is called. Accepted, not used. */
  worker?: unknown
}

const KIND_PUBLISH = 1
const KIND_DIRECT = 2
const VALUE_JSON = 0
const VALUE_BYTES = 1

const asBytes = (data: Bytes): Uint8Array =>
  data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

const keyBytes = (what: string, v: Bytes | string, emptyAllowed = false): Uint8Array => {
  if (typeof v === 'string') {
    if (v.length === 0 && !emptyAllowed) throw new TypeError(`${what} must not be empty`)
    return utf8(v)
  }
  if (v instanceof Uint8Array || v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
    const b = asBytes(v)
    if (b.length === 0 && !emptyAllowed) throw new TypeError(`${what} must not be empty`)
    return b
  }
  throw new TypeError(`${what} must be a string or bytes, got ${typeof v}`)
}

/** Event names travel as the first 32 bytes of their SHA-256, as in the original: no name is sent in clear. */
const eventHash = (name: string): Uint8Array => {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('an event name is a non-empty string')
  return digest(utf8(name))
}

function encodeValue (value: unknown): Uint8Array {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return concat(new Uint8Array([VALUE_BYTES]), asBytes(value as Bytes))
  const json = JSON.stringify(value === undefined ? null : value)
  return concat(new Uint8Array([VALUE_JSON]), utf8(json))
}

function decodeValue (b: Uint8Array): unknown {
  if (b[0] === VALUE_BYTES) return b.slice(1)
  return JSON.parse(new TextDecoder().decode(b.subarray(1)))
}

/** on / off / once and local dispatch, keyed by event name (user names by their hash). */
class Listeners {
  readonly #map = new Map<string, Set<Listener>>()
  add (key: string, fn: Listener): void {
    if (typeof fn !== 'function') throw new TypeError('a listener must be a function')
    let set = this.#map.get(key)
    if (!set) this.#map.set(key, set = new Set())
    set.add(fn)
  }

  remove (key: string, fn?: Listener): void {
    if (fn === undefined) this.#map.delete(key)
    else this.#map.get(key)?.delete(fn)
  }

  call (key: string, value: unknown, packet?: EventPacket): void {
    for (const fn of [...(this.#map.get(key) ?? [])]) fn(value, packet as EventPacket)
  }
}

/** Listeners are keyed by name for `#events`, by the name's hash (hex) for app events. */
const keyOf = (name: string): string => name.startsWith('#') ? name : toHex(eventHash(name))

abstract class NamedEvents {
  protected readonly listeners = new Listeners()
  on (name: string, fn: Listener): this { this.listeners.add(keyOf(name), fn); return this }
  off (name: string, fn?: Listener): this { this.listeners.remove(keyOf(name), fn); return this }
  once (name: string, fn: Listener): this {
    const wrapped: Listener = (v, p) => { this.off(name, wrapped); fn(v, p) }
    return this.on(name, wrapped)
  }

  /** @internal */
  dispatch (key: string, value: unknown, packet?: EventPacket): void { this.listeners.call(key, value, packet) }
}

/** A peer of a subcluster: `emit(name, value)` sends to it alone (sealed for it); `on(name, fn)` hears what it
 * sends to us alone. */
export class RemotePeer extends NamedEvents {
  constructor (readonly peerId: string, readonly subcluster: Subcluster) { super() }
  async emit (name: string, value: unknown): Promise<string> {
    return this.subcluster.network.sendDirect(this.peerId, this.subcluster, name, value)
  }
}

export class Subcluster extends NamedEvents {
  readonly subclusterId: string
  /** The peers known to be in this subcluster, by peer id. */
  readonly peers = new Map<string, RemotePeer>()

  constructor (readonly network: Network, readonly sharedKey: Uint8Array, subclusterId: string) {
    super()
    this.subclusterId = subclusterId
  }

  /** Publishes a named event to every member (sealed for the subcluster, signed by this peer). */
  async emit (name: string, value: unknown): Promise<string> {
    return this.network.publishEvent(this, name, value)
  }

  /** Sends a named event to each known member directly (no relaying through the subcluster). */
  async stream (name: string, value: unknown): Promise<string[]> {
    return Promise.all([...this.peers.values()].map(p => p.emit(name, value)))
  }

  /** Announces the membership again (the protocol also repeats it while few members are connected). */
  async join (): Promise<void> { this.network.rejoin(this) }

  async leave (): Promise<void> { this.network.leaveSubcluster(this) }
}

/** The network object (idl/network.idl, NetworkService). */
export class Network extends NamedEvents implements NetworkService {
  readonly #peer: ProtocolPeer
  readonly clusterId: Uint8Array
  readonly #bySubclusterId = new Map<string, Subcluster>()
  #top?: Subcluster
  #info?: NetworkInfo

  /** Use `await network(options)`. */
  constructor (options: NetworkOptions = {}) {
    super()
    if (options === null || typeof options !== 'object') throw new TypeError('network(options): options must be an object')
    this.clusterId = options.clusterId === undefined ? new Uint8Array(0) : keyBytes('clusterId', options.clusterId)
    let identitySeed: Uint8Array | undefined
    if (options.signingKeys !== undefined) {
      identitySeed = signingSeed(options.signingKeys?.privateKey)
    }
    this.#peer = new ProtocolPeer({
      transport: options.transport ?? ipcTransport(),
      clock: options.clock ?? webClock(),
      random: options.random ?? webRandom(),
      signatures: options.signatures,
      identitySeed,
      port: options.port,
      address: options.address,
      bootstrap: options.bootstrap,
      config: options.config,
      state: options.state
    })
    this.#peer.on('ready', (r) => {
      this.#info = { peerId: r.peerId, clusterId: toHex(this.clusterId), address: r.address, port: r.port, natType: r.natType, natName: natName(r.natType), ...this.#localEndpoint() }
      this.dispatch('#ready', this.#info)
    })
    this.#peer.on('packet', (e) => this.#onPacket(e))
    this.#peer.on('stream', (e) => this.#onStream(e))
    this.#peer.on('join', ({ peerId, subclusterId }) => this.#member(subclusterId, peerId, true))
    this.#peer.on('leave', ({ peerId, subclusterId }) => this.#member(subclusterId, peerId, false))
    this.#peer.on('connection', (c) => this.dispatch(c.state === 'disconnected' ? '#disconnection' : '#connection', c))
    this.#peer.on('nat', (n) => this.dispatch('#network-change', n))
    this.#peer.on('error', (err) => this.dispatch('#error', err))
    if (options.sharedKey !== undefined) this.#top = this.#join(keyBytes('sharedKey', options.sharedKey))
  }

  get peerId (): string { return this.#peer.peerId }
  get ready (): boolean { return this.#peer.ready }
  /** The underlying Stream Relay peer (socket:latica's Peer). */
  get peer (): ProtocolPeer { return this.#peer }

  /** @internal */
  async start (): Promise<this> { await this.#peer.start(); return this }

  /** `#ready` listeners added after the peer became ready are called at once with the info. */
  override on (name: string, fn: Listener): this {
    super.on(name, fn)
    if (name === '#ready' && this.#info) { const info = this.#info; queueMicrotask(() => fn(info, undefined as never)) }
    return this
  }

  getInfo (): NetworkInfo {
    return this.#info ?? { peerId: this.peerId, clusterId: toHex(this.clusterId), natType: this.#peer.natType, natName: natName(this.#peer.natType), address: this.#peer.external?.address, port: this.#peer.external?.port, ...this.#localEndpoint() }
  }

  #localEndpoint (): { localAddress?: string, localPort?: number } {
    return { localAddress: this.#peer.local?.address, localPort: this.#peer.local?.port }
  }

  /** Joins (or returns) the subcluster of `sharedKey` within this cluster. */
  async subcluster (options: { sharedKey: Bytes | string }): Promise<Subcluster> {
    if (options === null || typeof options !== 'object' || options.sharedKey === undefined) throw new TypeError('subcluster(options) needs options.sharedKey')
    return this.#join(keyBytes('sharedKey', options.sharedKey))
  }

  /** Publishes a named event to the top cluster (the subcluster of `options.sharedKey`). */
  async emit (name: string, value: unknown): Promise<string> {
    if (!this.#top) throw new TypeError('emit() on the network publishes to the top cluster, which needs network({ sharedKey })')
    return this.#top.emit(name, value)
  }

  async addPeer (address: string, port: number): Promise<void> {
    if (typeof address !== 'string' || !Number.isInteger(port) || port <= 0 || port > 65535) throw new TypeError('addPeer(address, port): an IP address and a port')
    this.#peer.addPeer({ address, port })
  }

  /** The original's way to add an introducer (`{ peerId, address, port }`; the id is learnt from its pongs). */
  async addIndexedPeer (info: { peerId?: string, address: string, port: number }): Promise<void> {
    if (info === null || typeof info !== 'object') throw new TypeError('addIndexedPeer(info): { address, port } expected')
    return this.addPeer(info.address, info.port)
  }

  /** Not here: the protocol syncs caches with the peers it meets by itself. */
  sync (): never { throw new NotSupportedError('socket:network sync() (caches sync by themselves)') }
  /** Not here: the protocol re-pings and re-introduces by itself after a network change. */
  reconnect (): never { throw new NotSupportedError('socket:network reconnect() (the peer reconnects by itself)') }
  /** Not here: close() ends the peer. */
  disconnect (): never { throw new NotSupportedError('socket:network disconnect() (use close())') }
  /** Not here: subcluster emits are sealed and opened by the protocol; there is no app-level sealing call. */
  seal (): never { throw new NotSupportedError('socket:network seal() (emit seals for the subcluster)') }
  open (): never { throw new NotSupportedError('socket:network open() (listeners get values already opened)') }

  async query (packetId: string): Promise<void> { this.#peer.query(packetId) }
  async getState (): Promise<PeerState> { return this.#peer.getState() }
  async close (): Promise<void> { this.#peer.close() }

  /** @internal */
  publishEvent (sc: Subcluster, name: string, value: unknown): string {
    const payload = concat(new Uint8Array([KIND_PUBLISH]), eventHash(name), encodeValue(value))
    return this.#peer.publish(sc.subclusterId, payload)
  }

  /** @internal */
  sendDirect (peerId: string, sc: Subcluster, name: string, value: unknown): string {
    const payload = concat(new Uint8Array([KIND_DIRECT]), fromHex(sc.subclusterId), eventHash(name), encodeValue(value))
    return this.#peer.stream(peerId, payload)
  }

  /** @internal */
  rejoin (sc: Subcluster): void { this.#peer.join(this.#effectiveKey(sc.sharedKey)) }

  /** @internal */
  leaveSubcluster (sc: Subcluster): void {
    this.#peer.leave(sc.subclusterId)
    this.#bySubclusterId.delete(sc.subclusterId)
    if (this.#top === sc) this.#top = undefined
  }

  /** Within a cluster, a subcluster's key is the cluster id and the shared key together. */
  #effectiveKey (sharedKey: Uint8Array): Uint8Array {
    return this.clusterId.length === 0 ? sharedKey : concat(utf8('srp/cluster/v1'), new Uint8Array([this.clusterId.length]), this.clusterId, sharedKey)
  }

  #join (sharedKey: Uint8Array): Subcluster {
    const { idHex } = this.#peer.join(this.#effectiveKey(sharedKey))
    let sc = this.#bySubclusterId.get(idHex)
    if (!sc) this.#bySubclusterId.set(idHex, sc = new Subcluster(this, sharedKey.slice(), idHex))
    return sc
  }

  #member (subclusterId: string, peerId: string, joined: boolean): void {
    const sc = this.#bySubclusterId.get(subclusterId)
    if (!sc) return
    let peer = sc.peers.get(peerId)
    if (joined) {
      if (peer) return
      sc.peers.set(peerId, peer = new RemotePeer(peerId, sc))
      sc.dispatch('#join', peer)
      this.dispatch('#join', peer)
    } else if (peer) {
      sc.peers.delete(peerId)
      sc.dispatch('#leave', peer)
      this.dispatch('#leave', peer)
    }
  }

  #onPacket (e: PacketEvent): void {
    this.dispatch('#packet', e)
    const sc = this.#bySubclusterId.get(e.subclusterId)
    if (!sc || e.data[0] !== KIND_PUBLISH || e.data.length < 34) { this.dispatch('#data', e); return }
    this.#deliver(sc, sc, e.data.subarray(1, 33), e.data.subarray(33), { peerId: e.author, packetId: e.messageId, subclusterId: e.subclusterId, timestamp: e.timestamp, direct: false })
  }

  #onStream (e: StreamEvent): void {
    this.dispatch('#stream', e)
    if (e.data[0] !== KIND_DIRECT || e.data.length < 66) { this.dispatch('#data', e); return }
    const sc = this.#bySubclusterId.get(toHex(e.data.subarray(1, 33)))
    if (!sc) return
    let peer = sc.peers.get(e.from)
    if (!peer) this.#member(sc.subclusterId, e.from, true)
    peer = sc.peers.get(e.from) as RemotePeer
    this.#deliver(peer, sc, e.data.subarray(33, 65), e.data.subarray(65), { peerId: e.from, packetId: e.messageId, subclusterId: sc.subclusterId, timestamp: Math.floor(Date.now() / 1000), direct: true })
  }

  #deliver (target: NamedEvents, sc: Subcluster, hash: Uint8Array, body: Uint8Array, packet: EventPacket): void {
    let value: unknown
    try { value = decodeValue(body) } catch (err) { this.dispatch('#error', err); return }
    const key = toHex(hash)
    try {
      target.dispatch(key, value, packet)
      if (target !== sc && !packet.direct) sc.dispatch(key, value, packet)
    } catch (err) {
      this.dispatch('#error', err)
    }
  }
}

/** Starts a peer and resolves with the network object once its sockets are bound (`#ready` follows). */
export async function network (options: NetworkOptions = {}): Promise<Network> {
  return new Network(options).start()
}

/** Key helpers with the original's names. Ids and keys are bytes; `createId` returns hex. */
export const Encryption = {
  /** 32 bytes: the SHA-256 of the seed, or random without one. */
  async createSharedKey (seed?: string | Bytes): Promise<Uint8Array> { return seedOrRandom(seed) },
  async createClusterId (seed?: string | Bytes): Promise<Uint8Array> { return seedOrRandom(seed) },
  async createId (seed?: string | Bytes): Promise<string> { return toHex(seedOrRandom(seed)) },
  /** An Ed25519 key pair: `privateKey` is the 32-byte seed followed by the public key (64 bytes, as libsodium's). */
  async createKeyPair (seed?: string | Bytes): Promise<{ publicKey: Uint8Array, privateKey: Uint8Array }> {
    const kp = keyPairFromSeed(seedOrRandom(seed))
    return { publicKey: kp.publicKey, privateKey: concat(kp.secretKey, kp.publicKey) }
  },
  /** An Ed25519 signature (64 bytes) of the whole message (the original's skipped its first 64 bytes). */
  async sign (message: Bytes | string, privateKey: Uint8Array): Promise<Uint8Array> {
    return sign(keyBytes('message', message, true), { secretKey: signingSeed(privateKey) })
  },
  /** Whether `signature` is `publicKey`'s Ed25519 signature of `message` (strict RFC 8032). */
  async verify (message: Bytes | string, signature: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
    if (!(signature instanceof Uint8Array) || !(publicKey instanceof Uint8Array)) throw new TypeError('Encryption.verify(message, signature, publicKey): signature and publicKey are bytes')
    return verify(signature, keyBytes('message', message, true), publicKey)
  }
}

function signingSeed (privateKey: Uint8Array): Uint8Array {
  if (!(privateKey instanceof Uint8Array) || (privateKey.length !== 32 && privateKey.length !== 64)) throw new TypeError('a privateKey is 32 or 64 bytes (as from Encryption.createKeyPair())')
  return privateKey.subarray(0, 32)
}

function seedOrRandom (seed?: string | Bytes): Uint8Array {
  if (seed === undefined) return globalThis.crypto.getRandomValues(new Uint8Array(32))
  return digest(keyBytes('seed', seed))
}

export default network
