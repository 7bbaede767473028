// The relay cache: a bounded store of publish packets from anyone, keyed by packet id. Packets of the
// subclusters this peer joined ("own topics") are kept in preference: when the byte budget is exceeded the
// oldest foreign packet goes first, and own packets only when no foreign one is left. Summaries over the ids
// (a hex trie) let two peers find what the other lacks without listing everything (see sync).
import { sha256 } from '@noble/hashes/sha2.js'
import { SYNC_HASH_BYTES } from './messages.ts'

export interface CacheEntry {
  id: Uint8Array
  idHex: string
  bytes: Uint8Array
  subclusterHex: string
  hops: number
  expiresAt: number
  own: boolean
  rebroadcast: boolean
  /** `<message id>/<index>` for fragments (index > 0), so that a lost fragment can be asked for by position. */
  fragmentKey?: string
  /** Packets in the whole message (on the head; 1 for a single-packet message). */
  count?: number
}

const ENTRY_OVERHEAD = 96 // what a Map entry and its record cost beyond the packet bytes, roughly

export class RelayCache {
  #own = new Map<string, CacheEntry>()
  #foreign = new Map<string, CacheEntry>()
  #fragments = new Map<string, string>()
  /** Summaries by prefix, valid until the next insert or delete. */
  #summaries = new Map<string, Array<Uint8Array | null>>()
  #bytes = 0
  evicted = 0

  constructor (readonly maxBytes: number) {}

  get size (): number { return this.#own.size + this.#foreign.size }
  get bytes (): number { return this.#bytes }

  has (idHex: string): boolean { return this.#own.has(idHex) || this.#foreign.has(idHex) }
  get (idHex: string): CacheEntry | undefined { return this.#own.get(idHex) ?? this.#foreign.get(idHex) }
  /** The whole message: its head (whose id is the message id) and every fragment it announces. */
  hasMessage (messageIdHex: string): boolean {
    const head = this.get(messageIdHex)
    if (!head) return false
    for (let i = 1; i < (head.count ?? 1); i++) if (!this.getFragment(messageIdHex, i)) return false
    return true
  }

  getFragment (messageIdHex: string, index: number): CacheEntry | undefined {
    const id = this.#fragments.get(`${messageIdHex}/${index}`)
    return id === undefined ? undefined : this.get(id)
  }

  /** Inserts an entry (no-op if present); returns the entries evicted to make room. */
  insert (entry: CacheEntry): CacheEntry[] {
    if (this.has(entry.idHex)) return []
    const cost = entry.bytes.length + ENTRY_OVERHEAD
    if (cost > this.maxBytes) return []
    ;(entry.own ? this.#own : this.#foreign).set(entry.idHex, entry)
    if (entry.fragmentKey) this.#fragments.set(entry.fragmentKey, entry.idHex)
    this.#summaries.clear()
    this.#bytes += cost
    const out: CacheEntry[] = []
    while (this.#bytes > this.maxBytes) {
      const from = this.#foreign.size > 0 ? this.#foreign : this.#own
      const oldest = from.values().next().value as CacheEntry
      this.delete(oldest.idHex)
      this.evicted++
      out.push(oldest)
    }
    return out
  }

  delete (idHex: string): void {
    const e = this.get(idHex)
    if (!e) return
    this.#own.delete(idHex) || this.#foreign.delete(idHex)
    this.#summaries.clear()
    if (e.fragmentKey && this.#fragments.get(e.fragmentKey) === idHex) this.#fragments.delete(e.fragmentKey)
    this.#bytes -= e.bytes.length + ENTRY_OVERHEAD
  }

  /** Marks the packets of a newly joined subcluster as own, so eviction spares them. */
  adopt (subclusterHex: string): void {
    for (const [k, e] of this.#foreign) {
      if (e.subclusterHex === subclusterHex) { this.#foreign.delete(k); e.own = true; this.#own.set(k, e) }
    }
  }

  * entries (): IterableIterator<CacheEntry> {
    yield * this.#own.values()
    yield * this.#foreign.values()
  }

  idsWithPrefix (prefix: string): CacheEntry[] {
    const out: CacheEntry[] = []
    for (const e of this.entries()) if (e.idHex.startsWith(prefix)) out.push(e)
    return out
  }

  /** 16 bucket hashes for the ids under `prefix` (null for an empty bucket). */
  summarize (prefix: string): Array<Uint8Array | null> {
    let memo = this.#summaries.get(prefix)
    if (!memo) this.#summaries.set(prefix, memo = this.#summarize(prefix))
    return memo
  }

  #summarize (prefix: string): Array<Uint8Array | null> {
    const groups: string[][] = Array.from({ length: 16 }, () => [])
    for (const e of this.entries()) {
      if (e.idHex.length > prefix.length && e.idHex.startsWith(prefix)) groups[parseInt(e.idHex[prefix.length], 16)].push(e.idHex)
    }
    return groups.map(g => g.length === 0 ? null : bucketHash(g))
  }
}

const ENCODER = new TextEncoder()

function bucketHash (idsHex: string[]): Uint8Array {
  idsHex.sort()
  return sha256(ENCODER.encode(idsHex.join(''))).subarray(0, SYNC_HASH_BYTES)
}

