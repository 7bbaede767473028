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

// Finding 5 of docs/simulation: with small tables an introducer forgets a newcomer within a second (hundreds of
// peers ping it), so the newcomer's join arrived from a stranger and was ignored: no introductions, a network of
// isolated pairs, 20% coverage. A join straight from the joiner now counts as contact.
test('with small peer tables, joins still bring introductions and messages reach the subscribers', async () => {
  const small = parseScenario({
    name: 'small-tables', seed: 7, durationMs: 60_000, peers: 150, introducers: 1,
    nat: { open: 0.2, 'full-cone': 0.2, 'address-restricted': 0.2, 'port-restricted': 0.2, symmetric: 0.2 },
    subscribeFraction: 0.5,
    publish: [{ atMs: 30_000, count: 3, intervalMs: 3000, from: 'subscriber', bytes: 300 }],
    sampleEveryMs: 10_000,
    config: { peer: { maxPeers: 12 } }
  })
  const result = await runScenario(small, peerDriver)
  assert.equal(result.errors.count, 0, result.errors.first.join('\n'))
  assert.ok((result.messages.finalCoverage ?? 0) >= 0.9, `subscribers holding each message at the end: ${result.messages.finalCoverage}`)
})

// Finding 9: every peer used to re-join its subclusters every 10 keepalives (5 minutes) even when well connected;
// peers that joined together refreshed together, a burst of joins and introductions. A well-connected peer
// now sends no joins once it has enough members directly connected.
test('well-connected peers do not refresh their membership with re-joins', async () => {
  const settled = parseScenario({
    name: 'no-refresh', seed: 5, durationMs: 200_000, peers: 40, introducers: 2,
    nat: { open: 0.5, 'full-cone': 0.5 },
    subscribeFraction: 1,
    sampleEveryMs: 100_000
  })
  const joins = async (durationMs: number): Promise<number> =>
    (await runScenario({ ...settled, durationMs }, peerDriver)).traffic.byKind.join?.sentDatagrams ?? 0
  const before = await joins(200_000)
  const after = await joins(400_000) // past the 5-minute mark where every peer used to re-join
  assert.ok(after - before < 10, `join datagrams between 200 s and 400 s: ${after - before}`)
})
