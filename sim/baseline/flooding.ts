// The comparison baseline: plain flooding, a tiny protocol of the simulator's own (not the product's).
// Nodes learn neighbours from an introducer, punch holes by greeting each other, keep NAT mappings alive with
// pings, and forward every new message once to every neighbour. There is no sync and no re-broadcast: what
// a node missed while away stays missed. Wire format: one type byte, then the body.
import type { Endpoint, UdpSocketLike } from '../../runtime-js/peer/transport.ts'
import type { NodeContext, ProtocolDriver, SimNode } from '../protocols/driver.ts'

const HELLO = 1, PEERS = 2, INTRO = 3, PING = 4, MSG = 5
const KIND: Record<number, string> = { [HELLO]: 'hello', [PEERS]: 'peers', [INTRO]: 'intro', [PING]: 'ping', [MSG]: 'data' }

export interface FloodingConfig { degree: number, keepaliveMs: number, neighbourTimeoutMs: number, cacheTtlMs: number, maxHops: number }
const DEFAULTS: FloodingConfig = { degree: 8, keepaliveMs: 25_000, neighbourTimeoutMs: 90_000, cacheTtlMs: 6 * 3600_000, maxHops: 16 }

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const floodingDriver: ProtocolDriver = {
  name: 'flooding',
  dataKinds: ['data'],
  classify: (data) => KIND[data[0]] ?? 'junk',
  async start (context) {
    const node = new FloodingNode(context, { ...DEFAULTS, ...(context.config as Partial<FloodingConfig>) })
    await node.start()
    return node
  }
}

interface Neighbour { endpoint: Endpoint, lastSeen: number }

class FloodingNode implements SimNode {
  private socket: UdpSocketLike
  private neighbours = new Map<string, Neighbour>()
  /** Introducer's view: everyone who said hello recently (map for lookup, array for sampling). */
  private directory = new Map<string, Neighbour>()
  private directoryList: string[] = []
  private seen = new Map<string, { expires: number, bytes: number }>()
  private timer: unknown = null
  private counter = 0
  port = 0

  constructor (private readonly ctx: NodeContext, private readonly config: FloodingConfig) {
    this.socket = ctx.host.transport.createSocket()
  }

  async start (): Promise<void> {
    this.socket.onMessage((data, from) => this.receive(data, from))
    this.port = (await this.socket.bind(this.ctx.port ?? 0)).port
    for (const introducer of this.ctx.bootstrap) this.send(HELLO, new Uint8Array(0), introducer)
    this.tick()
  }

  publish (topic: string, payload: Uint8Array): string {
    const id = this.ctx.host.id.toString(16) + '-' + (this.counter++).toString(16) + '-' + Array.from(this.ctx.random.bytes(4), (b) => b.toString(16).padStart(2, '0')).join('')
    this.accept(id, topic, 0, payload, null)
    return id
  }

  holds (messageId: string): boolean {
    const entry = this.seen.get(messageId)
    return entry !== undefined && entry.expires > this.ctx.host.clock.now() && entry.bytes > 0
  }

  cacheBytes (): number {
    let total = 0
    for (const entry of this.seen.values()) total += entry.bytes
    return total
  }

  saveState (): unknown { return null }

  close (): void {
    if (this.timer !== null) this.ctx.host.clock.clearTimeout(this.timer)
    this.socket.close()
  }

  private tick (): void {
    const now = this.ctx.host.clock.now()
    for (const [key, n] of this.neighbours) {
      if (now - n.lastSeen > this.config.neighbourTimeoutMs) this.neighbours.delete(key)
      else this.send(PING, new Uint8Array(0), n.endpoint)
    }
    for (const [key, n] of this.directory) if (now - n.lastSeen > this.config.neighbourTimeoutMs) this.directory.delete(key)
    this.directoryList = [...this.directory.keys()]
    for (const [id, entry] of this.seen) if (entry.expires <= now) this.seen.delete(id)
    if (this.neighbours.size < this.config.degree) for (const introducer of this.ctx.bootstrap) this.send(HELLO, new Uint8Array(0), introducer)
    this.timer = this.ctx.host.clock.setTimeout(() => this.tick(), this.config.keepaliveMs)
  }

  private receive (data: Uint8Array, from: Endpoint): void {
    if (data.length === 0) return
    const key = endpointKey(from.address, from.port)
    const now = this.ctx.host.clock.now()
    const type = data[0]
    if (type === HELLO) {
      if (this.ctx.bootstrap.length === 0) return this.introduce(from, key, now)
      this.addNeighbour(key, from, now)
      return
    }
    if (type === PING) {
      const n = this.neighbours.get(key)
      if (n !== undefined) n.lastSeen = now
      else if (this.neighbours.size < this.config.degree * 2) this.addNeighbour(key, from, now)
      return
    }
    if (type === PEERS || type === INTRO) {
      const list = parseEndpoints(data.subarray(1))
      if (list === null) return
      for (const endpoint of list) {
        const k = endpointKey(endpoint.address, endpoint.port)
        if (!this.neighbours.has(k) && this.neighbours.size < this.config.degree * 2) this.send(HELLO, new Uint8Array(0), endpoint)
      }
      return
    }
    if (type === MSG) {
      const n = this.neighbours.get(key)
      if (n !== undefined) n.lastSeen = now
      const parsed = parseMessage(data.subarray(1))
      if (parsed === null) return
      this.accept(parsed.id, parsed.topic, parsed.hops, parsed.payload, key)
    }
  }

  private addNeighbour (key: string, from: Endpoint, now: number): void {
    const known = this.neighbours.get(key)
    if (known !== undefined) { known.lastSeen = now; return }
    this.neighbours.set(key, { endpoint: from, lastSeen: now })
    this.send(PING, new Uint8Array(0), from)
  }

  /** Introducer: answer with a few known nodes and tell them about the newcomer, so both sides punch. */
  private introduce (from: Endpoint, key: string, now: number): void {
    // Sample without copying the whole directory: an introducer may know thousands of nodes.
    const chosen: Neighbour[] = []
    const list = this.directoryList
    for (let tries = 0; chosen.length < this.config.degree && tries < this.config.degree * 3 && list.length > 0; tries++) {
      const pick = list[Math.floor(this.ctx.random.float() * list.length)]
      const n = this.directory.get(pick)
      if (n !== undefined && pick !== key && !chosen.includes(n)) chosen.push(n)
    }
    this.send(PEERS, encodeEndpoints(chosen.map((n) => n.endpoint)), from)
    const newcomer = encodeEndpoints([from])
    for (const n of chosen) this.send(INTRO, newcomer, n.endpoint)
    const known = this.directory.get(key)
    if (known !== undefined) known.lastSeen = now
    else { this.directory.set(key, { endpoint: from, lastSeen: now }); this.directoryList.push(key) }
  }

  private accept (id: string, topic: string, hops: number, payload: Uint8Array, fromKey: string | null): void {
    if (this.seen.has(id)) return
    this.seen.set(id, { expires: this.ctx.host.clock.now() + this.config.cacheTtlMs, bytes: payload.length })
    if (fromKey !== null && this.ctx.topics.includes(topic)) this.ctx.onDeliver(id)
    if (hops >= this.config.maxHops) return
    const packet = encodeMessage(id, topic, hops + 1, payload)
    for (const [key, n] of this.neighbours) if (key !== fromKey) this.send(MSG, packet, n.endpoint)
  }

  private send (type: number, body: Uint8Array, to: Endpoint): void {
    const data = new Uint8Array(body.length + 1)
    data[0] = type
    data.set(body, 1)
    this.socket.send(data, to.port, to.address)
  }
}

/**
 * "address:port", the key of an endpoint, built once per endpoint and then shared: a node looks one up for
 * every datagram it receives, and the same string object hashes and compares faster than a fresh one.
 */
const endpointKeys = new Map<string, Map<number, string>>()
let endpointKeysKept = 0
/** Past this many, keys are built afresh (junk can name endless made-up endpoints). */
const MAX_ENDPOINT_KEYS = 500_000

function endpointKey (address: string, port: number): string {
  const byPort = endpointKeys.get(address)
  const known = byPort?.get(port)
  if (known !== undefined) return known
  const key = `${address}:${port}`
  if (endpointKeysKept < MAX_ENDPOINT_KEYS) {
    if (byPort === undefined) endpointKeys.set(address, new Map([[port, key]]))
    else byPort.set(port, key)
    endpointKeysKept++
  }
  return key
}

function encodeEndpoints (list: Endpoint[]): Uint8Array {
  return encoder.encode(list.map((e) => `${e.address}:${e.port}`).join(','))
}

function parseEndpoints (body: Uint8Array): Endpoint[] | null {
  const text = decoder.decode(body)
  if (text === '') return []
  const out: Endpoint[] = []
  for (const item of text.split(',')) {
    const match = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(item)
    if (match === null) return null
    out.push({ address: match[1], port: Number(match[2]) })
  }
  return out
}

function encodeMessage (id: string, topic: string, hops: number, payload: Uint8Array): Uint8Array {
  const head = encoder.encode(`${id}\n${topic}\n${hops}\n`)
  const out = new Uint8Array(head.length + payload.length)
  out.set(head)
  out.set(payload, head.length)
  return out
}

function parseMessage (body: Uint8Array): { id: string, topic: string, hops: number, payload: Uint8Array } | null {
  let cut = 0
  const parts: string[] = []
  for (let i = 0; i < body.length && parts.length < 3; i++) {
    if (body[i] === 10) { parts.push(decoder.decode(body.subarray(cut, i))); cut = i + 1 }
  }
  if (parts.length < 3) return null
  const hops = Number(parts[2])
  if (!Number.isInteger(hops) || hops < 0 || parts[0] === '') return null
  return { id: parts[0], topic: parts[1], hops, payload: body.subarray(cut) }
}
