// The simulator's own speed: events per wall second for a bare event loop (the baseline: timers that do
// nothing) and for the full fabric (datagrams through NATs, the flooding baseline protocol, metrics), in the
// same process. Writes docs/simulation/bench.md.
import { writeFileSync, mkdirSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { Simulation } from '../sim/core/simulation.ts'
import { parseScenario } from '../sim/scenario.ts'
import { runScenario } from '../sim/runner.ts'
import { floodingDriver } from '../sim/baseline/flooding.ts'

async function bareLoop (events: number): Promise<{ events: number, wallMs: number }> {
  const sim = new Simulation('bench')
  const random = sim.random.fork('t')
  let left = events
  const tick = (): void => { if (--left > 0) sim.after(random.float() * 10, tick) }
  for (let i = 0; i < 100; i++) sim.after(random.float() * 10, tick)
  const started = performance.now()
  await sim.run(Infinity)
  return { events: sim.eventsRun, wallMs: performance.now() - started }
}

async function fabricRun (peers: number, minutes: number): Promise<{ events: number, wallMs: number, simMs: number }> {
  const scenario = parseScenario({
    name: 'bench', seed: 1, durationMs: minutes * 60_000, peers, introducers: 4, loss: 0.01,
    nat: { open: 0.1, 'full-cone': 0.15, 'address-restricted': 0.2, 'port-restricted': 0.25, symmetric: 0.3 },
    publish: [{ atMs: 60_000, count: 10, intervalMs: 10_000, from: 'subscriber', bytes: 512 }],
    sampleEveryMs: 60_000
  })
  const result = await runScenario(scenario, floodingDriver)
  return { events: result.events, wallMs: result.wallMs, simMs: result.simulatedMs }
}

const bare = await bareLoop(2_000_000)
const full = await fabricRun(1000, 5)
const bareRate = bare.events / bare.wallMs * 1000
const fullRate = full.events / full.wallMs * 1000
const table = [
  '# Simulator throughput', '',
  `Measured ${new Date().toISOString()} by \`npm run bench -- sim\` on this machine (shared with other work: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; numbers move with load).`, '',
  '| run | events | wall | events / s | cost per event vs bare loop | simulated / wall |',
  '| --- | --- | --- | --- | --- | --- |',
  `| bare event loop (baseline) | ${bare.events} | ${(bare.wallMs / 1000).toFixed(2)} s | ${bareRate.toFixed(0)} | 1.0× | – |`,
  `| 1000 peers, flooding, 5 min, NAT mix | ${full.events} | ${(full.wallMs / 1000).toFixed(2)} s | ${fullRate.toFixed(0)} | ${(bareRate / fullRate).toFixed(1)}× | ×${(full.simMs / full.wallMs).toFixed(1)} |`,
  ''
].join('\n')
mkdirSync('docs/simulation', { recursive: true })
writeFileSync('docs/simulation/bench.md', table)
console.log(table)
