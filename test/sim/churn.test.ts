// Churn schedules are followed: planned times, counts and targets; sleeping hosts hold their timers.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseScenario } from '../../sim/scenario.ts'
import { planChurn } from '../../sim/churn.ts'
import { runScenario } from '../../sim/runner.ts'
import { floodingDriver } from '../../sim/baseline/flooding.ts'
import { SeededRandom } from '../../sim/core/random.ts'
import { Simulation } from '../../sim/core/simulation.ts'
import { Fabric } from '../../sim/net/fabric.ts'

test('Poisson churn plans have about the requested rate and stay inside their window', () => {
  const actions = planChurn([{ type: 'replace', startMs: 60_000, endMs: 660_000, perMinute: 20 }], new SeededRandom(3), 3600_000)
  assert.ok(actions.length > 160 && actions.length < 240, `expected ~200 replacements, got ${actions.length}`)
  assert.ok(actions.every((a) => a.time >= 60_000 && a.time < 660_000 && a.kind === 'replace'))
  assert.deepEqual(actions.map((a) => a.time), [...actions].map((a) => a.time).sort((x, y) => x - y))
})

test('the runner carries out every planned replacement, departure, arrival and named sleep', async () => {
  const churn = [
    { type: 'replace', startMs: 10_000, endMs: 40_000, perMinute: 12 },
    { type: 'leave', startMs: 10_000, endMs: 40_000, perMinute: 4 },
    { type: 'join', startMs: 10_000, endMs: 40_000, perMinute: 4 },
    { type: 'sleep-named', peer: 'alice', atMs: 15_000, durationMs: 20_000 }
  ]
  const scenario = parseScenario({
    name: 'churn', seed: 5, durationMs: 50_000, peers: 30, introducers: 1, nat: { 'full-cone': 1 },
    named: [{ name: 'alice', topics: ['topic'] }], churn, sampleEveryMs: 5000
  })
  const planned = planChurn(scenario.churn, new Simulation('5').random.fork('churn'), scenario.durationMs)
  const result = await runScenario(scenario, floodingDriver, { record: true })
  assert.deepEqual(result.run.churnDone, planned)
  const count = (kind: string): number => planned.filter((a) => a.kind === kind).length
  assert.equal(result.peersEver, 1 + 30 + count('replace') + count('join'))
  assert.equal(result.peersAtEnd, 1 + 30 + count('join') - count('leave'))
  const log = result.run.sim.record!
  const alice = result.run.metrics.nodes.find((n) => n.name === 'alice')!.host.id
  assert.ok(log.includes(`15000.000 sleep ${alice}`), 'alice fell asleep on time')
  assert.ok(log.includes(`35000.000 wake ${alice}`), 'alice woke on time')
  const departed = result.run.metrics.nodes.filter((n) => n.leftAt !== null)
  assert.equal(departed.length, count('replace') + count('leave'))
  assert.ok(departed.every((n) => n.host.state === 'gone' && n.host.clock.pendingTimers === 0), 'departed peers have no timers left')
})

test('a sleeping host runs no timers and receives nothing; on waking its overdue timers fire', async () => {
  const sim = new Simulation('sleep')
  const fabric = new Fabric(sim, { latency: { bands: [{ weight: 1, minMs: 10, maxMs: 10 }], jitterMs: 0 } })
  const host = fabric.addHost({ nat: 'open' })
  const other = fabric.addHost({ nat: 'open' })
  const fired: number[] = []
  host.clock.setTimeout(() => fired.push(sim.now), 1000)
  host.clock.setTimeout(() => fired.push(sim.now), 5000)
  const killed = other.clock.setTimeout(() => fired.push(-1), 500)
  other.clock.clearTimeout(killed)
  const socket = host.transport.createSocket()
  await socket.bind(9000)
  let received = 0
  socket.onMessage(() => received++)
  const sender = other.transport.createSocket()
  sim.at(500, () => host.sleep())
  sim.at(2000, () => sender.send(new Uint8Array([1]), 9000, host.publicAddress))
  sim.at(3000, () => host.wake())
  sim.at(4000, () => sender.send(new Uint8Array([1]), 9000, host.publicAddress))
  await sim.run(10_000)
  assert.deepEqual(fired, [3000, 5000])
  assert.equal(received, 1)
  assert.equal(fabric.traffic.dropsByReason.get('asleep'), 1)
})
