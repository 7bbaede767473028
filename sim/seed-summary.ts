// Means over seeds, with their spread: `npx tsx sim/seed-summary.ts docs/simulation/<name>-seed*.json …` prints
// one Markdown row per scenario (the files of one scenario are grouped by the scenario name inside them).
import { readFileSync } from 'node:fs'

interface Run { scenario: string, seed: number, logHash: string, all: { reachedShare: number, mean: number, p99: number }, finalCoverage: number, survival: number }

function load (path: string): Run {
  const r = JSON.parse(readFileSync(path, 'utf8')).results[0]
  const all = r.messages.reach.find((x: { threshold: number }) => x.threshold === 1)
  return { scenario: r.scenario, seed: r.seed, logHash: r.logHash, all: { reachedShare: all.reachedShare, mean: all.timeMs.mean, p99: all.timeMs.p99 }, finalCoverage: r.messages.finalCoverage, survival: r.messages.minSurvival }
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const groups = new Map<string, Run[]>()
for (const path of process.argv.slice(2)) {
  const run = load(path)
  const name = run.scenario.replace(/-seed\d+$/, '')
  groups.set(name, [...(groups.get(name) ?? []), run])
}
console.log('| scenario | seeds | mean time to 100% (mean over seeds) | spread (min – max of the seeds\' means) | messages reaching every subscriber | per seed |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const [name, runs] of groups) {
  // A run in which no message reached every subscriber has no time to 100%: it is named, not averaged as 0.
  const means = runs.filter(r => r.all.reachedShare > 0).map(r => r.all.mean)
  const mean = means.reduce((a, b) => a + b, 0) / means.length
  const share = runs.reduce((a, r) => a + r.all.reachedShare, 0) / runs.length
  const per = runs.map(r => `${r.seed}: ${r.all.reachedShare > 0 ? s(r.all.mean) : 'never'} (${Math.round(100 * r.all.reachedShare)}%, p99 ${s(r.all.p99)}, log ${r.logHash})`).join('; ')
  console.log(`| ${name} | ${runs.length}${means.length < runs.length ? ` (${runs.length - means.length} with no time)` : ''} | **${s(mean)}** | ${s(Math.min(...means))} – ${s(Math.max(...means))} | ${(100 * share).toFixed(1)}% | ${per} |`)
}
