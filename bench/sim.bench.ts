// The simulator's own speed: CPU time per event for a bare event loop (the baseline: timers that do
// nothing) and for the full fabric (datagrams through NATs, the flooding baseline protocol, metrics) at 1,000
// and 10,000 hosts, in the same process. CPU time, not wall time: the machine is shared. Writes the table at
// the top of docs/simulation/bench.md and keeps everything from "## Earlier measurements" on.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { Simulation } from '../sim/core/simulation.ts'
import { parseScenario } from '../sim/scenario.ts'
import { runScenario } from '../sim/runner.ts'
import { floodingDriver } from '../sim/baseline/flooding.ts'

interface Measured { events: number, wallMs: number, cpuMs: number, simMs: number | null, logHash: string }

async function bareLoop (events: number): Promise<Measured> {
  const sim = new Simulation('bench')
  const random = sim.random.fork('t')
  let left = events
  const tick = (): void => { if (--left > 0) sim.after(random.float() * 10, tick) }
  for (let i = 0; i < 100; i++) sim.after(random.float() * 10, tick)
  const started = performance.now()
  const cpu = process.cpuUsage()
  await sim.run(Infinity)
  const used = process.cpuUsage(cpu)
  return { events: sim.eventsRun, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, simMs: null, logHash: sim.logHash }
}

async function fabricRun (peers: number, durationMs: number): Promise<Measured> {
  const scenario = parseScenario({
    name: 'bench', seed: 1, durationMs, peers, introducers: 4, loss: 0.01,
    nat: { open: 0.1, 'full-cone': 0.15, 'address-restricted': 0.2, 'port-restricted': 0.25, symmetric: 0.3 },
    publish: [{ atMs: 60_000, count: 10, intervalMs: 10_000, from: 'subscriber', bytes: 512 }],
    sampleEveryMs: 60_000
  })
  const result = await runScenario(scenario, floodingDriver)
  return { events: result.events, wallMs: result.wallMs, cpuMs: result.cpuMs, simMs: result.simulatedMs, logHash: result.logHash }
}

function commit (): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'sim', 'bench/sim.bench.ts'], { encoding: 'utf8' }).trim() !== ''
    return dirty ? `${head} plus uncommitted changes in sim/` : head
  } catch {
    return 'unknown'
  }
}

const load = loadavg()[0]
const runs: Array<[string, Measured]> = [
  ['bare event loop (baseline)', await bareLoop(2_000_000)],
  ['1,000 hosts, flooding, 5 simulated min, NAT mix', await fabricRun(1000, 5 * 60_000)],
  ['10,000 hosts, flooding, first 3 simulated s (the join storm)', await fabricRun(10_000, 3000)]
]
const bareCost = runs[0][1].cpuMs / runs[0][1].events
const row = ([name, m]: [string, Measured]): string =>
  `| ${name} | ${m.events} | ${(m.cpuMs / 1000).toFixed(2)} s | ${(m.wallMs / 1000).toFixed(2)} s | ${(m.events / m.cpuMs * 1000).toFixed(0)} | ` +
  `${(m.cpuMs * 1000 / m.events).toFixed(2)} | ${(m.cpuMs / m.events / bareCost).toFixed(1)}× | ${m.simMs === null ? '–' : `×${(m.simMs / m.cpuMs).toFixed(1)}`} | ${m.logHash} |`
const table = [
  '# Simulator throughput', '',
  `Measured ${new Date().toISOString()} at commit ${commit()} by \`npm run bench -- sim\` (load average ${load.toFixed(1)} on ${cpus().length} cores ` +
  'when it started; the machine is shared, so costs are CPU time, which moves less with load than wall time).', '',
  '| run | events | CPU | wall | events per CPU second | µs of CPU per event | cost per event vs bare loop | simulated / CPU | log hash |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...runs.map(row),
  ''
].join('\n')
const file = 'docs/simulation/bench.md'
const previous = existsSync(file) ? readFileSync(file, 'utf8') : ''
const kept = previous.indexOf('## Earlier measurements')
mkdirSync('docs/simulation', { recursive: true })
writeFileSync(file, kept >= 0 ? `${table}\n${previous.slice(kept)}` : table)
console.log(table)
