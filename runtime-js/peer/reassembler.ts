// Puts fragmented messages back together. Fragments may arrive in any order and before their head; each is
// filed by its own id, and the message grows by following the head's `nextId` chain, so a fragment whose
// content was altered (its id no longer matches the link) is simply never used. Memory is bounded by bytes.
import { toHex } from './bytes.ts'
import type { Packet } from './packet.ts'

interface Pending {
  head?: Packet
  parts: Map<string, Packet>
  chunks: Uint8Array[]
  cursor?: string
  bytes: number
  lastProgress: number
  lastQuery: number
  queried: number
}

const MAX_QUERIES = 128

export interface Missing { messageId: string, index?: number }

export interface Completed { messageId: string, head: Packet, payload: Uint8Array }

export class Reassembler {
  #pending = new Map<string, Pending>()
  #bytes = 0

  constructor (private readonly maxBytes: number, private readonly maxAgeMs: number) {}

  get bytes (): number { return this.#bytes }
  get size (): number { return this.#pending.size }

  /** Files a packet (already known to be new); returns the message when it is complete. */
  add (p: Packet, idHex: string, now: number): Completed | undefined {
    if (p.count === 1) return { messageId: idHex, head: p, payload: p.message }
    const messageId = p.index === 0 ? idHex : (p.previousId ? toHex(p.previousId) : undefined)
    if (messageId === undefined) return undefined
    let m = this.#pending.get(messageId)
    if (!m) this.#pending.set(messageId, m = { parts: new Map(), chunks: [], bytes: 0, lastProgress: now, lastQuery: 0, queried: 0 })
    if (p.index === 0) {
      if (m.head) return undefined
      m.head = p
      m.chunks.push(p.message)
      m.cursor = p.nextId ? toHex(p.nextId) : undefined
    } else {
      if (m.parts.has(idHex)) return undefined
      m.parts.set(idHex, p)
    }
    m.bytes += p.message.length
    this.#bytes += p.message.length
    m.lastProgress = now
    m.queried = 0
    const done = this.#advance(messageId, m)
    this.#bound()
    return done
  }

  /** Notes a message whose head has not come yet (a fragment of it was held, unvouched): the head is asked for
   * once it is stalled. */
  expect (messageId: string, now: number): void {
    if (!this.#pending.has(messageId)) this.#pending.set(messageId, { parts: new Map(), chunks: [], bytes: 0, lastProgress: now, lastQuery: 0, queried: 0 })
  }

  #advance (messageId: string, m: Pending): Completed | undefined {
    const head = m.head
    if (!head) return undefined
    while (m.cursor !== undefined) {
      const part = m.parts.get(m.cursor)
      if (!part || part.index !== m.chunks.length || part.count !== head.count) return undefined
      m.chunks.push(part.message)
      m.parts.delete(m.cursor)
      m.cursor = part.nextId ? toHex(part.nextId) : undefined
    }
    this.drop(messageId)
    if (m.chunks.length !== head.count) return undefined
    const payload = new Uint8Array(m.chunks.reduce((n, c) => n + c.length, 0))
    let at = 0
    for (const c of m.chunks) { payload.set(c, at); at += c.length }
    return { messageId, head, payload }
  }

  drop (messageId: string): void {
    const m = this.#pending.get(messageId)
    if (!m) return
    this.#bytes -= m.bytes
    this.#pending.delete(messageId)
  }

  #bound (): void {
    while (this.#bytes > this.maxBytes && this.#pending.size > 0) this.drop(this.#pending.keys().next().value as string)
  }

  /** What to ask the network for, per message stalled for `delayMs`: its head (by id) when it is missing,
   * else the positions of the fragments not held. */
  stalled (now: number, delayMs: number): Missing[] {
    const out: Missing[] = []
    for (const [messageId, m] of this.#pending) {
      if (now - m.lastProgress > this.maxAgeMs) { this.drop(messageId); continue }
      if (now - Math.max(m.lastProgress, m.lastQuery) < delayMs * (1 + m.queried)) continue
      m.queried++
      m.lastQuery = now
      if (!m.head) { out.push({ messageId }); continue }
      const held = new Set<number>()
      for (const part of m.parts.values()) held.add(part.index)
      for (let i = m.chunks.length; i < m.head.count && out.length < MAX_QUERIES; i++) if (!held.has(i)) out.push({ messageId, index: i })
    }
    return out
  }
}
