// Markdown tables from run results: one table per scenario, protocols side by side.
import type { RunResult } from '../result.ts'
import type { Distribution } from '../metrics.ts'

const ms = (v: number | null): string => v === null ? '–' : v >= 60_000 ? `${(v / 60_000).toFixed(1)} min` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`
const pct = (v: number | null): string => v === null ? '–' : `${(v * 100).toFixed(1)}%`
const num = (v: number | null, digits = 1): string => v === null ? '–' : v.toFixed(digits)
const bytes = (v: number | null): string => v === null ? '–' : v >= 1e6 ? `${(v / 1e6).toFixed(2)} MB` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} kB` : `${v.toFixed(0)} B`
/** How long each worker of a split run waited for the others, as a share of the wall time. */
const waits = (r: RunResult): string => r.shares === undefined ? '' : ` (each waited for the others: ${r.shares.map((s) => pct(s.waitedMs / r.wallMs)).join(', ')})`
const dist = (d: Distribution, f: (v: number | null) => string): string => d.count === 0 ? '–' : `${f(d.mean)} / ${f(d.p50)} / ${f(d.p99)}`

export function scenarioTable (results: RunResult[]): string {
  const rows: Array<[string, (r: RunResult) => string]> = [
    ['messages published', (r) => String(r.messages.published)],
    ...r3('reached 50% of subscribers', 0),
    ...r3('reached 90% of subscribers', 1),
    ...r3('reached 100% of subscribers', 2),
    ['coverage of online subscribers at end', (r) => pct(r.messages.finalCoverage)],
    ['survival at end / lowest seen', (r) => `${pct(r.messages.finalSurvival)} / ${pct(r.messages.minSurvival)}`],
    ['deliveries (duplicates)', (r) => `${r.messages.deliveries} (${r.messages.duplicateDeliveries})`],
    ['datagrams per delivery, all / data only', (r) => `${num(r.overhead.datagramsPerDelivery)} / ${num(r.overhead.dataDatagramsPerDelivery)}`],
    ['bytes per delivery, all / data only', (r) => `${bytes(r.overhead.bytesPerDelivery)} / ${bytes(r.overhead.dataBytesPerDelivery)}`],
    ['uplink per peer, mean / p50 / p99', (r) => dist(r.perPeer.uplinkBytesPerSecond, (v) => v === null ? '–' : `${bytes(v)}/s`)],
    ['cache per peer at end, mean / p50 / p99', (r) => dist(r.perPeer.finalCacheBytes, bytes)],
    ['datagrams sent / dropped', (r) => `${r.traffic.sentDatagrams} / ${r.traffic.droppedDatagrams}`],
    ['peers ever / at end', (r) => `${r.peersEver} / ${r.peersAtEnd}`],
    ['handler errors', (r) => String(r.errors.count)],
    ['simulated / wall time (CPU time)', (r) => `${ms(r.simulatedMs)} / ${ms(r.wallMs)} (×${r.speedup.toFixed(1)}); CPU ${ms(r.cpuMs ?? null)}${(r.workers ?? 1) > 1 ? `; ${r.workers} workers${waits(r)}` : ''}`],
    ['events, log hash', (r) => `${r.events}, \`${r.logHash}\``]
  ]
  const lines = [`| metric | ${results.map((r) => r.protocol).join(' | ')} |`, `| --- | ${results.map(() => '---').join(' | ')} |`]
  for (const [label, cell] of rows) lines.push(`| ${label} | ${results.map(cell).join(' | ')} |`)
  const named = results.flatMap((r) => r.named.map((n) => `| ${r.protocol} | ${n.name} | ${n.received} / ${n.expected} | ${ms(n.lastWakeMs)} | ${dist(n.afterWakeMs, ms)} |`))
  if (named.length > 0) {
    lines.push('', '| protocol | peer | messages received / expected | last woke at | received after waking: mean / p50 / p99 |', '| --- | --- | --- | --- | --- |', ...named)
  }
  return lines.join('\n') + '\n'
}

function r3 (label: string, i: number): Array<[string, (r: RunResult) => string]> {
  return [[`${label}: share of messages; time mean / p50 / p99`, (r) => {
    const reach = r.messages.reach[i]
    return `${pct(reach.reachedShare)}; ${dist(reach.timeMs, ms)}`
  }]]
}
