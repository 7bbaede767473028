// The bounded table of known peers. When full, the peers of the lowest rank (see `rank`; by default: hearsay
// before connected peers) heard from least recently make room, 1/16 of the table at once, never an introducer the app gave us. Liveness: a peer is forgotten after EXPIRE_KEEPALIVES keepalives of silence.
import type { Strategy } from './nat.ts'
import type { Endpoint, UdpSocketLike } from './transport.ts'

export interface RemotePeer {
  idHex: string
  address: string
  port: number
  natType: number
  /** Clock time of the last datagram from this peer (0: never). */
  lastSeen: number
  connected: boolean
  introducer: boolean
  /** The subclusters it is known to be in; replaced, never changed in place (most peers share NO_SUBCLUSTERS). */
  subclusters: ReadonlySet<string>
  /** Shares one of our own subclusters (kept up to date by the peer: ranking reads it on every eviction). */
  member?: boolean
  strategy?: Strategy
  /** When we cannot reach the peer directly: the id of the peer that relays for us. */
  proxy?: string
  /** The socket that reaches this peer, when it is not the main one (birthday-paradox traversal). */
  socket?: UdpSocketLike
  lastSync: number
  /** Clock time of the last datagram we sent it through the peer (our NAT lets its replies in only while we send). */
  lastSent?: number
  /** Clock time of our last keepalive ping to it: unanswered for PONG_WAIT_MS, the peer is not counted as live. */
  pingedAt?: number
  /** Clock time of the last traversal attempt (intro), so that re-introductions do not restart it. */
  attemptedAt?: number
  tried?: Strategy
  /** Its membership proofs by subcluster (joins and introductions carry them; we pass them on when introducing). */
  proofs?: Map<string, Uint8Array>
}

/** The subclusters of a peer not known to be in any: one shared empty set. */
export const NO_SUBCLUSTERS: ReadonlySet<string> = new Set()

/** A full table frees 1/16 of its room at once (see upsert). */
const EVICT_BATCH = 16

export const endpointKey = (e: Endpoint): string => `${e.address}:${e.port}`

export class PeerTable {
  #byId = new Map<string, RemotePeer>()
  /** Endpoint key -> the peer there (the peer itself, not its id: one lookup per datagram instead of two). */
  #byEndpoint = new Map<string, RemotePeer>()
  /** Introducers known only by address until they answer. */
  readonly introducers = new Map<string, Endpoint>()

  /** `rank`: higher is kept longer (a peer reports the members of its own subclusters higher). */
  constructor (readonly max: number, readonly rank: (p: RemotePeer) => number = p => (p.connected || p.proxy ? 1 : 0)) {}

  get size (): number { return this.#byId.size }
  get (idHex: string): RemotePeer | undefined { return this.#byId.get(idHex) }
  byEndpoint (e: Endpoint): RemotePeer | undefined { return this.byKey(endpointKey(e)) }
  byKey (key: string): RemotePeer | undefined { return this.#byEndpoint.get(key) }

  values (): IterableIterator<RemotePeer> { return this.#byId.values() }

  /** Adds or updates a peer. A full table makes room for EVICT_BATCH of a table's peers at once: finding the
   * lowest-ranked peers means ranking the whole table, and doing that for every newcomer was an eighth of all
   * the CPU of a 1,000-peer simulation (introducers' tables are always full). Returns the evicted peers. */
  upsert (peer: RemotePeer): RemotePeer[] {
    const old = this.#byId.get(peer.idHex)
    if (old) this.#byEndpoint.delete(endpointKey(old))
    this.#byId.set(peer.idHex, peer)
    this.#byEndpoint.set(endpointKey(peer), peer)
    if (this.#byId.size <= this.max) return []
    // Evicting a connected peer is costly (it keeps pinging, is re-added, re-greeted): hearsay goes first,
    // and within a rank the peer heard from least recently.
    const room = Math.max(1, Math.ceil(this.max / EVICT_BATCH))
    const victims = this.#lowest(Math.min(room, this.#byId.size - this.max + room - 1), peer)
    for (const v of victims) this.delete(v.idHex)
    return victims
  }

  /** The `count` lowest-ranked peers, least recently heard first within a rank, ties in table order (what a
   * stable sort of the whole table would put first), by insertion into a short sorted list: no sort of the
   * whole table and no record per peer, on every 16th newcomer to a full table. */
  #lowest (count: number, except: RemotePeer): RemotePeer[] {
    const out: RemotePeer[] = []
    const ranks: number[] = []
    for (const p of this.#byId.values()) {
      if (p.introducer || p === except) continue
      const rank = this.rank(p)
      let i = out.length
      while (i > 0 && (rank < ranks[i - 1] || (rank === ranks[i - 1] && p.lastSeen < out[i - 1].lastSeen))) i--
      if (i >= count) continue
      out.splice(i, 0, p)
      ranks.splice(i, 0, rank)
      if (out.length > count) { out.pop(); ranks.pop() }
    }
    return out
  }

  moveEndpoint (peer: RemotePeer, e: Endpoint): void {
    this.#byEndpoint.delete(endpointKey(peer))
    peer.address = e.address
    peer.port = e.port
    this.#byEndpoint.set(endpointKey(peer), peer)
  }

  delete (idHex: string): void {
    const p = this.#byId.get(idHex)
    if (!p) return
    this.#byId.delete(idHex)
    if (this.#byEndpoint.get(endpointKey(p)) === p) this.#byEndpoint.delete(endpointKey(p))
  }
}
