// Reach times: a threshold is reached at the delivery that meets it. When an unreached subscriber leaves (it no
// longer counts), the reach time is still that of the last delivery needed, not the moment it left.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Metrics, type NodeRecord } from '../../sim/metrics.ts'

function network (subscribers: number): { metrics: Metrics, setNow: (t: number) => void } {
  let now = 0
  const metrics = new Metrics(() => now)
  for (let i = 0; i <= subscribers; i++) {
    // Node 0 publishes; the others subscribe. Only the fields Metrics reads.
    metrics.nodes.push({ index: i, name: null, role: 'peer', topics: ['t'], host: { state: 'up' }, node: null, joinedAt: 0, leftAt: null, started: true } as unknown as NodeRecord)
  }
  return { metrics, setNow: (t) => { now = t } }
}

test('each threshold is reached at the delivery that meets it', () => {
  const { metrics, setNow } = network(4)
  setNow(1000)
  metrics.published('m', 't', 0)
  const deliver = (node: number, at: number): void => { setNow(at); metrics.delivered(node, 'm') }
  deliver(1, 1100); deliver(2, 1200); deliver(3, 1300)
  assert.deepEqual(metrics.messages.get('m')!.reachedAt, [200, null, null], '50% at the second of four')
  deliver(4, 1400)
  assert.deepEqual(metrics.messages.get('m')!.reachedAt, [200, 400, 400])
})

test('a subscriber that leaves unreached no longer counts, and does not stretch the reach time', () => {
  const { metrics, setNow } = network(4)
  setNow(1000)
  metrics.published('m', 't', 0)
  for (const [node, at] of [[1, 1100], [2, 1200], [3, 1300]]) { setNow(at); metrics.delivered(node, 'm') }
  // Subscriber 4 never gets it (asleep), and is removed ten minutes later.
  setNow(601_000)
  metrics.left(4)
  assert.deepEqual(metrics.messages.get('m')!.reachedAt, [200, 300, 300], 'every remaining subscriber had it at 1300')
})
