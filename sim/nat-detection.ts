// Diagnostic: how well the peers of a scenario detect their NAT, and what their joins cost. Runs one scenario
// with the peer protocol and prints, per real NAT type, what the peers had detected when they became ready and
// at the end (or when they left), how many changed their verdict, how long detection took, and the join
// datagrams sent per minute of simulated time (a re-join storm shows here).
// Usage: npx tsx sim/nat-detection.ts <scenario> <seed>
import { Peer } from '../runtime-js/peer/peer.ts'
import { natName } from '../runtime-js/peer/nat.ts'
import { loadScenario } from './scenario.ts'
import { loadDriver } from './protocols/registry.ts'
import { runScenario } from './runner.ts'
import { Fabric } from './net/fabric.ts'

const EXPECTED: Record<string, string> = { open: 'unrestricted', 'full-cone': 'unrestricted', 'address-restricted': 'address-restricted', 'port-restricted': 'port-restricted', symmetric: 'symmetric' }
const [target = 'harsh-128-one-introducer', seedArg = '1'] = process.argv.slice(2)

interface Record_ { real: string, carrier: boolean, startedAt: number, closedAt?: number, liveAtClose?: number, introducerAtClose?: boolean, readyAt?: number, atReady?: string, verdicts: Array<{ at: number, name: string }>, peer: Peer }
const records: Record_[] = []
let now = (): number => 0
const pending: Peer[] = []
const start = Peer.prototype.start
Peer.prototype.start = function (this: Peer) { pending.push(this); return start.call(this) }
const close = Peer.prototype.close
Peer.prototype.close = function (this: Peer) {
  const r = records.find(r => r.peer === this)
  if (r && r.closedAt === undefined) { r.closedAt = now(); r.liveAtClose = live(r); r.introducerAtClose = [...this.peers.values()].some(p => p.introducer && p.connected) }
  return close.call(this)
}
/** Detection's candidates (peer.ts #detect): live direct peers. */
const live = (r: Record_): number => [...r.peer.peers.values()].filter(p => p.connected && p.proxy === undefined && p.lastSeen > 0 && now() - p.lastSeen <= (r.peer.config.keepaliveMs ?? 30_000)).length

// Datagrams per minute of simulated time, by packet type (byte 3 of the header).
const KINDS = ['?', 'ping', 'pong', 'intro', 'join', 'publish', 'stream', 'sync', 'query']
const perMinute = new Map<string, number[]>()
const fab = Fabric.prototype as unknown as { send: (socket: { host: { fabric: Fabric } }, payload: Uint8Array, port: number, address: string) => void }
const send = fab.send
fab.send = function (socket, payload, port, address) {
  const kind = KINDS[payload[3]] ?? 'junk'
  const minute = Math.floor(now() / 60_000)
  const row = perMinute.get(kind) ?? []
  row[minute] = (row[minute] ?? 0) + 1
  perMinute.set(kind, row)
  return send.call(this, socket, payload, port, address)
}

const scenario = loadScenario(target.endsWith('.json') ? target : `sim/scenarios/${target}.json`)
scenario.seed = Number(seedArg)
const driver = await loadDriver('peer')
const origStart = driver.start.bind(driver)
driver.start = async (ctx) => {
  now = () => ctx.host.fabric.sim.now
  const introducer = ctx.bootstrap.length === 0
  const node = origStart(ctx)
  const peer = pending.pop() as Peer
  if (!introducer) {
    const host = ctx.host as unknown as { nat?: { type: string } | null, carrier: unknown }
    const r: Record_ = { real: host.nat?.type ?? 'open', carrier: host.carrier != null, startedAt: now(), verdicts: [], peer }
    peer.on('ready', e => { r.readyAt = now(); r.atReady = natName(e.natType) })
    peer.on('nat', e => r.verdicts.push({ at: now(), name: e.name }))
    records.push(r)
  }
  return await node
}
await runScenario(scenario, driver, { onProgress: () => {} })

const kinds = [...new Set(records.map(r => r.real))].sort()
console.log(`${target} seed ${seedArg}: ${records.length} peers (introducers not counted)`)
let wrongAtReady = 0, wrongLast = 0, changed = 0, everWrong = 0
for (const kind of kinds) {
  const rs = records.filter(r => r.real === kind && !r.carrier)
  const count = (f: (r: Record_) => string | undefined): string => {
    const m = new Map<string, number>()
    for (const r of rs) { const k = f(r) ?? 'never ready'; m.set(k, (m.get(k) ?? 0) + 1) }
    return [...m].map(([k, n]) => `${n}× ${k}`).join(', ')
  }
  const times = rs.map(r => r.verdicts.find(v => v.name === EXPECTED[kind])).filter(v => v !== undefined)
  const delays = rs.flatMap(r => { const v = r.verdicts.find(v => v.name === EXPECTED[kind]); return v ? [(v.at - r.startedAt) / 1000] : [] }).sort((a, b) => a - b)
  const mean = delays.reduce((a, b) => a + b, 0) / Math.max(1, delays.length)
  wrongAtReady += rs.filter(r => r.atReady !== undefined && r.atReady !== 'unknown' && r.atReady !== EXPECTED[kind]).length
  wrongLast += rs.filter(r => r.verdicts.length > 0 && r.verdicts[r.verdicts.length - 1].name !== EXPECTED[kind]).length
  everWrong += rs.filter(r => r.verdicts.some(v => v.name !== EXPECTED[kind])).length
  changed += rs.filter(r => r.verdicts.length > 1).length
  console.log(`${kind} (${rs.length}): at ready ${count(r => r.atReady)}; last ${count(r => r.verdicts[r.verdicts.length - 1]?.name ?? 'unknown')}; ` +
    `never detected though up over 20 s: ${rs.filter(r => r.verdicts.length === 0 && (r.closedAt ?? now()) - r.startedAt > 20_000).length}; ` +
    `right verdict after ${mean.toFixed(2)} s mean (${times.length} of ${rs.length}; max ${(delays[delays.length - 1] ?? 0).toFixed(2)} s)`)
}
// Why some never detect: how many live direct peers (detection's candidates) they had when they closed. With
// one introducer, a peer in no topic meets nobody else, and detection needs two (harsh-128-one-introducer: every
// such peer had 1).
const stuck = records.filter(r => r.verdicts.length === 0 && (r.closedAt ?? now()) - r.startedAt > 20_000)
const hist = new Map<string, number>()
for (const r of stuck) { const k = `${r.liveAtClose ?? live(r)}${r.introducerAtClose ? '' : ' (introducer not connected)'}`; hist.set(k, (hist.get(k) ?? 0) + 1) }
console.log(`never detected though up over 20 s: ${stuck.length}; their live direct peers when they closed: ${[...hist].sort().map(([k, n]) => `${n}× ${k}`).join(', ')}`)
const carriers = records.filter(r => r.carrier)
if (carriers.length > 0) console.log(`behind a carrier NAT (${carriers.length}): last ${[...new Set(carriers.map(r => r.verdicts.at(-1)?.name ?? 'unknown'))].join(', ')}`)
console.log(`wrong at ready ${wrongAtReady}; ever wrong ${everWrong}; wrong at the end ${wrongLast}; changed verdict ${changed}`)
const minutes = Math.ceil(scenario.durationMs / 60_000)
for (const [kind, row] of [...perMinute].sort()) {
  const cells = Array.from({ length: minutes }, (_, i) => row[i] ?? 0)
  console.log(`${kind} datagrams per minute: ${cells.join(' ')} (total ${cells.reduce((a, b) => a + b, 0)})`)
}
