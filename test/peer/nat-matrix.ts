// The NAT matrix (too heavy for npm test; run as root: `npx tsx test/peer/nat-matrix.ts [delayMs jitterMs
// lossPercent seconds [forward|reverse [result.json]]]`). Two sites of every NAT kind (open, full cone, address-, port-restricted, symmetric),
// every pair of sites in a room of its own (so each side knows one member there and every strategy, the
// birthday method included, is allowed), links shaped. After `seconds`, prints per NAT pair how many site pairs
// punched (connected directly, and the strategy) or relayed, as a markdown table, and exits 1 if a pair that
// is punchable in principle did not punch. With a result path it also writes the run as JSON (settings, load
// average, per site pair: punched or relayed, strategy, time to the first direct datagram), which
// nat-matrix-report.ts turns into docs/netns-lab.md's tables.
import { writeFileSync } from 'node:fs'
import { getPriority, loadavg } from 'node:os'
import { NAT_KINDS, NatLab, labUnavailable, type NatKind } from './netns-lab.ts'
import { allPairs, introducers, label, NAT_OF, natNow, outcome, pairRoom, punched, ready, startPeers, timeToDirect } from './nat-lab-run.ts'
import { waitFor } from './helpers.ts'
import { connectionStrategy } from '../../runtime-js/peer/nat.ts'

const [delayMs = 20, jitterMs = 5, lossPercent = 1, seconds = 60] = process.argv.slice(2, 6).map(Number)
/** 'reverse' starts the symmetric sites first (start order matters on a loaded machine: see docs/netns-lab.md). */
const order = process.argv[6] ?? 'forward'
const resultPath = process.argv[7]
const why = labUnavailable()
if (why !== undefined) { console.error(`skipped: ${why}`); process.exit(0) }

/** symmetric ↔ symmetric needs a relay; port-restricted ↔ symmetric only by the birthday method (guessing). */
const punchable = (a: NatKind, b: NatKind): boolean =>
  !(a === 'symmetric' && b === 'symmetric')

const kinds = (order === 'reverse' ? [...NAT_KINDS].reverse() : NAT_KINDS).flatMap(k => [k, k])
const lab = new NatLab()
process.on('exit', () => lab.destroy())
process.on('SIGINT', () => process.exit(130))
const started = Date.now()
// The 1-minute load average, sampled every 5 s for the whole run (the machine is shared).
const load: number[] = [loadavg()[0]]
const sampler = setInterval(() => load.push(loadavg()[0]), 5000)
await lab.create(kinds, { delayMs, jitterMs, lossPercent, seed: started % 1_000_000 })
const procs = await startPeers(lab, site => lab.sites.filter(o => o !== site).map(o => pairRoom(site, o)), true)
await new Promise(resolve => setTimeout(resolve, seconds * 1000))
// Counters (drops by reason) and detection traces of the introducers and of every peer not detected at `ready`.
const undetected = procs.filter(p => ready(p).name === 'unknown')
for (const p of [...undetected]) p.child.stdin?.write('metrics\n')
for (const c of introducers.children) c.stdin?.write('metrics\n')
await waitFor('counters', () => introducers.lines.every(ls => ls.some(l => l.metrics)) && undetected.every(p => p.lines.some(l => l.metrics)), 10_000).catch(() => {})
const stats = await lab.shaperStats()
// Datagrams the kernel dropped because a socket's receive buffer was full (a process too starved to read).
const rcvbuf = (ns: string): number => {
  const udp = lab.exec(ns, ['cat', '/proc/net/snmp']).split('\n').filter(l => l.startsWith('Udp:')).map(l => l.trim().split(/\s+/))
  return Number(udp[1][udp[0].indexOf('RcvbufErrors')])
}
const bufferDrops = { introducers: rcvbuf(lab.inet), peers: Object.fromEntries(procs.map(p => [label(p), rcvbuf(p.site.host)])) }
clearInterval(sampler)
const detected = procs.map(p => `${label(p)}: ${ready(p).name} at ready${natNow(p) !== ready(p).name ? `, ${natNow(p)} later` : ''}`)

const cells = new Map<string, string[]>()
const failures: string[] = []
const pairs = []
for (const [a, b] of allPairs(procs)) {
  const ab = punched(a, b)
  const ba = punched(b, a)
  const both = ab !== undefined && ba !== undefined
  const ms = timeToDirect(a, b)
  const result = both ? `punched (${ab.strategy}) in ${((ms ?? 0) / 1000).toFixed(1)} s` : `relayed (${outcome(a, b)?.state ?? 'none'}/${outcome(b, a)?.state ?? 'none'})`
  const key = `${a.site.kind} ↔ ${b.site.kind}`
  cells.set(key, [...(cells.get(key) ?? []), result])
  if (!both && punchable(a.site.kind, b.site.kind)) failures.push(`${label(a)} ↔ ${label(b)}: ${result}`)
  pairs.push({
    a: label(a), b: label(b), kinds: [a.site.kind, b.site.kind], protocol: connectionStrategy(NAT_OF[a.site.kind], NAT_OF[b.site.kind]),
    punched: both, strategy: both ? ab.strategy : undefined, msToDirect: ms, states: [outcome(a, b)?.state, outcome(b, a)?.state]
  })
}
const loadSummary = { min: Math.min(...load), mean: load.reduce((x, y) => x + y, 0) / load.length, max: Math.max(...load) }
console.log(`load average (1 min, every 5 s): ${loadSummary.min.toFixed(1)}-${loadSummary.max.toFixed(1)}, mean ${loadSummary.mean.toFixed(1)}`)
console.log(`shaping: ${lab.shaping}${lab.netemUnavailable ? ` (tc netem: ${lab.netemUnavailable})` : ''}; per uplink and direction delay ${delayMs} ± ${jitterMs} ms, loss ${lossPercent}%; observed ${seconds} s after every peer was ready; sites started one by one, ${order} order`)
if (stats) console.log(`shaper: ${stats.packets} datagrams, ${stats.dropped} dropped (${(100 * stats.dropped / Math.max(1, stats.packets)).toFixed(2)}%), ${stats.queueDrops} more dropped at its full queue; sent on ${stats.meanLateMs} ms late on average (max ${stats.maxLateMs} ms, ${stats.lateOver50} over 50 ms)`)
console.log(`detected: ${detected.join(', ')}`)
console.log(`UDP receive-buffer drops: introducers ${bufferDrops.introducers}, peers ${JSON.stringify(bufferDrops.peers)}`)
console.log('\n| pair | site pairs | result |\n| --- | --- | --- |')
for (const [key, results] of cells) {
  const counts = new Map<string, number>()
  for (const r of results) counts.set(r, (counts.get(r) ?? 0) + 1)
  console.log(`| ${key} | ${results.length} | ${[...counts].map(([r, n]) => `${n}× ${r}`).join(', ')} |`)
}
console.log(`\nwall time ${((Date.now() - started) / 1000).toFixed(0)} s`)
const drops = (m: any, probe?: unknown): string => JSON.stringify({ received: m?.received, dropped: m?.dropped, probe })
for (const [i, m] of introducers.lines.flatMap(ls => ls.find(l => l.metrics)?.metrics ?? []).entries()) console.log(`introducer ${i + 1}: ${drops(m)}`)
/** One detection ping: when it left (s after start), from which socket to where, and its pong's delay or "lost". */
const traced = (d: any): string => `${(d.at / 1000).toFixed(1)} ${d.socket}→${d.to.split(':')[0]}${d.flags & 2 ? ' R' : ''}: ${d.pong !== undefined ? `${d.pong - d.at} ms` : 'lost'}${d.probeReply !== undefined ? ` +probe reply ${d.probeReply - d.at} ms` : ''}`
const traces: Record<string, string[]> = {}
for (const p of undetected) {
  const m = p.lines.find(l => l.metrics)
  console.log(`${label(p)} (NAT unknown at ready, ${natNow(p)} at the end): ${drops(m?.metrics, m?.probeTraffic)}`)
  traces[label(p)] = (m?.detection ?? []).map(traced)
  console.log(`  detection pings: ${traces[label(p)].join('; ')}`)
}
if (resultPath !== undefined) {
  writeFileSync(resultPath, JSON.stringify({
    date: new Date(started).toISOString(), order, seconds, shaping: lab.shaping, netemUnavailable: lab.netemUnavailable,
    shape: { delayMs, jitterMs, lossPercent }, shaper: stats, bufferDrops, load: loadSummary, nice: getPriority(), wallSeconds: Math.round((Date.now() - started) / 1000),
    detected: procs.map(p => ({ site: label(p), atReady: ready(p).name, last: natNow(p) })), pairs, failures, detectionTraces: traces
  }, null, 1))
}
if (failures.length > 0) { console.log(`\npunchable but relayed:\n${failures.join('\n')}`); process.exitCode = 1 }
process.exit()
