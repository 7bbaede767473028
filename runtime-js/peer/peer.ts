// A Stream Relay peer: the protocol's state and its reactions to datagrams and timers. Everything it needs
// from the world comes through the injected Transport, Clock and RandomSource (see README.md).
import { equal, fromBase64, fromHex, hexEquals, toBase64, toHex } from './bytes.ts'
import {
  DEFAULT_CACHE_BYTES, DEFAULT_KEEPALIVE_MS, DEFAULT_MAX_PEERS, DEFAULT_TTL_MINUTES, EXPIRE_KEEPALIVES, FANOUT,
  CONTROL_FRESH_MS, INTRO_FALLBACK_MS, JOIN_RELAY_HOPS, MAX_HOPS, MAX_TTL_MINUTES, PING_RETRY_MS, QUERY_MAX_AGE_MS, READY_DEADLINE_MS, REASSEMBLY_CHECK_MS, REASSEMBLY_QUERY_DELAY_MS
} from './constants.ts'
import { boxKeyOf, keyPairFromSeed, membershipProof, nobleSignatures, sign, subclusterKeys, verifyMembership, type KeyPair } from './crypto.ts'
import { Emitter } from './emitter.ts'
import { openEnvelope, sealEnvelope } from './envelope.ts'
import { NotSupportedError, PacketDecodeError, PeerInputError } from './errors.ts'
import { buildMessage } from './fragment.ts'
import { Gate } from './gate.ts'
import {
  PingFlag, SYNC_MAX_IDS, decodeIntro, decodeJoin, decodePing, decodePong, decodeQuery, decodeSync,
  encodeIntro, encodeJoin, encodePing, encodePong, encodeQuery, encodeSync, type Intro, type Query, type Sync
} from './messages.ts'
import { NatType, connectionStrategy, natName, type Strategy } from './nat.ts'
import { PacketType, decodePacket, encodePacket, packetId, withHops, type Packet } from './packet.ts'
import { NO_SUBCLUSTERS, PeerTable, endpointKey, type RemotePeer } from './peer-table.ts'
import { RateLimiter } from './rate-limit.ts'
import { Reassembler } from './reassembler.ts'
import { RelayCache, type CacheEntry } from './cache.ts'
import { NatDetector } from './reflection.ts'
import { BirthdayTraversal } from './birthday.ts'
import { type PeerState, STATE_VERSION } from './state.ts'
import type { Clock, Endpoint, RandomSource, Signatures, TimerHandle, Transport, UdpSocketLike } from './transport.ts'

export interface PeerConfig {
  keepaliveMs: number
  cacheBytes: number
  maxPeers: number
  fanout: number
  maxHops: number
  ttlMinutes: number
  /** Skip detection and use this NAT type (a server with a public address knows it is unrestricted). */
  natType?: number
  /** Per sender address:port, packets per second (burst: twice that). */
  senderRate: number
  /** Per sender (its address:port), publish packets per second (burst: twice that). Joins have a bucket of their
   * own per sender (JOIN_RATE). Keyed on who sent the packet, never on the subcluster it names: an attacker can
   * make subcluster ids at will. */
  subclusterRate: number
  /** Bytes of incomplete messages held for reassembly. */
  reassemblyBytes: number
  /** Peers kept alive by keepalive pings (subcluster members first, then introducers). */
  maxConnections: number
  /** Pool size for the birthday-paradox strategy (symmetric side), and how many attempts may run at once. */
  birthdaySockets: number
  birthdayConcurrency: number
  /** Long messages leave `paceBurst` packets every `paceMs`. */
  paceBurst: number
  paceMs: number
}

export interface PeerOptions {
  transport: Transport
  clock: Clock
  random: RandomSource
  identitySeed?: Uint8Array
  port?: number
  address?: string
  bootstrap?: Endpoint[]
  config?: Partial<PeerConfig>
  state?: PeerState
  /** Ed25519 implementation; @noble by default (see Signatures in transport.ts). */
  signatures?: Signatures
}

export interface PacketEvent { subclusterId: string, messageId: string, data: Uint8Array, author: string, previousId?: string, timestamp: number }
export interface StreamEvent { from: string, messageId: string, data: Uint8Array }
export interface ConnectionEvent { peerId: string, strategy: Strategy, state: 'connected' | 'relayed' | 'disconnected' }

export interface PeerEvents extends Record<string, unknown> {
  ready: { peerId: string, natType: number, address?: string, port?: number }
  nat: { natType: number, name: string }
  packet: PacketEvent
  stream: StreamEvent
  join: { peerId: string, subclusterId: string }
  leave: { peerId: string, subclusterId: string }
  connection: ConnectionEvent
  error: unknown
}

interface Subcluster { keys: KeyPair, idHex: string, proof: Uint8Array }
/** A message published while no fellow member was connected (see UNSENT_MESSAGES). */
interface Unsent { scHex: string, to?: string, at: number, sends: Array<{ targets: RemotePeer[], bytes: Uint8Array }> }
/** An own message no fellow member has acknowledged yet (see REPUSH_MS), by the id of its head. */
interface Unacked { scHex: string, to?: string, packets: Uint8Array[] }

/** After becoming ready, a peer syncs with a member at these delays (then once per keepalive). At once and after
 * 1 s too: a message published between a newcomer's first contact and its first members reached it only at the
 * 2 s sync, 2.5-3.5 s after the publish (simulator, all harsh settings); at first the only peer it syncs with is
 * its introducer, which relays and caches what passes through it. */
const EARLY_SYNC_MS = [0, 1000, 2000, 5000, 10_000, 20_000]

/** A kept peer silent for this share of a keepalive is pinged (see #keepAlive). */
const KEEPALIVE_QUIET = 2 / 3
/** A peer keeps at most this many introducers alive: one that kept them all (every peer outside the subclusters
 * did) made each introducer of a 10,000-peer network the target of 5,000 peers' keepalives (finding 10). */
const KEPT_INTRODUCERS = 2
/** Keepalive checks this far apart mean the host was suspended (they come every sixth of a keepalive). */
const RESUMED_GAP_KEEPALIVES = 1 / 2
/** After a suspension, the re-join and catch-up wait this long for the pongs that tell the new endpoint. */
const RESUME_REJOIN_MS = 1000
/** A fellow member we just connected to is told we are one this much later (see #tellMembership). */
const TELL_MEMBERSHIP_MS = 1000

/** Joins per second a sender may send us (burst: JOIN_BURST); a joiner sends one per subcluster per keepalive. */
const JOIN_RATE = 32
const JOIN_BURST = 128
/** Introductions acted on per introducer per keepalive: a hostile introducer cannot fill the table (eclipse). */
const INTROS_PER_KEEPALIVE = 16
/** Traversal pings (hole punch) to one target address per keepalive, and the burst: an introduction cannot aim
 * more than this at an address. A birthday burst goes to one address at most once per RETRY_KEEPALIVES. */
const PROBES_PER_ADDRESS = 64
/** Probe replies (our answers to others' NAT detection, sent to a port the asker names) to one address per
 * keepalive, burst the same. Any signed ping with a fresh identity asks for one, and each answer (a signed pong,
 * 2.2 times the ping's bytes with the main pong) went to whatever port the ping named, with no limit: 400 pings
 * from a stranger drew 400 probe replies (attack "reflection"). An honest asker sends at most a few per attempt. */
const REFLECTIONS_PER_ADDRESS = 64
/** Cached packets sent to one address per keepalive in answer to syncs and questions (burst the same). A sync
 * that says "I hold nothing" (22 bytes) drew up to 1024 packets per bucket, the whole cache, from anyone that had
 * sent one signed ping: 20 of them drew 1.36 MB (attack "sync amplification"). A newcomer catching up on a big
 * cache gets the rest at the next keepalives (about 42 kB/s per address at the defaults). */
const SERVED_PER_ADDRESS = 1024
/** Questions relayed per sender per keepalive (burst the same): a question for a packet nobody holds is flooded
 * to the whole network (once per query id per peer), and a connected stranger sent 400 a second, each relayed
 * to three peers by its first hop (attack "query flood"). An honest peer asks one peer at a time. */
const QUERY_RELAYS_PER_SENDER = 64
/** New identities heard from one address per keepalive (burst: twice that): churned ids from one host. */
const NEW_IDS_PER_ADDRESS = 32
/** Fragments held until their chain vouches for them (see #onPublish), and for how long. */
const HELD_FRAGMENTS = 4096
const HELD_FRAGMENT_MS = 60_000

/** A member tells its kept fellow members which packets it took this long after the first of them (`have`), so
 * that one a push missed (a burst of loss, a NAT mapping that died) asks for it within about a second instead
 * of waiting for a sync (found in the simulator: with 5% burst loss the tail waited 15-100 s for syncs). Late
 * enough that the pushes have arrived first. */
const HAVE_DELAY_MS = 600
/** A packet asked for after a `have` is not asked for again sooner than this (several members tell us at once). */
const ASK_AGAIN_MS = 1000
/** A newcomer that still talks to one peer only this long after its first connection joins its subclusters
 * without its NAT type: detection needs two peers, so with one introducer it cannot start, and waiting for
 * READY_DEADLINE_MS made newcomers miss the first 6-8 s of messages (simulator, one introducer). Detection
 * starts once a second peer answers, and its result is announced in a second join. */
const READY_ALONE_MS = 1500
/** A poorly connected member (see #poorlyConnected) syncs this often while its subclusters are busy (a delivery
 * in the last BUSY_MS) or it is new: its pushes come through few members, and a missed one waited 5 s or more. */
const POOR_SYNC_MS = 2000
const BUSY_MS = 60_000

/** A peer that talks to nobody yet pings its introducers again this long after starting, then at every keepalive
 * check while it still talks to nobody (it waited for its next tick, 30 s). Under burst loss a peer that sends
 * little stays in a burst for several of its own datagrams: a newcomer whose first ping was lost re-pinged once
 * per tick, and in the simulator (all harsh settings) one newcomer reached nobody for 240 s, and what it
 * published reached no one. */
const CONTACT_RETRY_MS = [500, 1000, 2000, 3000, 4000]
/** A ready newcomer that has heard of no fellow member this long after becoming ready sends its joins again (its
 * joins, or the introductions that answer them, were lost; the keepalive check's re-join comes 5 s apart). Under
 * burst loss a peer that sends little stays in a burst for several of its own datagrams: in the simulator a
 * newcomer's joins, one per keepalive check, were all lost for 20 s. */
const JOIN_RETRY_MS = [1000, 2000, 3000, 4000, 5000, 6500, 8000, 10_000]

/** Messages published while no fellow member was connected directly are pushed again, as fresh packets, when the
 * first one connects (at most this many messages, for UNSENT_MS): a sync would carry them too, but as replays,
 * which are never flooded on. In the simulator (all harsh settings) a newcomer's message published before its
 * first pong, or pushed to its introducer alone and lost, took 20-30 s to reach the subscribers. */
const UNSENT_MESSAGES = 16
const UNSENT_MS = 60_000

/** An own message that no fellow member has acknowledged this long after it was published is pushed again (fresh,
 * so that it is flooded on), at each of these delays until one does. Acknowledged: a member relays it back to us
 * (members flood their own subcluster's packets to all their members), tells us it has it (a have), or asks for
 * it. Back-to-back datagrams share a burst of loss, and in the simulator (all harsh settings) a publisher's whole
 * push was lost: it alone held the message, no member could tell another of it, and 40-55 subscribers got it
 * 13-17 s later, when a sync found the publisher. */
const REPUSH_MS = [1200, 2400, 4000, 6000, 9000, 13_000]
/** At most this many own messages wait for an acknowledgement; a longer message is pushed again by its head only
 * (its fragments follow by the reassembly queries). */
const REPUSH_MESSAGES = 16
const REPUSH_PACKETS = 16

/** A kept peer that has not answered a keepalive ping within this long is not counted as live (see #live). */
const PONG_WAIT_MS = 2000

/** A relayed peer is not re-tried for this many keepalives. */
const RETRY_KEEPALIVES = 10

const DEFAULTS: PeerConfig = {
  keepaliveMs: DEFAULT_KEEPALIVE_MS,
  cacheBytes: DEFAULT_CACHE_BYTES,
  maxPeers: DEFAULT_MAX_PEERS,
  fanout: FANOUT,
  maxHops: MAX_HOPS,
  ttlMinutes: DEFAULT_TTL_MINUTES,
  senderRate: 4000,
  subclusterRate: 2000,
  reassemblyBytes: 32 * 1024 * 1024,
  maxConnections: 8,
  birthdaySockets: 256,
  birthdayConcurrency: 2,
  paceBurst: 16,
  paceMs: 4
}

export function newMetrics () {
  return {
    received: 0,
    sent: 0,
    delivered: 0,
    relayed: 0,
    cached: 0,
    queried: 0,
    answered: 0,
    synced: 0,
    dropped: { malformed: 0, rateLimited: 0, forged: 0, duplicate: 0, unopened: 0, unverified: 0, expired: 0, noRoute: 0, handler: 0, stranger: 0, churn: 0 }
  }
}
export type Metrics = ReturnType<typeof newMetrics>

export class Peer extends Emitter<PeerEvents> {
  readonly config: PeerConfig
  readonly identity: KeyPair
  readonly peerId: string
  readonly peers: PeerTable
  readonly cache: RelayCache
  readonly metrics = newMetrics()
  natType: number = NatType.Unknown
  external?: Endpoint
  local?: Endpoint

  readonly #transport: Transport
  readonly #clock: Clock
  readonly #random: RandomSource
  readonly #sigs: Signatures
  readonly #subclusters = new Map<string, Subcluster>()
  readonly #seen: Gate
  readonly #delivered: Gate
  readonly #joins: Gate
  readonly #queries: Gate
  /** Peers greeted (synced with, asked for introductions) on connecting, so that a peer evicted from a full
   * table and re-added at its next ping is not greeted again at once: that loop was a join/sync storm. */
  readonly #greeted: Gate
  readonly #returnRoutes = new Map<string, { to: Endpoint, at: number }>()
  readonly #myQueries = new Map<string, number>()
  readonly #reassembler: Reassembler
  readonly #senderLimit: RateLimiter
  readonly #subclusterLimit: RateLimiter
  readonly #joinLimit: RateLimiter
  readonly #introLimit: RateLimiter
  readonly #probeLimit: RateLimiter
  readonly #newIdLimit: RateLimiter
  readonly #reflectLimit: RateLimiter
  readonly #servedLimit: RateLimiter
  readonly #queryRelayLimit: RateLimiter
  /** Signed pings and pongs already taken (replays are dropped), and the ping ids we sent (a pong answers one). */
  readonly #controlSeen: Gate
  readonly #sentPings: Gate
  /** Packet ids that a verified packet links to (a head's or a vouched fragment's `nextId`). */
  readonly #vouched: Gate
  /** Fragments not vouched for yet, by id, until their predecessor comes. */
  readonly #held = new Map<string, { p: Packet, raw: Uint8Array, from: Endpoint, at: number }>()
  readonly #vouchQueue: Packet[] = []
  #vouching = false
  readonly #birthdayTargets: Gate
  /** Endpoints we pinged because they sent us data without having proved who they are (see #stranger). */
  readonly #strangers: Gate
  readonly #detector: NatDetector
  readonly #bindPort: number
  readonly #bindAddress: string
  #main?: UdpSocketLike
  #probe?: UdpSocketLike
  /** Sends our answers to others' NAT detection (probe replies): from the probe socket they opened our NAT to
   * the askers, and our own detection then took an asker's reply as proof of an open firewall (reflection.ts). */
  #reflector?: UdpSocketLike
  #birthday?: BirthdayTraversal
  #birthdayRuns: number[] = []
  #lastBirthdayAt = -Infinity
  #readyAt: number | undefined
  #timer: TimerHandle | undefined
  #keepAliveTimer: TimerHandle | undefined
  #lastKeepAliveAt = Infinity
  /** The peers #keepAlive pings, chosen at each tick. */
  #kept: RemotePeer[] = []
  #reassemblyTimer: TimerHandle | undefined
  /** Ids of packets taken for our subclusters, waiting to be told to kept members (HAVE_DELAY_MS). */
  #haves: Uint8Array[] = []
  #haveTimer: TimerHandle | undefined
  #asked = new Gate(8192, ASK_AGAIN_MS)
  #firstContact = false
  /** Messages published while no fellow member was connected (see UNSENT_MESSAGES). */
  #unsent: Unsent[] = []
  /** Own messages not acknowledged by a fellow member yet (see REPUSH_MS), oldest first. */
  readonly #unacked = new Map<string, Unacked>()
  #poorSyncTimer: TimerHandle | undefined
  #lastDeliveryAt = -Infinity
  #ticks = 0
  #started = false
  #closed = false
  #ready = false
  readonly #startedAt: number

  constructor (opts: PeerOptions) {
    super()
    this.config = { ...DEFAULTS, ...opts.config }
    if (this.config.maxHops > MAX_HOPS) throw new PeerInputError(`maxHops may be at most ${MAX_HOPS}`)
    this.#transport = opts.transport
    this.#clock = opts.clock
    this.#random = opts.random
    this.#sigs = opts.signatures ?? nobleSignatures
    this.#bindPort = opts.port ?? 0
    this.#bindAddress = opts.address ?? '0.0.0.0'
    const seed = opts.state ? fromBase64(opts.state.identitySeed) : (opts.identitySeed ?? this.#random.bytes(32))
    this.identity = keyPairFromSeed(seed)
    this.peerId = toHex(this.identity.publicKey)
    this.peers = new PeerTable(this.config.maxPeers, p => (p.connected || p.proxy ? 1 : 0) + (this.#keepRank(p) === 2 ? 2 : 0))
    this.cache = new RelayCache(this.config.cacheBytes)
    const lifetimeMs = this.config.ttlMinutes * 60_000 * 2
    this.#seen = new Gate(65536, lifetimeMs)
    this.#delivered = new Gate(65536, lifetimeMs)
    this.#joins = new Gate(8192, this.config.keepaliveMs * 2)
    this.#queries = new Gate(8192, QUERY_MAX_AGE_MS)
    this.#greeted = new Gate(8192, this.config.keepaliveMs * RETRY_KEEPALIVES)
    this.#reassembler = new Reassembler(this.config.reassemblyBytes, 60_000)
    this.#senderLimit = new RateLimiter(this.config.senderRate, this.config.senderRate * 2)
    this.#subclusterLimit = new RateLimiter(this.config.subclusterRate, this.config.subclusterRate * 2)
    const perKeepalive = 1000 / this.config.keepaliveMs
    this.#joinLimit = new RateLimiter(JOIN_RATE, JOIN_BURST)
    this.#introLimit = new RateLimiter(INTROS_PER_KEEPALIVE * perKeepalive, INTROS_PER_KEEPALIVE)
    this.#probeLimit = new RateLimiter(PROBES_PER_ADDRESS * perKeepalive, PROBES_PER_ADDRESS)
    this.#newIdLimit = new RateLimiter(NEW_IDS_PER_ADDRESS * perKeepalive, NEW_IDS_PER_ADDRESS * 2)
    this.#reflectLimit = new RateLimiter(REFLECTIONS_PER_ADDRESS * perKeepalive, REFLECTIONS_PER_ADDRESS)
    this.#servedLimit = new RateLimiter(SERVED_PER_ADDRESS * perKeepalive, SERVED_PER_ADDRESS)
    this.#queryRelayLimit = new RateLimiter(QUERY_RELAYS_PER_SENDER * perKeepalive, QUERY_RELAYS_PER_SENDER)
    this.#controlSeen = new Gate(65536, CONTROL_FRESH_MS * 2)
    this.#sentPings = new Gate(65536, this.config.keepaliveMs * 2)
    this.#vouched = new Gate(65536, lifetimeMs)
    this.#birthdayTargets = new Gate(1024, this.config.keepaliveMs * RETRY_KEEPALIVES)
    this.#strangers = new Gate(4096, this.config.keepaliveMs / 6)
    this.#startedAt = this.#clock.now()
    this.#detector = new NatDetector({
      clock: this.#clock,
      random: this.#random,
      sendPing: (socket, to, pingId, reflection, probePort) => {
        const flags = socket === 'probe' ? PingFlag.Probe : PingFlag.Reflection
        const body = encodePing({ peerId: this.identity.publicKey, natType: this.natType, flags: reflection ? flags : PingFlag.Probe, pingId, probePort })
        this.#sendRaw(socket === 'probe' ? this.#probe : this.#main, to, this.#signedPing(body))
      },
      done: (result) => this.#onDetected(result)
    })
    for (const e of opts.bootstrap ?? []) this.peers.introducers.set(endpointKey(e), e)
    if (opts.state) this.#restore(opts.state)
  }

  // ─── lifecycle ──────────────────────────────────────────────────────────────────────────────────────

  async start (): Promise<void> {
    if (this.#started) return
    this.#started = true
    this.#main = this.#transport.createSocket()
    this.#probe = this.#transport.createSocket()
    this.#main.onMessage((d, from) => this.#receive(d, from, 'main'))
    this.#probe.onMessage((d, from) => this.#receive(d, from, 'probe'))
    this.local = await this.#main.bind(this.#bindPort, this.#bindAddress)
    await this.#probe.bind(0, this.#bindAddress)
    this.#reflector = this.#transport.createSocket()
    this.#reflector.onMessage(() => {}) // nobody answers a probe reply
    await this.#reflector.bind(0, this.#bindAddress)
    if (this.config.natType !== undefined) this.#onDetected({ natType: this.config.natType, external: this.local })
    this.#contactAll()
    for (const ms of CONTACT_RETRY_MS) this.#clock.setTimeout(() => this.#contactIfAlone(), ms)
    this.#schedule()
    this.#keepAliveTimer = this.#clock.setTimeout(() => this.#keepAlive(), this.config.keepaliveMs / 6)
    this.#poorSyncTimer = this.#clock.setTimeout(() => this.#poorSync(), POOR_SYNC_MS * (1 + this.#random.float()))
    this.#clock.setTimeout(() => {
      if (this.#ready) return
      this.#becomeReady()
      for (const sc of this.#subclusters.values()) this.#announceJoin(sc)
    }, READY_DEADLINE_MS)
  }

  close (): void {
    if (this.#closed) return
    this.#closed = true
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer)
    if (this.#keepAliveTimer !== undefined) this.#clock.clearTimeout(this.#keepAliveTimer)
    if (this.#reassemblyTimer !== undefined) this.#clock.clearTimeout(this.#reassemblyTimer)
    if (this.#haveTimer !== undefined) this.#clock.clearTimeout(this.#haveTimer)
    if (this.#poorSyncTimer !== undefined) this.#clock.clearTimeout(this.#poorSyncTimer)
    this.#detector.stop()
    this.#birthday?.close()
    this.#main?.close()
    this.#probe?.close()
    this.#reflector?.close()
  }

  addPeer (e: Endpoint): void {
    this.peers.introducers.set(endpointKey(e), e)
    if (this.#started) this.#ping(e, PingFlag.Connection)
  }

  // ─── app-facing operations ───────────────────────────────────────────────────────────────────────────

  join (sharedKey: Uint8Array | string): { id: Uint8Array, idHex: string } {
    const keys = subclusterKeys(sharedKey)
    const idHex = toHex(keys.publicKey)
    if (!this.#subclusters.has(idHex)) {
      this.#subclusters.set(idHex, { keys, idHex, proof: membershipProof(keys, this.identity.publicKey, this.#sigs) })
      this.cache.adopt(idHex)
      this.#refreshMembership()
      if (this.#ready) this.#announceJoin(this.#subclusters.get(idHex) as Subcluster)
    }
    return { id: keys.publicKey, idHex }
  }

  leave (subclusterIdHex: string): void {
    this.#subclusters.delete(subclusterIdHex)
    this.#refreshMembership()
  }

  /** Publishes `data` to a subcluster this peer joined. Returns the message id (hex). */
  publish (subcluster: Uint8Array | string, data: Uint8Array, opts: { previousId?: string, to?: string } = {}): string {
    const sc = this.#subclusterFor(subcluster)
    const payload = sealEnvelope(data, this.identity, sc.keys.publicKey, sc.keys.boxPublicKey, this.#random, this.#sigs)
    const { messageId, packets } = buildMessage({
      type: PacketType.Publish,
      payload,
      timestamp: this.#seconds(),
      ttl: this.config.ttlMinutes,
      subclusterId: sc.keys.publicKey,
      previousId: opts.previousId ? this.#id16(opts.previousId) : undefined,
      signer: sc.keys,
      signatures: this.#sigs
    })
    const idHex = toHex(messageId)
    this.#delivered.add(idHex, this.#clock.now())
    const targets = this.#fanoutTargets(sc.idHex, undefined, opts.to, undefined, true)
    const sends = packets.map(p => {
      const id = toHex(packetId(p))
      this.#seen.add(id, this.#clock.now())
      this.#cacheInsert(p, id)
      return { targets, bytes: encodePacket(p) }
    })
    this.#paced(sends)
    this.#lastDeliveryAt = this.#clock.now() // our subcluster is busy (see BUSY_MS)
    if (!targets.some(t => t.subclusters.has(sc.idHex)) && this.#unsent.length < UNSENT_MESSAGES) {
      this.#unsent.push({ scHex: sc.idHex, to: opts.to, at: this.#clock.now(), sends })
    }
    this.#awaitAck(toHex(packetId(packets[0])), { scHex: sc.idHex, to: opts.to, packets: sends.map(s => s.bytes) })
    return idHex
  }

  /** Sends `data` to one peer only, sealed for it; relayed through a third peer when needed. */
  stream (peerIdHex: string, data: Uint8Array): string {
    if (!/^[0-9a-fA-F]{64}$/.test(peerIdHex)) throw new PeerInputError(`a peer id is 32 bytes (64 hex characters), got "${peerIdHex.slice(0, 80)}"`)
    const to = fromHex(peerIdHex)
    let boxKey: Uint8Array
    try { boxKey = boxKeyOf(to) } catch { throw new PeerInputError(`"${peerIdHex}" is not a valid peer id (not an Ed25519 public key)`) }
    const payload = sealEnvelope(data, this.identity, to, boxKey, this.#random, this.#sigs)
    const { messageId, packets } = buildMessage({
      type: PacketType.Stream, payload, timestamp: this.#seconds(), ttl: this.config.ttlMinutes, to, from: this.identity.publicKey, signer: this.identity, signatures: this.#sigs
    })
    const route = this.#routeTo(peerIdHex)
    const targets = route ? [route] : this.#fanoutTargets(undefined)
    this.#paced(packets.map(p => {
      this.#seen.add(toHex(packetId(p)), this.#clock.now())
      return { targets, bytes: encodePacket(p) }
    }))
    return toHex(messageId)
  }

  /** Asks the network for a packet by id; an answer is handled as if the packet had arrived. */
  query (packetIdHex: string): void {
    this.#ask({ kind: 'question', queryId: this.#random.bytes(8), packetId: this.#id16(packetIdHex) })
  }

  #ask (q: Query): void {
    const qHex = toHex(q.queryId)
    this.#myQueries.set(qHex, this.#clock.now())
    this.#queries.add(qHex, this.#clock.now())
    this.metrics.queried++
    const bytes = encodePacket(this.#control(PacketType.Query, encodeQuery(q)))
    // One random peer first (most peers cache what they relayed); it spreads the question only if it must.
    for (const t of this.#pick(this.#fanoutTargets(undefined), 1)) this.#sendTo(t, bytes)
  }

  getState (): PeerState {
    const peers = [...this.peers.values()].filter(p => p.lastSeen > 0).map(p => ({ id: p.idHex, address: p.address, port: p.port, natType: p.natType }))
    return {
      version: STATE_VERSION,
      identitySeed: toBase64(this.identity.secretKey),
      subclusters: [...this.#subclusters.values()].map(s => toBase64(s.keys.secretKey)),
      introducers: [...this.peers.introducers.values()],
      peers,
      cache: [...this.cache.entries()].map(e => toBase64(e.bytes)),
      natType: this.natType
    }
  }

  get subclusters (): string[] { return [...this.#subclusters.keys()] }
  get ready (): boolean { return this.#ready }

  // ─── receiving ────────────────────────────────────────────────────────────────────────────────────────

  #receive (data: Uint8Array, from: Endpoint, socket: 'main' | 'probe' | UdpSocketLike): void {
    if (this.#closed) return
    this.metrics.received++
    try {
      const key = endpointKey(from)
      if (!this.#senderLimit.allow(key, this.#clock.now())) { this.metrics.dropped.rateLimited++; return }
      const p = decodePacket(data)
      const known = this.peers.byKey(key)
      // Pings, pongs and joins say who sent them, and #heard decides whether that is the peer we know here.
      if (known?.connected && p.type > PacketType.Join) known.lastSeen = this.#clock.now()
      this.#dispatch(p, data, from, socket, known, key)
    } catch (err) {
      if (err instanceof PacketDecodeError) { this.metrics.dropped.malformed++; return }
      this.metrics.dropped.handler++
      this.emit('error', err)
    }
  }

  /** `known` is the peer we know at `from` (its key `fromKey`), if any, for the handlers that can use it. */
  #dispatch (p: Packet, raw: Uint8Array, from: Endpoint, socket: 'main' | 'probe' | UdpSocketLike, known?: RemotePeer, fromKey?: string): void {
    switch (p.type) {
      case PacketType.Ping: return this.#onPing(p, from, socket, known, fromKey)
      case PacketType.Pong: return this.#onPong(p, from, socket, known, fromKey)
      case PacketType.Join: return this.#onJoin(p, from, socket, known, fromKey)
    }
    // Everything else is taken only from a peer that proved its identity (a signed ping or pong) at this endpoint.
    if (!known?.connected || known.proxy) { this.#stranger(from, fromKey ?? endpointKey(from)); return }
    switch (p.type) {
      case PacketType.Intro: return this.#onIntro(p, from)
      case PacketType.Publish: return this.#onPublish(p, raw, from, fromKey ?? endpointKey(from))
      case PacketType.Stream: return this.#onStream(p, raw, from)
      case PacketType.Sync: return this.#onSync(p, from)
      case PacketType.Query: return this.#onQuery(p, from, known, fromKey)
    }
  }

  /**
   * A packet from an endpoint that has not proved who it is here is dropped unread. Often it is a peer that still
   * counts us as connected after we forgot it (a full table, a long silence): one signed ping, at most once per
   * endpoint per keepalive check and within the address's probe budget, lets it prove itself, and its next
   * packets are taken. (Dropping alone cut reach with small tables to two thirds.)
   */
  #stranger (from: Endpoint, fromKey: string): void {
    this.metrics.dropped.stranger++
    const now = this.#clock.now()
    if (this.#strangers.add(fromKey, now) && this.#probeLimit.allow(from.address, now)) this.#ping(from, PingFlag.Connection)
  }

  /** A ping, pong or join signed by the identity it names, within the replay window, and not seen before. */
  #authentic (p: Packet, signer: Uint8Array, nonce: string): boolean {
    const now = this.#clock.now()
    if (Math.abs(p.timestamp * 1000 - now) > CONTROL_FRESH_MS) { this.metrics.dropped.expired++; return false }
    if (!p.sig || !this.#sigs.verify(p.sig, encodePacket(p, true), signer)) { this.metrics.dropped.forged++; return false }
    if (!this.#controlSeen.add(nonce, now)) { this.metrics.dropped.duplicate++; return false }
    return true
  }

  #onPing (p: Packet, from: Endpoint, socket: 'main' | 'probe' | UdpSocketLike, known?: RemotePeer, fromKey?: string): void {
    const ping = decodePing(p.message)
    if (equal(ping.peerId, this.identity.publicKey)) return
    if (!this.#authentic(p, ping.peerId, `i${toHex(ping.pingId)}${toHex(ping.peerId)}`)) return
    const pong = { peerId: this.identity.publicKey, natType: this.natType, flags: 0, pingId: ping.pingId, probePort: 0, address: from.address, port: from.port }
    const reply = typeof socket === 'string' ? (socket === 'probe' ? this.#probe : this.#main) : socket
    this.#sendRaw(reply, from, this.#signed(this.#control(PacketType.Pong, encodePong(pong))))
    if (known !== undefined && reply === this.#socketFor(known)) known.lastSent = this.#clock.now()
    if (ping.flags & PingFlag.Reflection && ping.probePort > 0 && this.#reflectLimit.allow(from.address, this.#clock.now())) {
      // The second half of reflection: a pong from another of our sockets tells the asker what its firewall lets in.
      const probe = { ...pong, flags: PingFlag.ProbeReply }
      this.#sendRaw(this.#reflector, { address: from.address, port: ping.probePort }, this.#signed(this.#control(PacketType.Pong, encodePong(probe))))
    }
    if (ping.flags & PingFlag.Probe) return // from a probe socket: not the asker's real endpoint
    this.#heard(ping.peerId, ping.natType, from, socket, known, fromKey)
  }

  #onPong (p: Packet, from: Endpoint, socket: 'main' | 'probe' | UdpSocketLike, known?: RemotePeer, fromKey?: string): void {
    const pong = decodePong(p.message)
    const probeReply = (pong.flags & PingFlag.ProbeReply) !== 0
    // A pong answers a ping we sent, once (per kind): a replayed or unsolicited one is dropped.
    const pingHex = toHex(pong.pingId)
    if (!this.#sentPings.has(pingHex, this.#clock.now())) { this.metrics.dropped.stranger++; return }
    if (!this.#authentic(p, pong.peerId, `o${pingHex}${pong.flags}`)) return
    if (typeof socket === 'string' && this.#detector.onPong(socket, pong, probeReply) && (socket === 'probe' || probeReply)) return
    if (probeReply || socket === 'probe') return
    if (!this.external && socket === 'main') this.external = { address: pong.address, port: pong.port }
    this.#heard(pong.peerId, pong.natType, from, socket, known, fromKey, true)
  }

  /** A direct packet from a peer that told us its id: it is connected. `known`: the peer we know at `from`,
   * usually the one speaking (then no hex id is built and looked up: this runs for every ping and pong).
   * `answered`: a pong to our own ping, which only that peer, at `from`, can have sent. */
  #heard (id: Uint8Array, natType: number, from: Endpoint, socket: 'main' | 'probe' | UdpSocketLike, known?: RemotePeer, fromKey = endpointKey(from), answered = false): void {
    const same = known !== undefined && hexEquals(known.idHex, id)
    const idHex = same ? known.idHex : toHex(id)
    const now = this.#clock.now()
    // One endpoint speaks for one identity until that identity is forgotten: a different id at an endpoint is
    // refused meanwhile (id churn), and an address may bring only so many new ids per keepalive.
    if (known !== undefined && !same && known.lastSeen > 0 && now - known.lastSeen <= this.config.keepaliveMs * EXPIRE_KEEPALIVES) { this.metrics.dropped.churn++; return }
    let peer = same ? known : this.peers.get(idHex)
    if (!peer && !this.#newIdLimit.allow(from.address, now)) { this.metrics.dropped.churn++; return }
    const isIntroducer = this.peers.introducers.has(fromKey)
    if (!peer) {
      peer = this.#newPeer(idHex, from, natType)
      this.peers.upsert(peer)
    } else if (peer.address !== from.address || peer.port !== from.port) {
      // A signed ping or join names no destination, so one sent to another peer can be replayed here from any
      // socket for five minutes (attack "replay"): a peer connected elsewhere moves only once our own ping,
      // sent to the new endpoint, is answered from there (a NAT that re-mapped it costs one round trip).
      if (!answered && peer.connected && !peer.proxy) {
        const reply = typeof socket === 'string' ? (socket === 'probe' ? this.#probe : this.#main) : socket
        if (this.#strangers.add(fromKey, now) && this.#probeLimit.allow(from.address, now)) this.#sendRaw(reply, from, this.#signedPing(this.#pingBody(PingFlag.Connection)))
        return
      }
      this.peers.moveEndpoint(peer, from)
    }
    peer.natType = natType
    peer.lastSeen = now
    if (isIntroducer) peer.introducer = true
    if (typeof socket !== 'string') peer.socket = socket
    if (!peer.connected) {
      peer.connected = true
      peer.proxy = undefined
      // Introduced peers are labelled by their NAT pair (both types are known by now); others were direct.
      peer.strategy = peer.strategy === undefined ? 'direct' : connectionStrategy(this.natType, natType)
      this.emit('connection', { peerId: idHex, strategy: peer.strategy, state: 'connected' })
      if (this.natType === NatType.Unknown) this.#detect()
      if (!this.#firstContact) this.#onFirstContact(peer)
      if (this.#unsent.length > 0 && peer.member) this.#sendUnsent()
      for (const sc of this.#subclusters.values()) if (peer.subclusters.has(sc.idHex)) this.#tellMembership(peer, sc)
      if (this.#greeted.add(idHex, now)) {
        if (this.cache.size > 0) this.#sync(peer, '') // an empty cache has nothing to offer; the other side asks
        // A new connection is asked for introductions only while we know too few members: otherwise every
        // introduction would bring more, until everyone knew everyone.
        if (this.#ready) for (const sc of this.#subclusters.values()) if (this.#fewMembers(sc)) this.#sendJoin(sc, peer)
      }
    }
  }

  #onIntro (p: Packet, from: Endpoint): void {
    const intro = decodeIntro(p.message)
    const idHex = toHex(intro.peerId)
    if (idHex === this.peerId) return
    const introducer = this.peers.byEndpoint(from)
    if (!introducer?.connected) return // intros only count from peers we talk to
    // Only introductions into a subcluster we are in, of a peer that proves it is a member (a proof only key
    // holders can make), and only so many per introducer: a hostile introducer can neither aim our traversal
    // at strangers nor fill our table (the attacks "amplification" and "eclipse" in docs/protocol.md).
    if (!p.subclusterId || !this.#subclusters.has(toHex(p.subclusterId))) { this.metrics.dropped.unverified++; return }
    if (!intro.proof || !verifyMembership(intro.proof, p.subclusterId, intro.peerId, this.#sigs)) { this.metrics.dropped.forged++; return }
    const now = this.#clock.now()
    if (!this.#introLimit.allow(introducer.idHex, now)) { this.metrics.dropped.rateLimited++; return }
    let peer = this.peers.get(idHex)
    const scHex = toHex(p.subclusterId)
    // (An introduction of the introducer itself is a fellow member telling us it is one: not told back.)
    if (peer) this.#addMember(peer, scHex, intro.proof, peer !== introducer)
    if (peer?.connected) return
    // A peer we already tried (and relay to) is not tried again the same way for a while: re-joins
    // re-introduce it often. Better information (a NAT type learned since) gives it a new try, except after
    // a birthday attempt, the costliest.
    const strategy = connectionStrategy(this.natType, intro.natType)
    if (peer?.attemptedAt !== undefined && (peer.tried === strategy || peer.tried === 'birthday') && now - peer.attemptedAt < this.config.keepaliveMs * RETRY_KEEPALIVES) return
    if (!peer) {
      peer = this.#newPeer(idHex, intro, intro.natType)
      this.peers.upsert(peer)
    } else {
      this.peers.moveEndpoint(peer, intro)
      peer.natType = intro.natType
    }
    peer.attemptedAt = now
    this.#addMember(peer, scHex, intro.proof)
    peer.strategy = strategy
    peer.tried = strategy
    const target = peer
    const fallback = (): void => {
      if (target.connected || this.#closed) return
      target.proxy = introducer.idHex
      target.strategy = 'relay'
      target.lastSeen = this.#clock.now()
      this.emit('connection', { peerId: idHex, strategy: 'relay', state: 'relayed' })
    }
    if (strategy === 'relay' || (strategy === 'birthday' && (!this.#birthdayWorthIt(scHex, now) || !this.#birthdayTargets.add(intro.address, now)))) return fallback()
    if (strategy === 'birthday') {
      this.#birthdayRuns.push(now + BirthdayTraversal.DEADLINE_MS)
      this.#lastBirthdayAt = now
      this.#birthday ??= new BirthdayTraversal({
        transport: this.#transport,
        clock: this.#clock,
        random: this.#random,
        poolSize: this.config.birthdaySockets,
        ping: (socket, to, bytes) => this.#sendBytes(socket, to, bytes),
        receive: (d, f, s) => this.#receive(d, f, s)
      })
      // One signed ping for the whole burst: the other side takes the first copy that gets through.
      const ping = encodePacket(this.#signedPing(this.#pingBody(PingFlag.Connection)))
      const symmetric = natName(this.natType) === 'symmetric'
      if (symmetric) this.#birthday.connect(intro, ping, () => target.connected)
      else this.#birthday.open(intro, (port) => this.#sendBytes(this.#main, port, ping))
      for (const ms of PING_RETRY_MS) this.#clock.setTimeout(() => { if (!target.connected) this.#probePing(intro) }, ms)
      this.#clock.setTimeout(fallback, BirthdayTraversal.DEADLINE_MS)
      return
    }
    for (const ms of PING_RETRY_MS) this.#clock.setTimeout(() => { if (!target.connected && !this.#closed) this.#probePing(intro) }, ms)
    this.#clock.setTimeout(fallback, INTRO_FALLBACK_MS + PING_RETRY_MS[PING_RETRY_MS.length - 1])
  }

  #onJoin (p: Packet, from: Endpoint, socket: 'main' | 'probe' | UdpSocketLike, known: RemotePeer | undefined, fromKey = endpointKey(from)): void {
    if (!p.subclusterId) throw new PacketDecodeError('EFIELD', 'a join names its subcluster')
    const now = this.#clock.now()
    // Limited per sender, never per the subcluster the join names: subcluster ids cost an attacker nothing.
    if (!this.#joinLimit.allow(fromKey, now)) { this.metrics.dropped.rateLimited++; return }
    const join = decodeJoin(p.message)
    const joinerHex = toHex(join.peerId)
    if (joinerHex === this.peerId) return
    const scHex = toHex(p.subclusterId)
    const firstHop = p.hops === 0
    // A join straight from the joiner (or a rendezvous request) is signed by it; a relayed one comes from a peer
    // that proved its identity. Either way the member named must prove it holds the subcluster's key.
    if (firstHop ? !this.#authentic(p, join.peerId, `j${toHex(join.peerId)}${scHex}${p.timestamp}`) : !known?.connected) {
      if (!firstHop) this.metrics.dropped.stranger++
      return
    }
    if (!join.proof || !verifyMembership(join.proof, p.subclusterId, join.peerId, this.#sigs)) { this.metrics.dropped.forged++; return }
    if (firstHop) { join.address = from.address; join.port = from.port }
    // A join straight from the joiner is contact, as a ping is: a busy peer (an introducer with a full table)
    // may have forgotten the joiner since its last ping, and would otherwise ignore the join it came to make.
    if (firstHop && !p.to) this.#heard(join.peerId, join.natType, from, socket, known, fromKey)
    if (p.to) {
      // A rendezvous request: the sender is a member who heard of the joiner through us; introduce the two.
      const joiner = this.peers.get(toHex(p.to))
      const sender = this.peers.byEndpoint(from)
      if (sender?.connected && hexEquals(sender.idHex, join.peerId)) {
        this.#addMember(sender, scHex, join.proof)
        if (joiner?.connected) this.#introduce(joiner, sender, p.subclusterId)
      }
      return
    }
    if (!this.#joins.add(`${joinerHex}/${scHex}/${p.timestamp}`, now)) return
    // A joiner heard of through a forwarded join is not added to the table: in a full table it would evict a
    // connected peer, which re-connects, is greeted, asks for joins… (the storm). The intro that follows the
    // rendezvous below adds it.
    const joiner = this.peers.get(joinerHex)
    if (!joiner && !firstHop && p.hops === 1 && this.#subclusters.has(scHex)) this.#askRendezvous(p, join, from)
    if (joiner) {
      // The joiner knows its NAT type best (ours may be from a ping sent before its detection finished).
      if (join.natType !== NatType.Unknown) joiner.natType = join.natType
      this.#addMember(joiner, scHex, join.proof)
      if (joiner.connected) {
        let introduced = 0
        for (const member of this.#shuffle([...this.peers.values()])) {
          if (introduced >= this.config.fanout) break
          if (member === joiner || !member.connected || member.proxy || !member.subclusters.has(scHex)) continue
          this.#introduce(joiner, member, p.subclusterId)
          introduced++
        }
      } else if (p.hops === 1 && this.#subclusters.has(scHex)) {
        this.#askRendezvous(p, join, from)
      }
    }
    if (p.hops + 1 < JOIN_RELAY_HOPS && p.hops + 1 <= this.config.maxHops) {
      // Forwarded without the joiner's signature (a relayed join is taken on the relay's word, not on it): with
      // it, any peer the join passed through could send it on as the joiner's own (hops 0) for five minutes,
      // and a peer that did not know the joiner bound the joiner's id, and membership, to the replayer's socket
      // (attack "join replay").
      const fwd = { ...p, hops: p.hops + 1, sig: undefined, message: encodeJoin(join) }
      const bytes = encodePacket(fwd)
      for (const t of this.#fanoutTargets(scHex, from, undefined, joinerHex)) this.#sendTo(t, bytes)
    }
  }

  /** We are a member the joiner does not know: ask the first hop, who knows both, to introduce us. */
  #askRendezvous (p: Packet, join: { peerId: Uint8Array }, from: Endpoint): void {
    const sc = this.#subclusters.get(toHex(p.subclusterId as Uint8Array))
    if (!sc) return
    const rendezvous = this.#control(PacketType.Join, encodeJoin(this.#selfIntro(sc)))
    rendezvous.subclusterId = p.subclusterId
    rendezvous.to = join.peerId
    rendezvous.from = this.identity.publicKey
    this.#sendRaw(this.#main, from, this.#signed(rendezvous))
  }

  /** Tells `a` and `b` about each other, as members of the subcluster `subclusterId` (in the header). */
  #introduce (a: RemotePeer, b: RemotePeer, subclusterId: Uint8Array): void {
    const scHex = toHex(subclusterId)
    const proofA = a.proofs?.get(scHex)
    const proofB = b.proofs?.get(scHex)
    if (!proofA || !proofB) return // we cannot vouch for a membership we did not see proven
    for (const [to, about, proof] of [[a, b, proofB], [b, a, proofA]] as const) {
      const intro = this.#control(PacketType.Intro, encodeIntro({ peerId: fromHex(about.idHex), natType: about.natType, address: about.address, port: about.port, proof }))
      intro.subclusterId = subclusterId
      this.#sendRaw(this.#socketFor(to), to, intro)
    }
  }

  /**
   * A publish packet is stored and relayed only once verified: a head by the subcluster's signature, a fragment
   * by the chain — its id must be the `nextId` of a packet already verified (the head vouches for fragment 1,
   * fragment 1 for fragment 2…). A fragment that comes before its predecessor is held, neither cached nor
   * relayed, until the predecessor vouches for it; a forged one never is.
   */
  #onPublish (p: Packet, raw: Uint8Array, from: Endpoint, fromKey: string): void {
    if (!p.subclusterId) throw new PacketDecodeError('EFIELD', 'a publish packet names its subcluster')
    if (p.to) throw new PacketDecodeError('EFIELD', 'a publish packet has no route fields')
    const now = this.#clock.now()
    const idHex = toHex(packetId(p))
    if (this.#seen.has(idHex, now) || this.cache.has(idHex) || this.#held.has(idHex)) {
      this.metrics.dropped.duplicate++
      // A member relayed our message back: acknowledged. Only a member's echo counts: any connected peer (one
      // signed ping makes anyone that) gets our pushes as a fan-out relay, and its echo stopped the re-push.
      if (this.#unacked.size > 0 && !p.replay && this.peers.byKey(fromKey)?.subclusters.has(toHex(p.subclusterId)) === true) this.#unacked.delete(idHex)
      return
    }
    if (this.#expired(p, now)) { this.metrics.dropped.expired++; return }
    if (p.index > 0 && !p.previousId) throw new PacketDecodeError('EFIELD', 'a fragment links to its message head')
    if (!p.replay && !this.#subclusterLimit.allow(fromKey, now)) { this.metrics.dropped.rateLimited++; return }
    if (p.index === 0) {
      if (!p.sig || !this.#sigs.verify(p.sig, encodePacket(p, true), p.subclusterId)) { this.metrics.dropped.forged++; return }
    } else if (!this.#vouched.has(idHex, now)) {
      this.#hold(p, raw, from, idHex, now)
      return
    }
    this.#acceptPublish(p, raw, from, idHex, now)
  }

  #hold (p: Packet, raw: Uint8Array, from: Endpoint, idHex: string, now: number): void {
    this.#held.set(idHex, { p, raw: raw.slice(), from, at: now })
    if (this.#held.size > HELD_FRAGMENTS) this.#held.delete(this.#held.keys().next().value as string)
    // A member still wants the message: its head is asked for once the message stalls.
    if (p.subclusterId && this.#subclusters.has(toHex(p.subclusterId)) && p.previousId) {
      this.#reassembler.expect(toHex(p.previousId), now)
      this.#armReassembly()
    }
  }

  /** A verified packet vouches for the next one in its chain; a held successor is taken now, and so on down the
   * chain — in a loop, not by recursion: a 64 MiB message is a chain of 65,535 packets. */
  #vouch (p: Packet, now: number): void {
    this.#vouchQueue.push(p)
    if (this.#vouching) return
    this.#vouching = true
    try {
      for (let q = this.#vouchQueue.pop(); q !== undefined; q = this.#vouchQueue.pop()) {
        if (!q.nextId) continue
        const next = toHex(q.nextId)
        this.#vouched.add(next, now)
        const held = this.#held.get(next)
        if (!held) continue
        this.#held.delete(next)
        if (held.p.type === PacketType.Publish) this.#acceptPublish(held.p, held.raw, held.from, next, now)
        else this.#acceptStream(held.p, held.raw, next, now)
      }
    } finally {
      this.#vouching = false
      this.#vouchQueue.length = 0
    }
  }

  #acceptPublish (p: Packet, raw: Uint8Array, from: Endpoint, idHex: string, now: number): void {
    const scHex = toHex(p.subclusterId as Uint8Array)
    this.#seen.add(idHex, now)
    this.#cacheInsert(p, idHex, raw)
    const sc = this.#subclusters.get(scHex)
    if (sc) {
      const done = this.#reassembler.add(p, idHex, now)
      if (done) this.#deliverPublish(sc, done.messageId, done.head, done.payload)
      else if (p.count > 1) this.#armReassembly()
      // Heads only: one that lacks a head asks for it, and its missing fragments follow by the reassembly
      // queries (a have per fragment of a 1 MB message was a thousand questions racing the fragments).
      if (p.index === 0) this.#noteHave(idHex)
    }
    this.#vouch(p, now)
    if (!p.replay && p.hops < this.config.maxHops) {
      this.metrics.relayed++
      const bytes = withHops(raw, p.hops + 1)
      for (const t of this.#fanoutTargets(scHex, from, undefined, undefined, sc !== undefined)) this.#sendTo(t, bytes)
    }
  }

  #deliverPublish (sc: Subcluster, messageId: string, head: Packet, payload: Uint8Array): void {
    if (!this.#delivered.add(messageId, this.#clock.now())) return
    const opened = openEnvelope(payload, sc.keys, sc.keys.publicKey, this.#sigs)
    if (!opened.ok) { this.metrics.dropped[opened.reason]++; return }
    this.metrics.delivered++
    this.#lastDeliveryAt = this.#clock.now()
    this.emit('packet', {
      subclusterId: sc.idHex,
      messageId,
      data: opened.data,
      author: toHex(opened.author),
      previousId: head.previousId ? toHex(head.previousId) : undefined,
      timestamp: head.timestamp
    })
  }

  /** Streams are verified as publish packets are (a signed head, fragments vouched for by the chain). */
  #onStream (p: Packet, raw: Uint8Array, from: Endpoint): void {
    if (!p.to || !p.from) throw new PacketDecodeError('EFIELD', 'a stream packet carries to and from')
    const now = this.#clock.now()
    const idHex = toHex(packetId(p))
    if (this.#seen.has(idHex, now) || this.#held.has(idHex)) { this.metrics.dropped.duplicate++; return }
    if (this.#expired(p, now)) { this.metrics.dropped.expired++; return }
    if (p.index === 0 && (!p.sig || !this.#sigs.verify(p.sig, encodePacket(p, true), p.from))) { this.metrics.dropped.forged++; return }
    if (p.index > 0 && !p.previousId) throw new PacketDecodeError('EFIELD', 'a fragment links to its message head')
    if (p.index > 0 && !this.#vouched.has(idHex, now)) { this.#hold(p, raw, from, idHex, now); return }
    this.#acceptStream(p, raw, idHex, now)
  }

  #acceptStream (p: Packet, raw: Uint8Array, idHex: string, now: number): void {
    this.#seen.add(idHex, now)
    this.#vouch(p, now)
    const toHex_ = toHex(p.to as Uint8Array)
    if (toHex_ !== this.peerId) {
      const route = this.#routeTo(toHex_)
      if (!route || p.hops >= this.config.maxHops) { this.metrics.dropped.noRoute++; return }
      this.metrics.relayed++
      this.#sendTo(route, withHops(raw, p.hops + 1))
      return
    }
    const done = this.#reassembler.add(p, idHex, now)
    if (!done) { if (p.count > 1) this.#armReassembly(); return }
    if (!this.#delivered.add(done.messageId, now)) return
    const opened = openEnvelope(done.payload, this.identity, this.identity.publicKey, this.#sigs)
    if (!opened.ok) { this.metrics.dropped[opened.reason]++; return }
    if (!equal(opened.author, p.from as Uint8Array)) { this.metrics.dropped.unverified++; return }
    this.metrics.delivered++
    this.emit('stream', { from: toHex(opened.author), messageId: done.messageId, data: opened.data })
  }

  #onSync (p: Packet, from: Endpoint): void {
    const peer = this.peers.byEndpoint(from)
    if (!peer?.connected) return
    const m = decodeSync(p.message)
    if (m.kind === 'have') return this.#onHave(peer, m.ids)
    if (m.kind === 'summary') {
      const local = this.cache.summarize(m.prefix)
      for (let i = 0; i < 16; i++) {
        const r = m.buckets[i]
        const l = local[i]
        if ((r === null && l === null) || (r && l && equal(r, l))) continue
        const sub = m.prefix + i.toString(16)
        if (l === null) this.#sendSync(peer, { kind: 'ids', prefix: sub, reply: false, ids: [] })
        else if (r === null) this.#sendPackets(peer, this.cache.idsWithPrefix(sub))
        else this.#sync(peer, sub)
      }
      return
    }
    const local = this.cache.idsWithPrefix(m.prefix)
    const remote = new Set(m.ids.map(toHex))
    this.#sendPackets(peer, local.filter(e => !remote.has(e.idHex)))
    if (!m.reply) {
      const have = new Set(local.map(e => e.idHex))
      if ([...remote].some(id => !have.has(id))) this.#sync(peer, m.prefix, true)
    }
  }

  /** A fellow member took these packets: we ask it, and only it, for those we lack (one question per id per
   * ASK_AGAIN_MS however many members tell us). The answers are verified as any publish packet is. */
  #onHave (peer: RemotePeer, ids: Uint8Array[]): void {
    const now = this.#clock.now()
    for (const id of ids) {
      const idHex = toHex(id)
      if (this.#unacked.size > 0 && peer.member === true) this.#unacked.delete(idHex)
      if (this.cache.has(idHex) || this.#seen.has(idHex, now) || this.#held.has(idHex) || !this.#asked.add(idHex, now)) continue
      const q: Query = { kind: 'question', queryId: this.#random.bytes(8), packetId: id }
      const qHex = toHex(q.queryId)
      this.#myQueries.set(qHex, now)
      this.#queries.add(qHex, now)
      this.metrics.queried++
      this.#sendTo(peer, encodePacket(this.#control(PacketType.Query, encodeQuery(q))))
    }
  }

  /** Queues a packet we took for one of our subclusters to be told to our kept fellow members. */
  #noteHave (idHex: string): void {
    if (this.#haves.length >= SYNC_MAX_IDS) return
    this.#haves.push(fromHex(idHex))
    this.#haveTimer ??= this.#clock.setTimeout(() => this.#flushHaves(), HAVE_DELAY_MS)
  }

  /** To the kept members (the connections kept alive, so the ones that work), or a few connected members. */
  #flushHaves (): void {
    this.#haveTimer = undefined
    const ids = this.#haves
    this.#haves = []
    if (this.#closed || ids.length === 0) return
    let targets = this.#kept.filter(p => p.member === true && p.connected && !p.proxy)
    if (targets.length < this.config.fanout) {
      const more = [...this.peers.values()].filter(p => p.member === true && p.connected && !p.proxy && !targets.includes(p))
      targets = [...targets, ...this.#pick(more, this.config.fanout - targets.length)]
    }
    const bytes = encodePacket(this.#control(PacketType.Sync, encodeSync({ kind: 'have', prefix: '', ids })))
    for (const t of targets) this.#sendTo(t, bytes)
  }

  /** The first peer answered: if it is still the only one a moment later, we join without our NAT type. */
  #onFirstContact (peer: RemotePeer): void {
    this.#firstContact = true
    // A newcomer catches up from its first peer at once (an introducer relays and caches what passes through it),
    // not only after it is ready and has met members: a message published in a newcomer's first second reached it
    // 2.5-4 s later (simulator, all harsh settings). An empty summary: one datagram.
    if (this.cache.size === 0 && this.#subclusters.size > 0) this.#sync(peer, '')
    this.#clock.setTimeout(() => {
      if (this.#ready || this.#closed) return
      let connected = 0
      for (const p of this.peers.values()) if (p.connected && !p.proxy) connected++
      if (connected >= 2) return // detection is under way
      this.#becomeReady()
      for (const sc of this.#subclusters.values()) this.#announceJoin(sc)
    }, READY_ALONE_MS)
  }

  /** Pushes the messages published while no fellow member was connected (UNSENT_MESSAGES) to the members we
   * have now; those of a subcluster still without one wait. */
  #sendUnsent (): void {
    const now = this.#clock.now()
    const waiting: Unsent[] = []
    for (const m of this.#unsent) {
      if (now - m.at > UNSENT_MS) continue
      const targets = this.#fanoutTargets(m.scHex, undefined, m.to, undefined, true).filter(t => t.subclusters.has(m.scHex))
      if (targets.length === 0) { waiting.push(m); continue }
      this.#paced(m.sends.map(send => ({ targets, bytes: send.bytes })))
    }
    this.#unsent = waiting
  }

  /** Waits for a fellow member to acknowledge an own message (see REPUSH_MS). */
  #awaitAck (headHex: string, m: Unacked): void {
    if (this.#unacked.size >= REPUSH_MESSAGES) this.#unacked.delete(this.#unacked.keys().next().value as string)
    this.#unacked.set(headHex, m.packets.length > REPUSH_PACKETS ? { ...m, packets: m.packets.slice(0, 1) } : m)
    this.#clock.setTimeout(() => this.#repush(headHex, 0), REPUSH_MS[0])
  }

  /** Pushes an unacknowledged own message again, fresh, to every fellow member connected directly; one timer per
   * message at a time (an app publishing thousands of messages a second holds no more). */
  #repush (headHex: string, i: number): void {
    const m = this.#unacked.get(headHex)
    if (m === undefined || this.#closed) return
    if (i + 1 < REPUSH_MS.length) this.#clock.setTimeout(() => this.#repush(headHex, i + 1), REPUSH_MS[i + 1] - REPUSH_MS[i])
    else this.#unacked.delete(headHex)
    // Live peers only (the others have likely left, see #live): the members, or a relay when no member is live.
    const now = this.#clock.now()
    const targets = this.#fanoutTargets(m.scHex, undefined, m.to, undefined, true).filter(t => this.#live(t, now))
    if (targets.length > 0) this.#paced(m.packets.map(bytes => ({ targets, bytes })))
  }

  /** See POOR_SYNC_MS. */
  #poorSync (): void {
    this.#poorSyncTimer = undefined
    if (this.#closed) return
    const now = this.#clock.now()
    const busy = now - this.#lastDeliveryAt < BUSY_MS || (this.#readyAt !== undefined && now - this.#readyAt < BUSY_MS)
    if (busy && this.#poorlyConnected()) this.#syncWithMember()
    this.#poorSyncTimer = this.#clock.setTimeout(() => this.#poorSync(), POOR_SYNC_MS)
  }

  #onQuery (p: Packet, from: Endpoint, known?: RemotePeer, fromKey?: string): void {
    const q = decodeQuery(p.message)
    const qHex = toHex(q.queryId)
    const now = this.#clock.now()
    if (q.kind === 'answer') {
      if (this.#myQueries.has(qHex)) {
        const inner = decodePacket(q.packet)
        if (inner.type !== PacketType.Publish && inner.type !== PacketType.Stream) throw new PacketDecodeError('ETYPE', 'a query answer carries a data packet')
        this.metrics.answered++
        this.#dispatch({ ...inner, replay: true }, withHops(q.packet, inner.hops, true), from, 'main', known, fromKey)
        return
      }
      const route = this.#returnRoutes.get(qHex)
      if (!route) { this.metrics.dropped.noRoute++; return }
      this.#returnRoutes.delete(qHex)
      this.#sendRaw(this.#main, route.to, { ...p, hops: Math.min(p.hops + 1, this.config.maxHops) })
      return
    }
    if (!this.#queries.add(qHex, now)) return
    this.#returnRoutes.set(qHex, { to: from, at: now })
    if (this.#returnRoutes.size > 4096) this.#returnRoutes.delete(this.#returnRoutes.keys().next().value as string)
    const hit = q.kind === 'question' ? this.cache.get(toHex(q.packetId)) : this.cache.getFragment(toHex(q.messageId), q.index)
    if (hit) {
      if (!this.#servedLimit.allow(from.address, now)) { this.metrics.dropped.rateLimited++; return }
      const packet = withHops(hit.bytes, hit.hops, true)
      this.#returnRoutes.delete(qHex)
      this.#sendRaw(this.#main, from, this.#control(PacketType.Query, encodeQuery({ kind: 'answer', queryId: q.queryId, packet })))
      return
    }
    if (p.hops + 1 >= this.config.maxHops) return
    if (!this.#queryRelayLimit.allow(fromKey ?? endpointKey(from), now)) { this.metrics.dropped.rateLimited++; return }
    const bytes = encodePacket({ ...p, hops: p.hops + 1 })
    for (const t of this.#fanoutTargets(undefined, from)) this.#sendTo(t, bytes)
  }

  // ─── NAT detection ───────────────────────────────────────────────────────────────────────────────────

  #detect (): void {
    if (this.config.natType !== undefined || this.#closed || this.#detector.state === 'probe' || this.#detector.state === 'reflect') return
    const now = this.#clock.now()
    // Introducers first, then peers with open NATs: A must let our probe socket's ping in (a restricted NAT
    // drops it: it comes from a port it has never heard from), and a NATed A failed every attempt.
    const open = (p: RemotePeer): number => Number(p.introducer) * 2 + Number(natName(p.natType) === 'unrestricted')
    const candidates = [...this.peers.values()].filter(p => p.lastSeen > 0 && this.#live(p, now)).sort((a, b) => open(b) - open(a))
    this.#detector.start(candidates)
  }

  #onDetected (result: { natType: number, external: Endpoint } | undefined): void {
    if (!result) return
    const changed = result.natType !== this.natType
    this.natType = result.natType
    this.external = result.external
    if (changed) this.emit('nat', { natType: this.natType, name: natName(this.natType) })
    this.#becomeReady()
    // Unchanged: a re-check (NatDetector.recheckDue) confirmed the verdict, nothing new to tell.
    if (changed) for (const sc of this.#subclusters.values()) this.#announceJoin(sc)
  }

  /** Ready once the NAT type is known, or after READY_DEADLINE_MS without enough peers to detect it. */
  #becomeReady (): void {
    if (this.#ready || this.#closed) return
    this.#ready = true
    this.#readyAt = this.#clock.now()
    // A newcomer catches up soon after its joins, not only at its keepalive ticks: what was published while
    // it connected reaches it from a fellow member's cache.
    for (const ms of EARLY_SYNC_MS) this.#clock.setTimeout(() => this.#syncWithMember(true), ms)
    for (const ms of JOIN_RETRY_MS) {
      this.#clock.setTimeout(() => {
        if (!this.#closed) for (const sc of this.#subclusters.values()) if (this.#knowsNoMember(sc)) this.#announceJoin(sc)
      }, ms)
    }
    this.emit('ready', { peerId: this.peerId, natType: this.natType, address: this.external?.address, port: this.external?.port })
  }

  // ─── timers ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Keepalive pings, checked six times per keepalive: a kept peer not heard from for KEEPALIVE_QUIET of a
   * keepalive is pinged, and its pong answers. Each side's NAT is refreshed only by its own sending, so each side
   * must send within the NAT timeout (30 s on hostile routers, the keepalive itself). Pinging from the tick
   * alone let a pair's traffic fall exactly one keepalive apart, and mappings died by a hair (found in the
   * simulator: connected pairs silent for 40 s). Now a pair exchanges a ping and a pong every 20–25 s.
   */
  #keepAlive (): void {
    if (this.#closed) return
    const now = this.#clock.now()
    if (now - this.#lastKeepAliveAt > this.config.keepaliveMs * RESUMED_GAP_KEEPALIVES) this.#resumed()
    this.#lastKeepAliveAt = now
    // At every check, not only at the tick: a kept peer that stopped answering (gone, most likely: churn) gives its
    // place to a live one at once, and members connected since the tick are kept (and so checked) at once. A member
    // whose members all left while it was connected to them but kept none counted them as live until their
    // keepalive ran out, and got nothing for 25 s (simulator, all harsh settings).
    this.#chooseKept()
    const poor = this.#ready && this.#poorlyConnected()
    const busy = this.#ready && now - this.#lastDeliveryAt < BUSY_MS
    const quiet = this.config.keepaliveMs * KEEPALIVE_QUIET
    // While messages flow, a live member pushes each one to us, so one silent for a check has likely left (churn):
    // it is pinged then, not after ⅔ of a keepalive. A member whose direct members had all left counted them as
    // live for a keepalive, pushed its messages to them alone and got nothing itself for 13-18 s (simulator, all
    // harsh settings). A poorly connected peer checks its few members so too, busy or not.
    const memberQuiet = poor || busy ? this.config.keepaliveMs / 6 : quiet
    for (const peer of this.#kept) {
      // Silent towards us, or we towards it: our NAT lets its packets in only while we send to it (a peer that kept
      // hearing a member's pushes sent to it only when the member's own ping asked; one lost ping or pong, and our
      // NAT closed to it).
      const silent = now - peer.lastSeen >= (peer.member === true ? memberQuiet : quiet)
      if (peer.connected && !peer.proxy && (silent || now - (peer.lastSent ?? 0) >= quiet)) {
        this.#sendRaw(this.#socketFor(peer), peer, this.#signedPing(this.#pingBody(0)))
        peer.lastSent = now
        // The first ping still unanswered counts (see #live): re-pinging a departed peer every check made it
        // count as live again for PONG_WAIT_MS each time, and we synced with it.
        if (!((peer.pingedAt ?? 0) > peer.lastSeen)) peer.pingedAt = now
      }
    }
    // While messages flow (a delivery in the last BUSY_MS), every member syncs at each check, not only a poorly
    // connected one: a relay's flood leaves back to back, a burst of loss takes several of its datagrams at once,
    // and a well-connected member that it alone was to reach waited for its tick's sync, 30-55 s (simulator, all
    // harsh settings). A summary whose buckets match costs one datagram and no answer.
    if (poor || (busy && this.cache.size > 0)) this.#syncWithMember()
    // Not one member directly connected: our joins or their introductions were lost (a burst of loss takes a
    // whole exchange). Joining again at every check, not at the next tick, ended waits of up to 50 s.
    if (this.#ready) for (const sc of this.#subclusters.values()) if (this.#noDirectMember(sc) && !this.#relayedByDesign(sc)) this.#announceJoin(sc)
    // A failed detection (probes lost in a burst) was retried only at the next tick, 30 s on; meanwhile an unknown
    // NAT type picks the wrong traversal for every introduction (simulator, all harsh settings at once).
    if (this.natType === NatType.Unknown || this.#detector.recheckDue()) this.#detect()
    this.#contactIfAlone()
    this.#keepAliveTimer = this.#clock.setTimeout(() => this.#keepAlive(), this.config.keepaliveMs / 6)
  }

  /**
   * The timers came late: the host was suspended (a laptop lid, a phone in a pocket). Our NAT mappings have
   * likely expired, so the endpoint other peers know is stale and they cannot reach us until we send; the
   * keepalive pings going out now renew the mappings, and their pongs tell the new endpoint. Then we re-join
   * (members learn where we are now) and catch up on what was published meanwhile, instead of waiting for a
   * member's flood to find us by chance (finding 11: a peer that woke 20 s before a publish got it 40 s later).
   */
  #resumed (): void {
    this.external = undefined
    this.#clock.setTimeout(() => {
      if (this.#closed || !this.#ready) return
      for (const sc of this.#subclusters.values()) this.#announceJoin(sc)
      this.#syncWithMember(true)
    }, RESUME_REJOIN_MS)
  }

  /** Kept alive: only the `maxConnections` that matter most: live peers first (see #live), then subcluster members,
   * then up to KEPT_INTRODUCERS introducers, then the most recently heard. The others fall silent and are forgotten. */
  #chooseKept (): void {
    const now = this.#clock.now()
    const keep: RemotePeer[] = []
    for (const peer of this.peers.values()) if (!peer.proxy && peer.connected) keep.push(peer)
    // Live peers first: a peer that left stays connected until forgotten (3 keepalives), and under churn the kept
    // slots of a long-lived member filled with departed ones, while its one live member was not kept. In the
    // simulator (all harsh settings) such a member synced with departed peers and got nothing for 20-36 s.
    const live = new Set(keep.filter(p => this.#live(p, now)))
    keep.sort((a, b) => Number(live.has(b)) - Number(live.has(a)) || this.#keepRank(b) - this.#keepRank(a) || b.lastSeen - a.lastSeen)
    const kept: RemotePeer[] = []
    let introducers = 0
    for (const peer of keep) {
      if (kept.length === this.config.maxConnections) break
      if (this.#keepRank(peer) === 1 && ++introducers > KEPT_INTRODUCERS) continue
      kept.push(peer)
    }
    this.#kept = kept
  }

  /** The first tick comes after a random half to whole keepalive: peers that started together (a network
   * booting, a crowd joining) would otherwise tick together for ever, every re-join and sync in one burst. */
  #schedule (): void {
    if (this.#closed) return
    const first = this.#ticks === 0 && this.#timer === undefined
    const delay = first ? this.config.keepaliveMs * (0.5 + 0.5 * this.#random.float()) : this.config.keepaliveMs
    this.#timer = this.#clock.setTimeout(() => { this.#tick(); this.#schedule() }, delay)
  }

  #tick (): void {
    const now = this.#clock.now()
    this.#ticks++
    const expireAfter = this.config.keepaliveMs * EXPIRE_KEEPALIVES
    for (const peer of [...this.peers.values()]) {
      if (peer.lastSeen > 0 && now - peer.lastSeen > expireAfter) this.#forget(peer)
    }
    this.#chooseKept()
    for (const e of this.peers.introducers.values()) if (!this.peers.byEndpoint(e)?.connected) this.#ping(e, PingFlag.Connection)
    this.#cacheTick(now)
    for (const sc of this.#ready ? this.#subclusters.values() : []) {
      // Only while few members are directly connected: a refresh by every peer every few minutes, even when
      // well connected, made each one a burst of joins and introductions (finding 9 of the simulator), and
      // newcomers' own joins already introduce them to the members.
      if (this.#fewMembers(sc)) this.#announceJoin(sc)
    }
    if (this.cache.size > 0) this.#syncWithMember()
    if (this.natType === NatType.Unknown) this.#detect()
    for (const [id, h] of this.#held) {
      if (now - h.at <= HELD_FRAGMENT_MS) break
      this.#held.delete(id)
      this.metrics.dropped.unverified++ // never vouched for: forged, or its chain was lost
    }
    this.#controlSeen.prune(now); this.#sentPings.prune(now); this.#strangers.prune(now); this.#vouched.prune(now); this.#birthdayTargets.prune(now)
    this.#joinLimit.prune(now, this.config.keepaliveMs * 2); this.#introLimit.prune(now); this.#probeLimit.prune(now); this.#newIdLimit.prune(now); this.#reflectLimit.prune(now)
    this.#servedLimit.prune(now); this.#queryRelayLimit.prune(now)
    this.#seen.prune(now); this.#delivered.prune(now); this.#joins.prune(now); this.#queries.prune(now); this.#greeted.prune(now)
    // A sender's bucket outlives a tick while it is heard within two keepalives (every kept peer is).
    this.#senderLimit.prune(now, this.config.keepaliveMs * 2); this.#subclusterLimit.prune(now)
    for (const [q, at] of this.#myQueries) if (now - at > QUERY_MAX_AGE_MS) this.#myQueries.delete(q)
    for (const [q, r] of this.#returnRoutes) if (now - r.at > QUERY_MAX_AGE_MS) this.#returnRoutes.delete(q)
  }

  /** Syncs with a random connected peer, a member of our subclusters when there is one (it holds what we miss).
   * A newcomer's catch-up syncs (`alsoOther`) ask a non-member too: its first member may already be leaving
   * (churn), and a relay such as an introducer holds what passed through it. */
  #syncWithMember (alsoOther = false): void {
    if (this.#closed) return
    const now = this.#clock.now()
    const all = [...this.peers.values()].filter(p => p.connected && !p.proxy)
    // Not to a peer silent for a keepalive (likely gone: it stays connected until forgotten, 3 keepalives).
    const live = all.filter(p => this.#live(p, now))
    const connected = live.length > 0 ? live : all
    const members = connected.filter(p => this.#keepRank(p) === 2)
    const pool = members.length > 0 ? members : connected
    if (pool.length > 0) this.#sync(pool[Math.floor(this.#random.float() * pool.length)], '')
    const others = alsoOther && members.length > 0 ? connected.filter(p => this.#keepRank(p) !== 2) : []
    if (others.length > 0) this.#sync(others[Math.floor(this.#random.float() * others.length)], '')
  }

  /** Records `peer` as a member of a subcluster; `join` is emitted the first time, if we are in it too. */
  #addMember (peer: RemotePeer, scHex: string, proof: Uint8Array, tell = true): void {
    if (!peer.proofs?.has(scHex)) (peer.proofs ??= new Map()).set(scHex, proof.slice())
    if (peer.subclusters.has(scHex)) return
    peer.subclusters = new Set([...peer.subclusters, scHex])
    const sc = this.#subclusters.get(scHex)
    if (sc === undefined) return
    peer.member = true
    this.emit('join', { peerId: peer.idHex, subclusterId: scHex })
    if (tell && peer.connected && !peer.proxy) this.#tellMembership(peer, sc)
    if (peer.connected && !peer.proxy && this.#unsent.length > 0) this.#sendUnsent()
    // A new fellow member gets what it missed now, not at the next keepalive tick: messages published while it
    // was connecting, before any member knew to push to it, were the slow tail of reach.
    if (peer.connected && !peer.proxy && this.cache.size > 0 && this.#greeted.add(`${peer.idHex}/${scHex}`, this.#clock.now())) this.#sync(peer, '')
  }

  /**
   * Tells a fellow member, directly, that we are in `sc` too: an introduction of ourselves, which it does not
   * forward. Sent when we connect to a peer we know as a member, or learn that a connected peer is one, a
   * little later: the member ignores introductions from a peer it has not heard from yet. A pair that neither
   * side keeps alive falls silent and both forget each other; when they met again, only the side that got an
   * introduction re-learned the other's membership, and the other side's pushes passed it by (finding 12).
   */
  /** How we describe ourselves in a join or an introduction of ourselves: id, NAT type, external endpoint. */
  #selfIntro (sc: Subcluster): Intro {
    return { peerId: this.identity.publicKey, natType: this.natType, address: this.external?.address ?? '0.0.0.0', port: this.external?.port ?? 0, proof: sc.proof }
  }

  #tellMembership (peer: RemotePeer, sc: Subcluster): void {
    this.#clock.setTimeout(() => {
      if (this.#closed || !this.#ready || !peer.connected || peer.proxy || this.peers.get(peer.idHex) !== peer) return
      const intro = this.#control(PacketType.Intro, encodeIntro(this.#selfIntro(sc)))
      intro.subclusterId = sc.keys.publicKey
      this.#sendRaw(this.#socketFor(peer), peer, intro)
    }, TELL_MEMBERSHIP_MS)
  }

  /**
   * The birthday paradox costs each side about a thousand datagrams and works only if both sides try at once,
   * so both must come to the same answer from what each knows. It is tried only in a small subcluster (we know
   * fewer than `fanout` other members: a pair or a handful, where this one peer matters and both sides see the
   * same small group), by a peer ready for a keepalive (a newcomer knows few members of any subcluster at first),
   * at most once per RETRY_KEEPALIVES keepalives and `birthdayConcurrency` at a time. In a large subcluster the
   * flood and relays reach a peer anyway: there, 3,000 newcomers made 1.3 M spray pings in their first minute.
   */
  #birthdayWorthIt (scHex: string | undefined, now: number): boolean {
    this.#birthdayRuns = this.#birthdayRuns.filter(until => until > now)
    if (this.#birthdayRuns.length >= this.config.birthdayConcurrency) return false
    if (this.#readyAt === undefined || now - this.#readyAt < this.config.keepaliveMs) return false
    if (now - this.#lastBirthdayAt < this.config.keepaliveMs * RETRY_KEEPALIVES) return false
    let members = 0
    for (const p of this.peers.values()) {
      if (scHex === undefined ? p.member === true : p.subclusters.has(scHex)) members++
      if (members > this.config.fanout) return false
    }
    return true
  }

  /** We know no member of `sc` that is connected directly and live (relayed ones do not count: pushes skip them;
   * silent ones have likely left, see #live). */
  #noDirectMember (sc: Subcluster): boolean {
    const now = this.#clock.now()
    for (const p of this.peers.values()) if (p.subclusters.has(sc.idHex) && this.#live(p, now)) return false
    return true
  }

  /** Every member of `sc` we know is relayed because both NATs are symmetric (connectionStrategy 'relay'): no
   * introduction can connect us directly, so re-joining at every keepalive check (above) only re-introduced the
   * same pair for ever: the re-join storm (netns lab: 6 joins a second per such room, and their introductions).
   * The tick's re-join (#fewMembers) still runs, once a keepalive, and finds members that come later. */
  #relayedByDesign (sc: Subcluster): boolean {
    let known = 0
    for (const p of this.peers.values()) {
      if (!p.subclusters.has(sc.idHex)) continue
      if (p.proxy === undefined || connectionStrategy(this.natType, p.natType) !== 'relay') return false
      known++
    }
    return known > 0
  }

  /** Connected directly, heard from within a keepalive and not silent after a keepalive ping. A kept peer is
   * pinged after ⅔ of a keepalive of silence, so one that stays silent has likely left: it counts as connected until forgotten
   * (3 keepalives), and a newcomer whose one or two direct members had left synced with them, detected its NAT
   * against them and did not re-join, for up to 90 s (simulator, all harsh settings: 50-75 s late, or never). */
  #live (p: RemotePeer, now: number): boolean {
    if (!p.connected || p.proxy !== undefined || now - p.lastSeen > this.config.keepaliveMs) return false
    // A keepalive ping unanswered for PONG_WAIT_MS: gone, or a burst took the ping or its pong (then it counts
    // again at its next pong, one keepalive check later).
    const pinged = p.pingedAt ?? 0
    return !(pinged > p.lastSeen && now - pinged > PONG_WAIT_MS)
  }

  /** We know no member of `sc` at all, connected or not: no introduction has come. */
  #knowsNoMember (sc: Subcluster): boolean {
    for (const p of this.peers.values()) if (p.subclusters.has(sc.idHex)) return false
    return true
  }

  /** No peer is connected directly: the introducers are pinged (see CONTACT_RETRY_MS). */
  #contactIfAlone (): void {
    if (this.#closed) return
    for (const p of this.peers.values()) if (p.connected && !p.proxy) return
    for (const e of this.peers.introducers.values()) this.#ping(e, PingFlag.Connection)
  }

  /** Fewer than 2 × fanout members connected directly. Relayed members do not count: the fan-out skips them,
   * so a peer whose members are all behind relays gets messages only from syncs until it finds direct ones. */
  #fewMembers (sc: Subcluster): boolean {
    const now = this.#clock.now()
    let n = 0
    // Live ones (see #live): under churn a long-lived member's table held a dozen departed members, counted as
    // connected until forgotten (3 keepalives), and it never asked for new ones (simulator, all harsh settings).
    for (const p of this.peers.values()) if (p.subclusters.has(sc.idHex) && this.#live(p, now) && ++n >= this.config.fanout * 2) return false
    return true
  }

  /** In a subcluster with at least `fanout` members we know of, fewer than `fanout` are directly connected
   * (behind a symmetric NAT most are relayed). Pushes reach a peer only from its direct members, a few of
   * theirs at random, so such a peer waited for its tick's sync (finding 12: 16–26 s): it syncs at every
   * keepalive check instead. A pair or a handful of members (fewer than `fanout`) is not poorly connected. */
  #poorlyConnected (): boolean {
    const now = this.#clock.now()
    for (const sc of this.#subclusters.values()) {
      let known = 0
      let direct = 0
      for (const p of this.peers.values()) {
        if (!p.subclusters.has(sc.idHex)) continue
        known++
        // Enough direct members settles it: a well-connected peer stops after a few entries (this runs every 5 s).
        if (this.#live(p, now) && ++direct === this.config.fanout) break
      }
      if (known >= this.config.fanout && direct < this.config.fanout) return true
    }
    return false
  }

  #keepRank (p: RemotePeer): number {
    return p.member === true ? 2 : p.introducer ? 1 : 0
  }

  /** Recomputes every peer's `member` flag after our own subclusters changed (join, leave). */
  #refreshMembership (): void {
    for (const p of this.peers.values()) p.member = [...p.subclusters].some(sc => this.#subclusters.has(sc))
  }

  #forget (peer: RemotePeer): void {
    this.peers.delete(peer.idHex)
    if (peer.introducer) this.peers.introducers.set(endpointKey(peer), { address: peer.address, port: peer.port })
    for (const sc of peer.subclusters) if (this.#subclusters.has(sc)) this.emit('leave', { peerId: peer.idHex, subclusterId: sc })
    if (peer.connected || peer.proxy) this.emit('connection', { peerId: peer.idHex, strategy: peer.strategy ?? 'direct', state: 'disconnected' })
  }

  /** Near the end of its life a packet is re-broadcast once (if postage remains); then it leaves the cache. */
  #cacheTick (now: number): void {
    const soon = this.config.keepaliveMs * 2
    for (const e of [...this.cache.entries()]) {
      if (e.expiresAt <= now) { this.cache.delete(e.idHex); continue }
      if (!e.rebroadcast && e.expiresAt - now <= soon && e.hops < this.config.maxHops) {
        e.rebroadcast = true
        this.#rebroadcast(e)
      }
    }
  }

  #rebroadcast (e: CacheEntry): void {
    const p = decodePacket(e.bytes)
    const bytes = encodePacket({ ...p, hops: p.hops + 1, replay: false })
    for (const t of this.#fanoutTargets(e.subclusterHex)) this.#sendTo(t, bytes)
  }

  #armReassembly (): void {
    if (this.#reassemblyTimer !== undefined || this.#closed) return
    this.#reassemblyTimer = this.#clock.setTimeout(() => {
      this.#reassemblyTimer = undefined
      for (const m of this.#reassembler.stalled(this.#clock.now(), REASSEMBLY_QUERY_DELAY_MS)) {
        const queryId = this.#random.bytes(8)
        const messageId = fromHex(m.messageId)
        this.#ask(m.index === undefined ? { kind: 'question', queryId, packetId: messageId } : { kind: 'fragment', queryId, messageId, index: m.index })
      }
      if (this.#reassembler.size > 0) this.#armReassembly()
    }, REASSEMBLY_CHECK_MS)
  }

  // ─── helpers ─────────────────────────────────────────────────────────────────────────────────────────

  #contactAll (): void {
    for (const e of this.peers.introducers.values()) this.#ping(e, PingFlag.Connection)
    for (const p of this.peers.values()) this.#ping(p, PingFlag.Connection)
  }

  #announceJoin (sc: Subcluster): void {
    const now = this.#clock.now()
    // Not to peers that stopped answering (they have likely left, see #live), and through an introducer even when
    // we talk to none at the moment: a join straight from us is contact, as a ping is (#onJoin). A member whose
    // members had all left re-joined through them alone, for 15 s (simulator, all harsh settings).
    const targets = this.#fanoutTargets(sc.idHex).filter(p => this.#live(p, now))
    const introducers = [...this.peers.values()].filter(p => p.introducer && this.#live(p, now) && !targets.includes(p))
    for (const t of [...targets, ...this.#pick(introducers, 2)]) this.#sendJoin(sc, t)
    if (introducers.length === 0) for (const e of this.#pick([...this.peers.introducers.values()], 2)) this.#sendJoinTo(sc, this.#main, e)
  }

  #sendJoin (sc: Subcluster, to: RemotePeer): void {
    to.lastSent = this.#clock.now()
    this.#sendJoinTo(sc, this.#socketFor(to), to)
  }

  #sendJoinTo (sc: Subcluster, socket: UdpSocketLike | undefined, to: Endpoint): void {
    const p = this.#control(PacketType.Join, encodeJoin(this.#selfIntro(sc)))
    p.subclusterId = sc.keys.publicKey
    this.#sendRaw(socket, to, this.#signed(p))
  }

  #sync (peer: RemotePeer, prefix: string, reply = false): void {
    peer.lastSync = this.#clock.now()
    this.metrics.synced++
    const ids = this.cache.idsWithPrefix(prefix)
    if (prefix !== '' && ids.length <= SYNC_MAX_IDS) return this.#sendSync(peer, { kind: 'ids', prefix, reply, ids: ids.map(e => e.id) })
    if (prefix === '' && ids.length === 0) return this.#sendSync(peer, { kind: 'summary', prefix, buckets: new Array(16).fill(null) })
    this.#sendSync(peer, { kind: 'summary', prefix, buckets: this.cache.summarize(prefix) })
  }

  #sendSync (peer: RemotePeer, m: Sync): void {
    this.#sendTo(peer, encodePacket(this.#control(PacketType.Sync, encodeSync(m))))
  }

  #sendPackets (peer: RemotePeer, entries: CacheEntry[]): void {
    const now = this.#clock.now()
    for (const e of entries.slice(0, 1024)) {
      if (!this.#servedLimit.allow(peer.address, now)) { this.metrics.dropped.rateLimited++; return }
      this.#sendTo(peer, withHops(e.bytes, e.hops, true))
    }
  }

  #cacheInsert (p: Packet, idHex: string, raw?: Uint8Array): void {
    if (!p.subclusterId) return
    const scHex = toHex(p.subclusterId)
    const ejected = this.cache.insert({
      id: fromHex(idHex),
      idHex,
      bytes: raw ? withHops(raw, p.hops) : encodePacket({ ...p, replay: false }),
      subclusterHex: scHex,
      hops: p.hops,
      expiresAt: this.#expiresAt(p),
      own: this.#subclusters.has(scHex),
      rebroadcast: false,
      fragmentKey: p.index > 0 && p.previousId ? `${toHex(p.previousId)}/${p.index}` : undefined,
      count: p.index === 0 ? p.count : undefined
    })
    this.metrics.cached++
    // An evicted packet gets one more chance elsewhere, while it still has postage.
    for (const e of ejected) if (e.hops < this.config.maxHops && e.expiresAt > this.#clock.now()) this.#rebroadcast(e)
  }

  #expiresAt (p: Packet): number {
    const own = p.subclusterId && this.#subclusters.has(toHex(p.subclusterId))
    return p.timestamp * 1000 + p.ttl * 60_000 * (own ? 2 : 1)
  }

  #expired (p: Packet, now: number): boolean {
    return p.ttl > MAX_TTL_MINUTES || this.#expiresAt(p) <= now || p.timestamp * 1000 > now + 10 * 60_000
  }

  /** Up to `fanout` random connected peers, members of the subcluster first, plus the recipient if given.
   * `allMembers`: every connected member instead of `fanout` of them (a member relaying its own subcluster's
   * packets: a random 3 of its members left ~5% of the subscribers to wait for a sync, 30 s later). */
  #fanoutTargets (scHex?: string, exclude?: Endpoint, to?: string, skipId?: string, allMembers = false): RemotePeer[] {
    const now = this.#clock.now()
    const members: RemotePeer[] = []
    const others: RemotePeer[] = []
    // Live peers first (see #live): a departed peer counts as connected until forgotten, and under churn a random
    // `fanout` of a relay's members were often departed ones (simulator, all harsh settings). The others only
    // when no live peer is left.
    const stale: RemotePeer[] = []
    for (const p of this.peers.values()) {
      if (!p.connected || p.proxy || p.idHex === skipId || (exclude && p.port === exclude.port && p.address === exclude.address)) continue
      if (!this.#live(p, now)) { stale.push(p); continue }
      ;(scHex && p.subclusters.has(scHex) ? members : others).push(p)
    }
    if (members.length === 0 && others.length === 0) for (const p of stale) (scHex && p.subclusters.has(scHex) ? members : others).push(p)
    const out = allMembers ? members : this.#pick(members, this.config.fanout)
    out.push(...this.#pick(others, Math.max(1, this.config.fanout - out.length)))
    if (to) {
      const r = this.#routeTo(to)
      if (r && !out.includes(r)) out.unshift(r)
    }
    return out
  }

  #pick<T> (list: T[], n: number): T[] {
    if (list.length <= n) return list.slice()
    const out: T[] = []
    const copy = list.slice()
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.#random.float() * (copy.length - i))
      ;[copy[i], copy[j]] = [copy[j], copy[i]]
      out.push(copy[i])
    }
    return out
  }

  #shuffle<T> (list: T[]): T[] { return this.#pick(list, list.length) }

  /** The peer to hand a packet for `peerIdHex` to: the peer itself, or the peer that relays for it. */
  #routeTo (peerIdHex: string): RemotePeer | undefined {
    const peer = this.peers.get(peerIdHex)
    if (!peer) return undefined
    if (peer.connected) return peer
    if (peer.proxy) {
      const proxy = this.peers.get(peer.proxy)
      if (proxy?.connected) return proxy
    }
    return undefined
  }

  /** A table entry holds no bytes of the datagram it came from, and no Set until it is known as a member: a
   * 10,000-peer simulation holds a million entries, and their size was what each of its events cost. */
  #newPeer (idHex: string, e: Endpoint, natType: number): RemotePeer {
    // Every field from the start, optional ones too: entries that grew fields in different orders had different
    // hidden classes, and every read of a table entry went through a megamorphic (slow) lookup.
    return {
      idHex, address: e.address, port: e.port, natType, lastSeen: 0, connected: false, introducer: false, subclusters: NO_SUBCLUSTERS,
      member: false, strategy: undefined, proxy: undefined, socket: undefined, lastSync: 0, lastSent: 0, pingedAt: 0, attemptedAt: undefined, tried: undefined, proofs: undefined
    }
  }

  #subclusterFor (s: Uint8Array | string): Subcluster {
    let sc: Subcluster | undefined
    if (typeof s === 'string' && /^[0-9a-f]{64}$/.test(s)) sc = this.#subclusters.get(s)
    sc ??= this.#subclusters.get(toHex(subclusterKeys(s).publicKey))
    if (!sc) throw new PeerInputError('publish: this peer has not joined that subcluster (call join(sharedKey) first)')
    return sc
  }

  #id16 (hex: string): Uint8Array {
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new PeerInputError(`a packet id is 16 bytes (32 hex characters), got "${hex.slice(0, 80)}"`)
    return fromHex(hex)
  }

  #seconds (): number { return Math.floor(this.#clock.now() / 1000) }

  #control (type: PacketType, message: Uint8Array): Packet {
    return {
      type, hops: 0, replay: false, timestamp: this.#seconds(), ttl: 0, index: 0, count: 1,
      subclusterId: undefined, previousId: undefined, nextId: undefined, to: undefined, from: undefined, message, sig: undefined
    }
  }

  #pingBody (flags: number): Uint8Array {
    const pingId = this.#random.bytes(8)
    return encodePing({ peerId: this.identity.publicKey, natType: this.natType, flags, pingId, probePort: 0 })
  }

  #ping (to: Endpoint, flags: number): void {
    this.#sendRaw(this.#main, to, this.#signedPing(this.#pingBody(flags)))
  }

  /** A traversal ping to an introduced endpoint, within the target address's budget (attack "amplification"). */
  #probePing (to: Endpoint): void {
    if (this.#probeLimit.allow(to.address, this.#clock.now())) this.#ping(to, PingFlag.Connection)
    else this.metrics.dropped.rateLimited++
  }

  /** Signs a control packet with our identity (over its canonical encoding, as heads are signed). */
  #signed (p: Packet): Packet {
    p.sig = sign(encodePacket(p, true), this.identity, this.#sigs)
    return p
  }

  /** A signed ping; its id is remembered, so that only a pong answering it is taken. */
  #signedPing (body: Uint8Array): Packet {
    this.#sentPings.add(toHex(decodePing(body).pingId), this.#clock.now())
    return this.#signed(this.#control(PacketType.Ping, body))
  }

  /** Sends a long message a few packets at a time, so that receivers' socket buffers are not overrun. */
  #paced (sends: Array<{ targets: RemotePeer[], bytes: Uint8Array }>): void {
    const { paceBurst, paceMs } = this.config
    let at = 0
    const step = (): void => {
      for (const end = Math.min(at + paceBurst, sends.length); at < end; at++) {
        for (const t of sends[at].targets) this.#sendTo(t, sends[at].bytes)
      }
      if (at < sends.length && !this.#closed) this.#clock.setTimeout(step, paceMs)
    }
    step()
  }

  #socketFor (peer: RemotePeer): UdpSocketLike | undefined { return peer.socket ?? this.#main }

  #sendTo (peer: RemotePeer, bytes: Uint8Array): void {
    if (this.#closed) return
    this.metrics.sent++
    peer.lastSent = this.#clock.now()
    this.#socketFor(peer)?.send(bytes, peer.port, peer.address)
  }

  #sendRaw (socket: UdpSocketLike | undefined, to: Endpoint, p: Packet): void {
    this.#sendBytes(socket, to, encodePacket(p))
  }

  #sendBytes (socket: UdpSocketLike | undefined, to: Endpoint, bytes: Uint8Array): void {
    if (this.#closed || !socket || to.port === 0) return
    this.metrics.sent++
    socket.send(bytes, to.port, to.address)
  }

  #restore (s: PeerState): void {
    if (s.version !== STATE_VERSION) throw new NotSupportedError(`peer state version ${String(s.version)} is not supported (expected ${STATE_VERSION})`)
    for (const seed of s.subclusters) {
      const keys = keyPairFromSeed(fromBase64(seed))
      this.#subclusters.set(toHex(keys.publicKey), { keys, idHex: toHex(keys.publicKey), proof: membershipProof(keys, this.identity.publicKey, this.#sigs) })
    }
    for (const e of s.introducers) this.peers.introducers.set(endpointKey(e), e)
    for (const p of s.peers) this.peers.upsert(this.#newPeer(p.id, p, p.natType))
    for (const b of s.cache) {
      try {
        const p = decodePacket(fromBase64(b))
        const id = toHex(packetId(p))
        this.#seen.add(id, this.#clock.now())
        this.#cacheInsert(p, id)
        const sc = p.subclusterId ? this.#subclusters.get(toHex(p.subclusterId)) : undefined
        if (sc) {
          const done = this.#reassembler.add(p, id, this.#clock.now())
          if (done) this.#delivered.add(done.messageId, this.#clock.now())
        }
      } catch (err) {
        if (!(err instanceof PacketDecodeError)) throw err
        this.metrics.dropped.malformed++
      }
    }
  }
}
