// Diagnostic: runs one scenario with the peer protocol and names the subscribers that got a message late (or
// never): at the moment of the publish, their NAT (real and detected), age, readiness, direct connections and
// direct/relayed/known members. Usage: npx tsx sim/trace-late.ts <scenario> <seed> [lateMs=2500]
import { Peer } from '../runtime-js/peer/peer.ts'
import { natName } from '../runtime-js/peer/nat.ts'
import { loadScenario } from './scenario.ts'
import { loadDriver } from './protocols/registry.ts'
import { runScenario } from './runner.ts'
import { Fabric } from './net/fabric.ts'

// Drops per host and direction ('out:reason' sent by it, 'in:reason' meant for it).
const drops = new Map<number, Map<string, number>>()
const count = (id: number, key: string): void => {
  const m = drops.get(id) ?? new Map<string, number>()
  drops.set(id, m)
  m.set(key, (m.get(key) ?? 0) + 1)
}
const proto = Fabric.prototype as unknown as { drop: (reason: string, from: number, to: number, kind: unknown) => void }
const drop = proto.drop
// TRACE_HOSTS=1,2 (host ids) and TRACE_FROM/TRACE_TO (seconds): every datagram sent, delivered or dropped.
const traced = new Set((process.env.TRACE_HOSTS ?? '').split(',').filter(Boolean).map(Number))
const fromS = Number(process.env.TRACE_FROM ?? 0) * 1000, toS = Number(process.env.TRACE_TO ?? 1e9) * 1000
const KINDS = ['?', 'ping', 'pong', 'intro', 'join', 'publish', 'stream', 'sync', 'query']
const kindOf = (d: Uint8Array): string => KINDS[d[3]] ?? 'junk'
const fab = Fabric.prototype as unknown as {
  send: (socket: { host: { id: number, fabric: Fabric } }, payload: Uint8Array, port: number, address: string) => void
  handOver: (d: { from: { id: number }, to: { id: number }, data: Uint8Array, fabric: Fabric }) => void
}
const send = fab.send, handOver = fab.handOver
const at = (f: Fabric): string => ((f as unknown as { sim: { now: number } }).sim.now / 1000).toFixed(3)
const inWindow = (f: Fabric): boolean => { const n = (f as unknown as { sim: { now: number } }).sim.now; return n >= fromS && n <= toS }
fab.send = function (socket, payload, port, address) {
  if (traced.has(socket.host.id) && inWindow(this as unknown as Fabric)) console.log(`T ${at(this as unknown as Fabric)} ${socket.host.id} send ${kindOf(payload)} -> ${address}:${port}`)
  return send.call(this, socket, payload, port, address)
}
fab.handOver = function (d) {
  if ((traced.has(d.to.id) || traced.has(d.from.id)) && inWindow(d.fabric)) console.log(`T ${at(d.fabric)} ${d.to.id} recv ${kindOf(d.data)} <- host ${d.from.id}`)
  return handOver.call(this, d)
}
proto.drop = function (reason, from, to, kind) {
  if ((traced.has(from) || traced.has(to)) && inWindow(this as unknown as Fabric)) console.log(`T ${at(this as unknown as Fabric)} drop ${reason} ${from} -> ${to}`)
  count(from, `out:${reason}`)
  if (to >= 0) count(to, `in:${reason}`)
  return drop.call(this, reason, from, to, kind)
}

const [target = 'harsh-128-combined', seedArg = '1184297817', lateArg = '2500'] = process.argv.slice(2)
const late = Number(lateArg)
const live: Peer[] = []
const readyAt = new Map<Peer, number>()
const natAt = new Map<Peer, number>()
const start = Peer.prototype.start
let now = (): number => 0
Peer.prototype.start = function (this: Peer) {
  live.push(this)
  this.on('ready', () => readyAt.set(this, now()))
  this.on('nat', () => natAt.set(this, now()))
  return start.call(this)
}

interface Snap { nat: string, ready: number | null, natAt: number | null, direct: number, directMembers: number, relayedMembers: number, knownMembers: number, introducerConnected: boolean }
const snaps = new Map<string, Map<string, Snap>>() // message id -> host id -> snapshot
const hostOf = new Map<Peer, string>()
const publisherOf = new Map<string, Snap>()

function snapshot (p: Peer): Snap {
  let direct = 0, directMembers = 0, relayedMembers = 0, knownMembers = 0, introducerConnected = false
  const sc = p.subclusters[0]
  for (const r of p.peers.values()) {
    if (r.connected && !r.proxy) direct++
    if (r.introducer && r.connected) introducerConnected = true
    if (sc === undefined || !r.subclusters.has(sc)) continue
    knownMembers++
    if (r.connected && !r.proxy) directMembers++
    else if (r.proxy) relayedMembers++
  }
  return { nat: natName(p.natType), ready: readyAt.get(p) ?? null, natAt: natAt.get(p) ?? null, direct, directMembers, relayedMembers, knownMembers, introducerConnected }
}

const file = target.endsWith('.json') ? target : `sim/scenarios/${target}.json`
const scenario = loadScenario(file)
scenario.seed = Number(seedArg)
const driver = await loadDriver('peer')
const origStart = driver.start.bind(driver)
driver.start = async (ctx) => {
  now = () => ctx.host.fabric.sim.now
  const pending = origStart(ctx)
  const host = ctx.host
  const peer = live[live.length - 1]
  hostOf.set(peer, String(host.id))
  const node = await pending
  const publish = node.publish.bind(node)
  node.publish = (topic, payload) => {
    const id = publish(topic, payload)
    const m = new Map<string, Snap>()
    for (const p of live) m.set(hostOf.get(p) ?? '', snapshot(p))
    snaps.set(id, m)
    publisherOf.set(id, snapshot(peer))
    return id
  }
  return node
}
const result = await runScenario(scenario, driver, {
  onProgress: () => {}
})
const { metrics } = result.run
const byIndex = metrics.nodes
let lateCount = 0
for (const m of metrics.messages.values()) {
  const rows: string[] = []
  for (const t of m.targets) {
    const at = m.delivered.get(t)
    const rec = byIndex[t]
    const left = rec.leftAt !== null && (at === undefined || rec.leftAt < at)
    if (at !== undefined && at - m.publishedAt < late) continue
    if (at === undefined && left) continue
    const s = snaps.get(m.id)?.get(String(rec.host.id))
    const age = m.publishedAt - rec.joinedAt
    rows.push(`  node ${t} nat=${rec.host.nat?.type ?? 'open'} ${at === undefined ? 'NEVER' : `+${((at - m.publishedAt) / 1000).toFixed(2)}s`} age=${(age / 1000).toFixed(1)}s ` +
      (s ? `detected=${s.nat} ready=${s.ready === null ? 'no' : ((s.ready - rec.joinedAt) / 1000).toFixed(1) + 's'} direct=${s.direct} members direct/relayed/known=${s.directMembers}/${s.relayedMembers}/${s.knownMembers} intro=${s.introducerConnected}` : 'no snapshot'))
    lateCount++
  }
  const reached = m.reachedAt[2]
  const pub = byIndex[m.publisher]
  const ps = publisherOf.get(m.id)
  console.log(`msg ${m.id.slice(0, 8)} at ${(m.publishedAt / 1000).toFixed(0)}s targets=${m.targets.size} delivered=${[...m.targets].filter(t => m.delivered.has(t)).length} lost=${m.lostTargets} 100%=${reached === null ? 'never' : (reached / 1000).toFixed(2) + 's'}`)
  console.log(`  publisher ${m.publisher} nat=${pub.host.nat?.type ?? 'open'} age=${((m.publishedAt - pub.joinedAt) / 1000).toFixed(1)}s left=${pub.leftAt === null ? 'no' : ((pub.leftAt - m.publishedAt) / 1000).toFixed(1) + 's after'} ${ps ? `ready=${ps.ready === null ? 'no' : ((ps.ready - pub.joinedAt) / 1000).toFixed(1) + 's'} direct=${ps.direct} members=${ps.directMembers}/${ps.relayedMembers}/${ps.knownMembers}` : ''}`)
  for (const r of rows) console.log(r)
}
const never = new Set<number>()
for (const m of metrics.messages.values()) for (const t of m.targets) if (!m.delivered.has(t) && byIndex[t].leftAt === null) never.add(t)
const peerOfHost = new Map([...hostOf].map(([p, h]) => [h, p]))
for (const t of never) {
  const rec = byIndex[t]
  const p = peerOfHost.get(String(rec.host.id))
  console.log(`never-node ${t} host ${rec.host.id} nat=${rec.host.nat?.type ?? 'open'} joined=${(rec.joinedAt / 1000).toFixed(1)}s stats=${JSON.stringify(rec.host.stats)} drops=${JSON.stringify([...(drops.get(rec.host.id) ?? [])])}`)
  if (p) console.log(`  detected=${natName(p.natType)} ready=${p.ready} table=${p.peers.size} metrics=${JSON.stringify(p.metrics)}`)
}
for (const rec of byIndex.filter(r => r.role === 'introducer')) {
  console.log(`introducer ${rec.index} host ${rec.host.id} stats=${JSON.stringify(rec.host.stats)} drops=${JSON.stringify([...(drops.get(rec.host.id) ?? [])])}`)
  const p = peerOfHost.get(String(rec.host.id))
  if (p) console.log(`  table=${p.peers.size} metrics=${JSON.stringify(p.metrics)}`)
}
console.log(`late or missing: ${lateCount}; mean to 100%: ${result.messages.reach[2].timeMs.mean} (${result.messages.reach[2].reachedShare * 100}% of messages)`)
console.log(`log ${result.logHash}`)
