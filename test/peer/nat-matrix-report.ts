// Turns NAT matrix runs (the JSON files nat-matrix.ts writes) into the markdown of docs/netns-lab.md: one line per
// run (date, order, load, shaping, drops) and one table row per NAT pair over all runs (punched or relayed, the
// strategy, the time to the first direct datagram, and whether that is what docs/protocol.md's strategy table
// says). `npx tsx test/peer/nat-matrix-report.ts run1.json run2.json … [--write docs/netns-lab.md]`: with --write,
// the text between the file's `<!-- nat-matrix:begin -->` and `<!-- nat-matrix:end -->` markers is replaced.
import { readFileSync, writeFileSync } from 'node:fs'

interface PairResult { a: string, b: string, kinds: [string, string], protocol: string, punched: boolean, strategy?: string, msToDirect?: number }
interface Run {
  bufferDrops?: { introducers: number, peers: Record<string, number> }
  date: string, order: string, seconds: number, shaping: string, netemUnavailable?: string
  shape: { delayMs: number, jitterMs: number, lossPercent: number }, shaper?: { packets: number, dropped: number, queueDrops: number, meanLateMs: number, maxLateMs: number }
  load: { min: number, mean: number, max: number }, wallSeconds: number, nice?: number
  detected: Array<{ site: string, atReady: string, last: string }>, pairs: PairResult[], failures: string[]
}

const args = process.argv.slice(2)
const writeAt = args.indexOf('--write')
const target = writeAt >= 0 ? args[writeAt + 1] : undefined
const runs: Run[] = args.filter((a, i) => writeAt < 0 || (i !== writeAt && i !== writeAt + 1)).map(f => JSON.parse(readFileSync(f, 'utf8')))
if (runs.length === 0) { console.error('usage: nat-matrix-report.ts <run.json>… [--write docs/netns-lab.md]'); process.exit(2) }

const s1 = (ms: number): string => (ms / 1000).toFixed(1)
function spread (xs: number[]): string {
  if (xs.length === 0) return '-'
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1))
  return `${s1(mean)} ± ${s1(sd)} (${s1(Math.min(...xs))}-${s1(Math.max(...xs))})`
}
const count = (xs: string[]): string => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())].map(([x, n]) => `${n}× ${x}`).join(', ')

const out: string[] = []
const { delayMs, jitterMs, lossPercent } = runs[0].shape
out.push(`Settings: ${runs[0].shaping}${runs[0].netemUnavailable !== undefined ? ` (\`tc qdisc … netem\`: "${runs[0].netemUnavailable}")` : ''}, ` +
  `per site uplink and direction ${delayMs} ± ${jitterMs} ms delay (uniform) and ${lossPercent}% loss, so site to site ` +
  `${2 * delayMs} ± ${2 * jitterMs} ms one way and about ${(100 * (1 - (1 - lossPercent / 100) ** 2)).toFixed(1)}% loss, to an introducer ` +
  `${delayMs} ± ${jitterMs} ms and ${lossPercent}%; every pair of sites in a room of its own; sites started one by one; ` +
  `observed ${runs[0].seconds} s after the last peer was ready; peers and introducers at nice ${runs[0].nice ?? '?'} (this ` +
  `shared machine's rule for long jobs), the shaper at nice -10 (it stands in for the kernel's netem). ${runs.length} run${runs.length === 1 ? '' : 's'}:`)
out.push('')
out.push('| run | date (UTC) | order | load average (1 min) min-max, mean | shaper drops (loss draw; at its full queue) | shaper lateness mean, max | receive-buffer drops (introducers; peers) | NAT detected at `ready` | wall time | punchable pairs not punched |')
out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
runs.forEach((r, i) => {
  const drops = r.shaper !== undefined ? `${(100 * r.shaper.dropped / Math.max(1, r.shaper.packets)).toFixed(2)}% of ${r.shaper.packets.toLocaleString('en')}; ${r.shaper.queueDrops}` : '-'
  const late = r.shaper !== undefined ? `${r.shaper.meanLateMs} ms, ${r.shaper.maxLateMs} ms` : '-'
  const buffers = r.bufferDrops !== undefined ? `${r.bufferDrops.introducers}; ${Object.values(r.bufferDrops.peers).reduce((a, b) => a + b, 0)}` : '-'
  const detected = r.detected.filter(d => d.atReady !== 'unknown').length
  const undetected = r.detected.filter(d => d.atReady === 'unknown').map(d => `${d.site}: ${d.last === 'unknown' ? 'never' : 'later'}`)
  out.push(`| ${i + 1} | ${r.date.slice(0, 16).replace('T', ' ')} | ${r.order} | ${r.load.min.toFixed(1)}-${r.load.max.toFixed(1)}, ${r.load.mean.toFixed(1)} | ${drops} | ${late} | ${buffers} | ` +
    `${detected} of ${r.detected.length}${undetected.length > 0 ? ` (${undetected.join(', ')})` : ''} | ${r.wallSeconds} s | ${r.failures.length === 0 ? 'none' : r.failures.join('; ')} |`)
})
out.push('')
out.push('Per NAT pair, over all runs ("time to direct": from the start of the later of the two peers\' processes to the moment both ' +
  'had heard a datagram straight from the other, so Node\'s start-up, NAT detection, joins and the introduction included; mean ± sd (min-max) over the punched site pairs; "protocol" is `connectionStrategy` in ' +
  '`runtime-js/peer/nat.ts`, the table in [protocol.md](protocol.md#nat-traversal)):')
out.push('')
out.push('| pair | protocol | site pairs × runs | punched | strategy the peers labelled it | time to direct (s) | as the protocol says |')
out.push('| --- | --- | --- | --- | --- | --- | --- |')
const byPair = new Map<string, PairResult[]>()
for (const r of runs) for (const p of r.pairs) { const k = `${p.kinds[0]} ↔ ${p.kinds[1]}`; byPair.set(k, [...(byPair.get(k) ?? []), p]) }
for (const [key, ps] of byPair) {
  const protocol = ps[0].protocol
  const punched = ps.filter(p => p.punched)
  const matches = protocol === 'relay' ? punched.length === 0 : punched.length === ps.length
  const labels = punched.map(p => p.strategy as string)
  const strayLabels = labels.filter(l => l !== protocol).length
  const verdict = !matches ? '**no**' : strayLabels > 0 ? `yes (${strayLabels} labelled otherwise)` : 'yes'
  out.push(`| ${key} | ${protocol} | ${ps.length} | ${punched.length} of ${ps.length} | ${labels.length > 0 ? count(labels) : '-'} | ` +
    `${spread(punched.map(p => p.msToDirect).filter((x): x is number => x !== undefined))} | ${verdict} |`)
}
const text = out.join('\n')
if (target === undefined) { console.log(text); process.exit(0) }
const doc = readFileSync(target, 'utf8')
const begin = '<!-- nat-matrix:begin -->'
const end = '<!-- nat-matrix:end -->'
if (!doc.includes(begin) || !doc.includes(end)) { console.error(`${target} has no ${begin} … ${end} markers`); process.exit(2) }
writeFileSync(target, `${doc.slice(0, doc.indexOf(begin) + begin.length)}\n${text}\n${doc.slice(doc.indexOf(end))}`)
console.log(`wrote ${runs.length} runs into ${target}`)
