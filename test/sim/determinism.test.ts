// Same seed, same event log; another seed, another log.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseScenario } from '../../sim/scenario.ts'
import { runScenario } from '../../sim/runner.ts'
import { floodingDriver } from '../../sim/baseline/flooding.ts'

const scenario = (seed: number) => parseScenario({
  name: 'determinism', seed, durationMs: 60_000, peers: 24, introducers: 2, loss: 0.02,
  nat: { open: 0.2, 'full-cone': 0.2, 'address-restricted': 0.2, 'port-restricted': 0.2, symmetric: 0.2 },
  publish: [{ atMs: 20_000, count: 3, intervalMs: 3000, from: 'subscriber', bytes: 100 }],
  churn: [{ type: 'replace', startMs: 10_000, endMs: 60_000, perMinute: 6 }, { type: 'sleep', startMs: 5000, endMs: 60_000, perMinute: 6, sleepMs: 10_000 }],
  sampleEveryMs: 5000
})

test('two runs with the same seed produce the identical event log', async () => {
  const first = await runScenario(scenario(42), floodingDriver, { record: true })
  const second = await runScenario(scenario(42), floodingDriver, { record: true })
  assert.ok(first.run.sim.record!.length > 1000, 'the run did something')
  assert.deepEqual(second.run.sim.record, first.run.sim.record)
  assert.equal(second.logHash, first.logHash)
  assert.deepEqual(second.messages, first.messages)
  assert.ok(first.messages.published === 3 && first.messages.deliveries > 0)
})

test('a different seed produces a different event log', async () => {
  const a = await runScenario(scenario(1), floodingDriver)
  const b = await runScenario(scenario(2), floodingDriver)
  assert.notEqual(a.logHash, b.logHash)
})
