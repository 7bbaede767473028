// The NAT matrix (too heavy for npm test; run as root: `npx tsx test/peer/nat-matrix.ts [delayMs jitterMs
// lossPercent seconds [forward|reverse]]`). Two sites of every NAT kind (open, full cone, address-, port-restricted, symmetric),
// every pair of sites in a room of its own (so each side knows one member there and every strategy, the
// birthday method included, is allowed), links shaped. After `seconds`, prints per NAT pair how many site pairs
// punched (connected directly, and the strategy) or relayed, as a markdown table, and exits 1 if a pair that
// is punchable in principle did not punch. docs/netns-lab.md has the measured results.
import { NAT_KINDS, NatLab, labUnavailable, type NatKind } from './netns-lab.ts'
import { allPairs, introducers, label, natNow, outcome, pairRoom, punched, ready, startPeers } from './nat-lab-run.ts'
import { waitFor } from './helpers.ts'

const [delayMs = 20, jitterMs = 5, lossPercent = 1, seconds = 60] = process.argv.slice(2, 6).map(Number)
/** 'reverse' starts the symmetric sites first (start order matters on a loaded machine: see docs/netns-lab.md). */
const order = process.argv[6] ?? 'forward'
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
await lab.create(kinds, { delayMs, jitterMs, lossPercent, seed: started % 1_000_000 })
const procs = await startPeers(lab, site => lab.sites.filter(o => o !== site).map(o => pairRoom(site, o)), true)
await new Promise(resolve => setTimeout(resolve, seconds * 1000))
// Counters (drops by reason) of the introducers and of every peer whose NAT type stayed unknown.
const undetected = procs.filter(p => natNow(p) === 'unknown')
for (const p of [...undetected]) p.child.stdin?.write('metrics\n')
introducers.child?.stdin?.write('metrics\n')
await waitFor('counters', () => introducers.lines.some(l => l.metrics) && undetected.every(p => p.lines.some(l => l.metrics)), 10_000).catch(() => {})
const stats = await lab.shaperStats()
const detected = procs.map(p => `${label(p)}: ${ready(p).name} at ready${natNow(p) !== ready(p).name ? `, ${natNow(p)} later` : ''}`)

const cells = new Map<string, string[]>()
const failures: string[] = []
for (const [a, b] of allPairs(procs)) {
  const ab = punched(a, b)
  const ba = punched(b, a)
  const both = ab !== undefined && ba !== undefined
  const result = both ? `punched (${ab.strategy})` : `relayed (${outcome(a, b)?.state ?? 'none'}/${outcome(b, a)?.state ?? 'none'})`
  const key = `${a.site.kind} ↔ ${b.site.kind}`
  cells.set(key, [...(cells.get(key) ?? []), result])
  if (!both && punchable(a.site.kind, b.site.kind)) failures.push(`${label(a)} ↔ ${label(b)}: ${result}`)
}
console.log(`shaping: ${lab.shaping}${lab.netemUnavailable ? ` (tc netem: ${lab.netemUnavailable})` : ''}; per uplink and direction delay ${delayMs} ± ${jitterMs} ms, loss ${lossPercent}%; observed ${seconds} s after every peer was ready; sites started one by one, ${order} order`)
if (stats) console.log(`shaper: ${stats.packets} datagrams, ${stats.dropped} dropped (${(100 * stats.dropped / Math.max(1, stats.packets)).toFixed(2)}%)`)
console.log(`detected: ${detected.join(', ')}`)
console.log('\n| pair | site pairs | result |\n| --- | --- | --- |')
for (const [key, results] of cells) {
  const counts = new Map<string, number>()
  for (const r of results) counts.set(r, (counts.get(r) ?? 0) + 1)
  console.log(`| ${key} | ${results.length} | ${[...counts].map(([r, n]) => `${n}× ${r}`).join(', ')} |`)
}
console.log(`\nwall time ${((Date.now() - started) / 1000).toFixed(0)} s`)
const drops = (m: any, probe?: unknown): string => JSON.stringify({ received: m?.received, dropped: m?.dropped, probe })
for (const [i, m] of (introducers.lines.find(l => l.metrics)?.metrics ?? []).entries()) console.log(`introducer ${i + 1}: ${drops(m)}`)
for (const p of undetected) console.log(`${label(p)} (NAT unknown): ${drops(p.lines.find(l => l.metrics)?.metrics, p.lines.find(l => l.metrics)?.probeTraffic)}`)
if (failures.length > 0) { console.log(`\npunchable but relayed:\n${failures.join('\n')}`); process.exitCode = 1 }
process.exit()
