// The harsher link and host models: Gilbert-Elliott burst loss, per-host clock skew and drift, and a CPU cost
// per received datagram.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Simulation } from '../../sim/core/simulation.ts'
import { Fabric } from '../../sim/net/fabric.ts'
import { parseScenario, ScenarioError } from '../../sim/scenario.ts'

/** Sends `n` numbered datagrams from one open host to another, one per `gapMs`; returns which arrived, and when. */
async function stream (fabric: Fabric, sim: Simulation, n: number, gapMs = 1): Promise<Map<number, number>> {
  const a = fabric.addHost({ nat: 'open' })
  const b = fabric.addHost({ nat: 'open' })
  const rx = b.transport.createSocket()
  await rx.bind(1)
  const got = new Map<number, number>()
  rx.onMessage((d) => got.set(new DataView(d.buffer, d.byteOffset).getUint32(0), sim.now))
  const tx = a.transport.createSocket()
  for (let i = 0; i < n; i++) {
    sim.at(i * gapMs, () => { const d = new Uint8Array(8); new DataView(d.buffer).setUint32(0, i); tx.send(d, 1, b.publicAddress) })
  }
  await sim.run(n * gapMs + 10_000)
  return got
}

/** Lost datagrams over runs of consecutive losses. */
function meanRun (got: Map<number, number>, n: number): number {
  let runs = 0
  for (let i = 0; i < n; i++) if (!got.has(i) && (i === 0 || got.has(i - 1))) runs++
  return (n - got.size) / runs
}

test('burst loss loses about the mean share, in runs of about the burst length', async () => {
  const sim = new Simulation('burst')
  const fabric = new Fabric(sim, { burstLoss: { mean: 0.05, burstLength: 5 } })
  const n = 40_000
  const got = await stream(fabric, sim, n)
  const lost = n - got.size
  assert.ok(lost > n * 0.035 && lost < n * 0.065, `lost ${lost} of ${n} at a 5% mean`)
  let runs = 0
  for (let i = 0; i < n; i++) if (!got.has(i) && (i === 0 || got.has(i - 1))) runs++
  const meanRun = lost / runs
  assert.ok(meanRun > 3.5 && meanRun < 7, `mean run of losses ${meanRun.toFixed(2)} (burst length 5)`)
  // Independent loss at the same rate makes runs of about 1.05.
  const indep = new Simulation('indep')
  const gotIndep = await stream(new Fabric(indep, { loss: 0.05 }), indep, n)
  let runsIndep = 0
  for (let i = 0; i < n; i++) if (!gotIndep.has(i) && (i === 0 || gotIndep.has(i - 1))) runsIndep++
  assert.ok((n - gotIndep.size) / runsIndep < 1.3)
})

test('a quiet sender is in a burst for about burstLength slots of time, not burstLength of its own datagrams', async () => {
  // One datagram a second: the link takes 50 idle steps of 20 ms between two, so losses are nearly independent.
  const n = 20_000
  const sim = new Simulation('quiet')
  const got = await stream(new Fabric(sim, { burstLoss: { mean: 0.05, burstLength: 5 } }), sim, n, 1000)
  const lost = n - got.size
  assert.ok(lost > n * 0.035 && lost < n * 0.065, `lost ${lost} of ${n} at a 5% mean`)
  assert.ok(meanRun(got, n) < 1.3, `mean run of losses ${meanRun(got, n).toFixed(2)} for a sender quieter than a slot`)
  // slotMs 0, the model before: the link steps at datagrams only, and the same sender loses runs of ~5 (5 s each).
  const old = new Simulation('quiet-old')
  const gotOld = await stream(new Fabric(old, { burstLoss: { mean: 0.05, burstLength: 5, slotMs: 0 } }), old, n, 1000)
  assert.ok(meanRun(gotOld, n) > 3.5, `mean run of losses ${meanRun(gotOld, n).toFixed(2)} with slotMs 0`)
})

test('each host clock has its own skew and drift, and its timers follow its own clock', async () => {
  const sim = new Simulation('clocks')
  const fabric = new Fabric(sim, { clockError: { skewMs: 5000, driftPpm: 1000 } })
  const hosts = Array.from({ length: 20 }, () => fabric.addHost({ nat: 'open' }))
  const offsets = hosts.map(h => h.clock.now() - fabric.epochMs - sim.now)
  assert.ok(offsets.every(o => Math.abs(o) <= 5000), 'skews stay within ±skewMs')
  assert.ok(new Set(offsets.map(o => Math.round(o))).size > 15, 'hosts differ')
  // A timer of 100 s on each host fires when that host's clock has advanced by 100 s.
  const advanced: number[] = []
  for (const h of hosts) {
    const start = h.clock.now()
    h.clock.setTimeout(() => advanced.push(h.clock.now() - start), 100_000)
  }
  const fired: number[] = []
  for (const h of hosts) h.clock.setTimeout(() => fired.push(sim.now), 100_000)
  await sim.run(200_000)
  for (const a of advanced) assert.ok(Math.abs(a - 100_000) < 1, `a host clock advanced ${a} ms for a 100 s timer`)
  const spread = Math.max(...fired) - Math.min(...fired)
  assert.ok(spread > 50 && spread <= 201, `timers of drifting clocks fire at different simulated times (spread ${spread} ms)`)
})

test('a CPU cost per datagram queues a burst behind the receiver, and drops what waits too long', async () => {
  const sim = new Simulation('cpu')
  const fabric = new Fabric(sim, { cpuMsPerDatagram: 2, maxQueueMs: 1000, latency: { bands: [{ weight: 1, minMs: 10, maxMs: 10 }], jitterMs: 0 } })
  const a = fabric.addHost({ nat: 'open' })
  const b = fabric.addHost({ nat: 'open' })
  const rx = b.transport.createSocket()
  await rx.bind(1)
  const at: number[] = []
  rx.onMessage(() => at.push(sim.now))
  const tx = a.transport.createSocket()
  for (let i = 0; i < 1000; i++) tx.send(new Uint8Array(10), 1, b.publicAddress) // all at once
  await sim.run(10_000)
  assert.ok(at.length >= 490 && at.length <= 510, `about 1000 ms / 2 ms were taken, got ${at.length}`)
  for (let i = 1; i < at.length; i++) assert.ok(at[i] - at[i - 1] >= 2 - 1e-9, 'one datagram per 2 ms')
})

test('scenarios accept the realism settings and reject bad ones with the key named', () => {
  const base = { name: 'r', durationMs: 1000, peers: 2 }
  const s = parseScenario({ ...base, burstLoss: { mean: 0.05, burstLength: 4 }, clockError: { skewMs: 2000, driftPpm: 100 }, cpuMsPerDatagram: 0.1 })
  assert.deepEqual(s.burstLoss, { mean: 0.05, burstLength: 4 })
  assert.throws(() => parseScenario({ ...base, burstLoss: { mean: 1.5, burstLength: 4 } }), (e: Error) => e instanceof ScenarioError && /burstLoss/.test(e.message))
  assert.equal(parseScenario({ ...base, burstLoss: { mean: 0.05, burstLength: 4, slotMs: 0 } }).burstLoss?.slotMs, 0)
  assert.throws(() => parseScenario({ ...base, burstLoss: { mean: 0.05, burstLength: 4, slotMs: -1 } }), (e: Error) => e instanceof ScenarioError && /slotMs/.test(e.message))
  assert.throws(() => parseScenario({ ...base, clockError: { skewMs: -1, driftPpm: 0 } }), /clockError/)
  assert.throws(() => parseScenario({ ...base, cpuMsPerDatagram: -1 }), /cpuMsPerDatagram/)
})
