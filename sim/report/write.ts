// Writes one scenario's results: <name>.json (everything, samples included), <name>.md (the table) and
// <name>-coverage.svg / <name>-survival.svg (over time, one line per protocol).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunResult } from '../result.ts'
import type { Scenario } from '../scenario.ts'
import { scenarioTable } from './markdown.ts'
import { lineChart } from './svg-chart.ts'
import type { SourceStamp } from './source.ts'

export function writeResults (dir: string, scenario: Scenario, results: RunResult[], source: SourceStamp): string[] {
  mkdirSync(dir, { recursive: true })
  const base = join(dir, scenario.name)
  const minutes = scenario.durationMs >= 3 * 3600_000 ? 60 : 1
  const unit = minutes === 60 ? 'hours' : 'minutes'
  const x = (t: number): number => t / 60_000 / minutes
  const files = [`${base}.json`, `${base}.md`, `${base}-coverage.svg`, `${base}-survival.svg`]
  writeFileSync(files[0], JSON.stringify({ source, scenario, results }, null, 1) + '\n')
  const header = [`# ${scenario.name}`, '', scenario.description, '', ...(scenario.claim !== undefined ? [`Claim: ${scenario.claim}`, ''] : []),
    `Seed ${scenario.seed}; ${scenario.peers} peers + ${scenario.introducers} introducers; ${(scenario.durationMs / 60_000).toFixed(1)} simulated minutes. ` +
    `Protocol source: runtime-js/peer at ${source.peerCommit}${source.peerTreeDirty ? ` plus uncommitted changes (diff ${source.peerDiffHash})` : ''}. ` +
    'Times are mean / p50 / p99 over messages. "Reached X%" counts the subscribers online at publish time (leavers drop out of the count).', '', '']
  writeFileSync(files[1], header.join('\n') + scenarioTable(results) +
    `\n![coverage](${scenario.name}-coverage.svg)\n\n![survival](${scenario.name}-survival.svg)\n`)
  writeFileSync(files[2], lineChart({
    title: `${scenario.name}: share of online subscribers holding each message (mean)`,
    xLabel: `simulated ${unit}`, yLabel: 'coverage', yMin: 0, yMax: 1,
    series: results.map((r) => ({ name: r.protocol, points: r.samples.map((s) => [x(s.time), s.coverage] as [number, number]) }))
  }))
  writeFileSync(files[3], lineChart({
    title: `${scenario.name}: messages still held by an online peer`,
    xLabel: `simulated ${unit}`, yLabel: 'survival', yMin: 0, yMax: 1,
    series: results.map((r) => ({ name: r.protocol, points: r.samples.map((s) => [x(s.time), s.survival] as [number, number]) }))
  }))
  return files
}
