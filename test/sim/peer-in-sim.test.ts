// The product's peer (runtime-js/peer) runs unchanged on the simulated fabric: a small network of easy NATs
// forms, and published messages reach the subscribers. Same seed, same event log, with the real protocol.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseScenario } from '../../sim/scenario.ts'
import { runScenario } from '../../sim/runner.ts'
import { peerDriver } from '../../sim/protocols/peer-driver.ts'

const scenario = parseScenario({
  name: 'peer-in-sim', seed: 11, durationMs: 60_000, peers: 12, introducers: 1,
  nat: { open: 0.25, 'full-cone': 0.25, 'address-restricted': 0.25, 'port-restricted': 0.25 },
  subscribeFraction: 0.5,
  publish: [{ atMs: 30_000, count: 3, intervalMs: 2000, from: 'subscriber', bytes: 300 }],
  sampleEveryMs: 5000
})

test('runtime-js/peer delivers published messages to subscribers across NATs in the simulator', async () => {
  const result = await runScenario(scenario, peerDriver)
  assert.equal(result.messages.published, 3)
  assert.equal(result.errors.count, 0, result.errors.first.join('\n'))
  assert.equal(result.messages.duplicateDeliveries, 0, 'a message is delivered at most once per peer')
  assert.ok(result.messages.reach[1].reachedShare === 1, `every message reached 90% of subscribers: ${JSON.stringify(result.messages.reach[1])}`)
  assert.ok((result.messages.finalSurvival ?? 0) === 1, 'every message is still held somewhere')
  assert.ok(result.traffic.byKind.publish.sentDatagrams > 0)
})

test('two runs of runtime-js/peer with the same seed produce the same event log', async () => {
  const a = await runScenario({ ...scenario, durationMs: 35_000 }, peerDriver)
  const b = await runScenario({ ...scenario, durationMs: 35_000 }, peerDriver)
  assert.equal(a.logHash, b.logHash)
  assert.equal(a.events, b.events)
})
