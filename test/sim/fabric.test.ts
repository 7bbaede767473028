// The fabric's link model: latency bands, bandwidth queues, loss, and errors inside handlers.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Simulation } from '../../sim/core/simulation.ts'
import { Fabric } from '../../sim/net/fabric.ts'
import { LinkLatency, DEFAULT_LATENCY } from '../../sim/net/latency.ts'
import { EventQueue } from '../../sim/core/event-queue.ts'
import { parseScenario, ScenarioError } from '../../sim/scenario.ts'

test('events at the same time run in the order they were scheduled', () => {
  const queue = new EventQueue()
  const order: number[] = []
  for (let i = 0; i < 50; i++) queue.push(i % 3, () => order.push(i))
  for (let e = queue.pop(); e !== undefined; e = queue.pop()) e.run()
  const expected = [...Array(50).keys()].sort((a, b) => (a % 3) - (b % 3) || a - b)
  assert.deepEqual(order, expected)
})

test('default link latencies are stable per pair, symmetric, and spread over 10-300 ms', () => {
  const latency = new LinkLatency(DEFAULT_LATENCY, 99)
  const values: number[] = []
  for (let a = 0; a < 60; a++) for (let b = a + 1; b < 60; b++) {
    const v = latency.base(a, b)
    assert.equal(v, latency.base(b, a))
    values.push(v)
  }
  assert.ok(Math.min(...values) >= 10 && Math.max(...values) <= 300)
  const share = (lo: number, hi: number): number => values.filter((v) => v >= lo && v < hi).length / values.length
  assert.ok(Math.abs(share(10, 50) - 0.5) < 0.06, `regional share ${share(10, 50)}`)
  assert.ok(Math.abs(share(150, 300.01) - 0.15) < 0.05, `intercontinental share ${share(150, 300.01)}`)
})

test('an uplink limit spaces datagrams out and tail-drops past the queue limit', async () => {
  const sim = new Simulation('bw')
  const fabric = new Fabric(sim, { latency: { bands: [{ weight: 1, minMs: 10, maxMs: 10 }], jitterMs: 0 }, maxQueueMs: 450 })
  const slow = fabric.addHost({ nat: 'open', uplinkBps: 80_000 })
  const sink = fabric.addHost({ nat: 'open' })
  const rx = sink.transport.createSocket()
  await rx.bind(1)
  const times: number[] = []
  rx.onMessage(() => times.push(sim.now))
  const tx = slow.transport.createSocket()
  // 972 + 28 header bytes = 8000 bits = 100 ms each at 80 kbit/s.
  for (let i = 0; i < 8; i++) tx.send(new Uint8Array(972), 1, sink.publicAddress)
  await sim.run(5000)
  assert.deepEqual(times, [10, 110, 210, 310, 410])
  assert.equal(fabric.traffic.dropsByReason.get('uplink-queue'), 3)
})

test('loss drops about the requested share', async () => {
  const sim = new Simulation('loss')
  const fabric = new Fabric(sim, { loss: 0.3 })
  const a = fabric.addHost({ nat: 'open' })
  const b = fabric.addHost({ nat: 'open' })
  const rx = b.transport.createSocket()
  await rx.bind(1)
  let got = 0
  rx.onMessage(() => got++)
  const tx = a.transport.createSocket()
  for (let i = 0; i < 2000; i++) tx.send(new Uint8Array(10), 1, b.publicAddress)
  await sim.run(10_000)
  assert.ok(got > 1300 && got < 1500, `delivered ${got} of 2000 at 30% loss`)
})

test('an exception in a handler is recorded and the host keeps running', async () => {
  const sim = new Simulation('err')
  const fabric = new Fabric(sim)
  const a = fabric.addHost({ nat: 'open' })
  const b = fabric.addHost({ nat: 'open' })
  const rx = b.transport.createSocket()
  await rx.bind(1)
  let calls = 0
  rx.onMessage(() => { calls++; throw new Error('boom') })
  const tx = a.transport.createSocket()
  tx.send(new Uint8Array(1), 1, b.publicAddress)
  tx.send(new Uint8Array(1), 1, b.publicAddress)
  await sim.run(10_000)
  assert.equal(calls, 2)
  assert.equal(fabric.errors.length, 2)
  assert.match(fabric.errors[0].message, /boom/)
})

test('scenario files with mistakes are rejected with the key named', () => {
  assert.throws(() => parseScenario({ name: 'x', durationMs: 1, peers: 2, nat: { cone: 1 } }), (e: Error) => e instanceof ScenarioError && /nat\.cone/.test(e.message))
  assert.throws(() => parseScenario({ name: 'x', durationMs: 1, peers: 2, peer: 3 }), /peer is not a scenario key/)
  assert.throws(() => parseScenario({ name: 'x', durationMs: 1, peers: 2, churn: [{ type: 'explode' }] }), /churn\[0\]\.type/)
  assert.throws(() => parseScenario({ name: 'x', durationMs: 1, peers: 2, publish: [{ atMs: 0, count: 1, intervalMs: 0, from: 'bob', bytes: 1 }] }), /names no peer/)
})
