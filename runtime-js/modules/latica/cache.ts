// socket:latica/cache — the original's `Cache` (in socket:network too) over this runtime's relay cache
// (runtime-js/peer/cache.ts): packets by content address, bounded by bytes, packets of "own" subclusters evicted
// last, trie summaries for sync. Method names are the original's where one maps (insert, get, has, delete,
// compose, summarize, encodeSummary, decodeSummary); docs/network.md lists what differs.
import { RelayCache } from '../../peer/cache.ts'
import { Reassembler } from '../../peer/reassembler.ts'
import { encodePacket, PacketType } from '../../peer/packet.ts'
import { decodeSync, encodeSync, SYNC_HASH_BYTES } from '../../peer/messages.ts'
import { PacketDecodeError } from '../../peer/errors.ts'
import { DEFAULT_CACHE_BYTES } from '../../peer/constants.ts'
import { fromHex, toHex } from '../../peer/bytes.ts'
import { Packet, type PacketFields } from './packets.ts'

export interface CacheOptions {
  /** The byte budget, packets plus bookkeeping (default 16 MiB, as the original's 16 MB). */
  maxBytes?: number
}

export interface InsertOptions {
  /** A packet of a subcluster this peer is in: kept while any other packet can be evicted instead. */
  own?: boolean
}

/** A summary of the ids under a hex prefix: for each next hex digit, the hash of the ids there (hex) or null. */
export interface CacheSummary {
  prefix: string
  buckets: Array<string | null>
}

const ID = /^[0-9a-f]{32}$/

export class Cache {
  /** Bytes of a bucket hash in a summary (the original used 20-byte SHA-1; ours is SHA-256 cut to 8). */
  static readonly HASH_SIZE_BYTES = SYNC_HASH_BYTES
  static readonly DEFAULT_MAX_BYTES = DEFAULT_CACHE_BYTES

  readonly #cache: RelayCache

  constructor (options: CacheOptions = {}) {
    if (options === null || typeof options !== 'object') throw new TypeError('new Cache(options): options must be an object')
    const maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new TypeError(`Cache: maxBytes must be a positive integer, got ${String(maxBytes)}`)
    this.#cache = new RelayCache(maxBytes)
  }

  /** Packets held. */
  get size (): number { return this.#cache.size }
  /** Bytes held (packets plus bookkeeping); never above `maxBytes` after an insert. */
  get bytes (): number { return this.#cache.bytes }
  get maxBytes (): number { return this.#cache.maxBytes }
  /** Packets evicted so far to keep within the budget. */
  get evicted (): number { return this.#cache.evicted }

  /**
   * Stores a publish packet under its content address; `key` must be that address (`packet.packetId`), so that
   * nothing can be filed under another packet's id. Returns false for what is not stored: a packet already held,
   * one that is not a publish (as the original, which caches only publishes), one larger than the whole budget.
   * Older packets are evicted to make room, other subclusters' first.
   */
  insert (key: string, packet: Packet | PacketFields, options: InsertOptions = {}): boolean {
    const p = packet instanceof Packet ? packet : Packet.from(packet)
    const idHex = p.packetId
    if (key !== idHex) throw new TypeError(`Cache.insert: key ${String(key).slice(0, 64)} is not the packet's id ${idHex}`)
    if (p.type !== PacketType.Publish || p.subclusterId === undefined || this.#cache.has(idHex)) return false
    this.#cache.insert({
      id: fromHex(idHex),
      idHex,
      bytes: encodePacket(p),
      subclusterHex: toHex(p.subclusterId),
      hops: p.hops,
      expiresAt: p.timestamp * 1000 + p.ttl * 60_000,
      own: options.own === true,
      rebroadcast: false,
      fragmentKey: p.index > 0 && p.previousId ? `${toHex(p.previousId)}/${p.index}` : undefined,
      count: p.index === 0 ? p.count : undefined
    })
    // Not there: larger than the whole budget, or a foreign packet evicted at once by a budget full of own ones.
    return this.#cache.has(idHex)
  }

  get (key: string): Packet | undefined {
    const e = this.#cache.get(checkKey(key))
    return e === undefined ? undefined : Packet.decode(e.bytes)
  }

  has (key: string): boolean { return this.#cache.has(checkKey(key)) }

  /** Removes a packet; true when it was there. */
  delete (key: string): boolean {
    const had = this.#cache.has(checkKey(key))
    this.#cache.delete(key)
    return had
  }

  /** The ids held, packets of own subclusters first, each group oldest first. */
  * keys (): IterableIterator<string> { for (const e of this.#cache.entries()) yield e.idHex }

  /** The whole message of a head packet (fragments put back together, checked against the head's chain of ids)
   * as one packet whose `message` is the whole payload; undefined while a fragment is missing. */
  compose (head: Packet | PacketFields): Packet | undefined {
    const p = head instanceof Packet ? head : Packet.from(head)
    if (p.count === 1) return p.copy()
    if (p.index !== 0) throw new TypeError('Cache.compose: a head packet (index 0) expected')
    const messageId = p.packetId
    const parts = new Reassembler(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    let done = parts.add(p, messageId, 0)
    for (let i = 1; i < p.count && done === undefined; i++) {
      const e = this.#cache.getFragment(messageId, i)
      if (e === undefined) return undefined
      done = parts.add(Packet.decode(e.bytes), e.idHex, 0)
    }
    if (done === undefined) return undefined
    return Packet.from({ ...p, index: 0, count: 1, nextId: undefined, message: done.payload })
  }

  /** The summary of the ids under `prefix` (hex digits), what two peers compare to find what one lacks. */
  summarize (prefix = ''): CacheSummary {
    if (typeof prefix !== 'string' || !/^[0-9a-f]{0,31}$/.test(prefix)) throw new TypeError(`Cache.summarize: prefix must be up to 31 lowercase hex digits, got ${String(prefix)}`)
    return { prefix, buckets: this.#cache.summarize(prefix).map(h => h === null ? null : toHex(h)) }
  }

  /** A summary in the protocol's sync encoding. */
  static encodeSummary (summary: CacheSummary): Uint8Array {
    if (summary === null || typeof summary !== 'object' || !Array.isArray(summary.buckets) || summary.buckets.length !== 16) throw new TypeError('Cache.encodeSummary: { prefix, buckets } with 16 buckets expected')
    return encodeSync({ kind: 'summary', prefix: summary.prefix, buckets: summary.buckets.map(h => h === null ? null : fromHex(h)) })
  }

  /** Decodes what encodeSummary wrote; throws PacketDecodeError for anything else. */
  static decodeSummary (bytes: Uint8Array): CacheSummary {
    const m = decodeSync(bytes)
    if (m.kind !== 'summary') throw new PacketDecodeError('EFIELD', `a sync message of kind ${m.kind}, not a summary`)
    return { prefix: m.prefix, buckets: m.buckets.map(h => h === null ? null : toHex(h)) }
  }
}

function checkKey (key: string): string {
  if (typeof key !== 'string' || !ID.test(key)) throw new TypeError(`Cache: a key is a packet id, 32 lowercase hex digits; got ${String(key).slice(0, 64)}`)
  return key
}

export default Cache
