// A network split between worker threads: the hand-over between two workers' fabrics, and whole split runs
// (deterministic, and measuring the same network a one-process run measures).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Simulation } from '../../sim/core/simulation.ts'
import { Fabric } from '../../sim/net/fabric.ts'
import { DatagramBatch, unpack } from '../../sim/parallel/datagram-batch.ts'
import { runSplit } from '../../sim/parallel/run-split.ts'
import { lookaheadMs } from '../../sim/parallel/share.ts'
import { WindowExchange, createChannel } from '../../sim/parallel/exchange.ts'
import { runScenario } from '../../sim/runner.ts'
import { parseScenario } from '../../sim/scenario.ts'
import { peerDriver } from '../../sim/protocols/peer-driver.ts'

const LATENCY = { bands: [{ weight: 1, minMs: 20, maxMs: 20 }], jitterMs: 0 }

/** Two fabrics of one network, as two workers hold it: hosts 0, 2 run on the first, 1, 3 on the second. */
function twoWorkers () {
  const batches = [[new DatagramBatch(), new DatagramBatch()], [new DatagramBatch(), new DatagramBatch()]]
  const worker = (index: number) => {
    const sim = new Simulation('split')
    const fabric = new Fabric(sim, { latency: LATENCY, partition: { index, count: 2, outboxes: batches[index] } })
    const hosts = (['open', 'open', 'port-restricted', 'port-restricted'] as const).map((nat) => fabric.addHost({ nat }))
    return { sim, fabric, hosts }
  }
  const handOver = (from: ReturnType<typeof worker>, fromIndex: number, to: ReturnType<typeof worker>): void => {
    unpack(batches[fromIndex][1 - fromIndex].take(), to.fabric.receive.bind(to.fabric))
  }
  return { a: worker(0), b: worker(1), handOver }
}

test('hosts are split by id, and a datagram for the other worker is handed over with its arrival time', async () => {
  const { a, b, handOver } = twoWorkers()
  assert.deepEqual(a.hosts.map((h) => h.local), [true, false, true, false])
  assert.deepEqual(b.hosts.map((h) => h.local), [false, true, false, true])
  const rx = b.hosts[1].transport.createSocket()
  await rx.bind(7)
  const got: Array<{ at: number, text: string, from: string }> = []
  rx.onMessage((data, from) => got.push({ at: b.sim.now, text: new TextDecoder().decode(data), from: `${from.address}:${from.port}` }))
  const tx = a.hosts[0].transport.createSocket()
  await tx.bind(5)
  a.sim.at(3, () => tx.send(new TextEncoder().encode('hello'), 7, b.hosts[1].publicAddress))
  await a.sim.run(10, undefined, undefined, true)
  assert.equal(a.fabric.traffic.sentDatagrams, 1, 'counted as sent by the sender\'s worker')
  handOver(a, 0, b)
  await b.sim.run(100)
  assert.deepEqual(got, [{ at: 23, text: 'hello', from: `${a.hosts[0].publicAddress}:5` }])
  assert.equal(b.fabric.traffic.deliveredDatagrams, 1, 'counted as delivered by the receiver\'s worker')
})

test('the receiving worker applies its host\'s NAT: unsolicited datagrams to a port-restricted host are dropped', async () => {
  const { a, b, handOver } = twoWorkers()
  const rx = b.hosts[3].transport.createSocket() // port-restricted, on the second worker
  await rx.bind(9)
  let got = 0
  rx.onMessage(() => got++)
  const tx = a.hosts[0].transport.createSocket()
  await tx.bind(5)
  a.sim.at(1, () => tx.send(new Uint8Array(8), 9, b.hosts[3].publicAddress))
  await a.sim.run(10, undefined, undefined, true)
  handOver(a, 0, b)
  await b.sim.run(100)
  assert.equal(got, 0)
  assert.equal(b.fabric.traffic.dropsByReason.size, 1)
})

test('a network can only be split when every link has a latency above 0 ms (the lookahead)', () => {
  assert.equal(lookaheadMs({ bands: [{ weight: 1, minMs: 40, maxMs: 90 }, { weight: 1, minMs: 15, maxMs: 20 }], jitterMs: 5 }), 15)
  assert.throws(() => lookaheadMs({ bands: [{ weight: 1, minMs: 0, maxMs: 50 }], jitterMs: 0 }), RangeError)
})

test('the hand-over reads the other worker\'s window `lag` windows back, so a worker can run that far ahead', () => {
  const lag = 1
  const ab = createChannel(lag), ba = createChannel(lag)
  const posted = new Int32Array(new SharedArrayBuffer(8))
  const a = new WindowExchange(0, [null, null], [null, { out: ab, in: ba }], posted, lag)
  const b = new WindowExchange(1, [null, null], [{ out: ba, in: ab }, null], posted, lag)
  /** One window's hand-over for worker `to`: one datagram whose arrival time is `marker`. */
  const window = (to: number, marker: number) => {
    const batch = new DatagramBatch()
    const empty = batch.take()
    batch.add(marker, 0, 1, 1, 2, new Uint8Array([marker]), 29)
    return to === 0 ? [batch.take(), empty] : [empty, batch.take()]
  }
  const arrivals = (messages: ReturnType<WindowExchange['swap']>): number[] => {
    const times: number[] = []
    for (const m of messages) unpack(m.datagrams, (arrives) => times.push(arrives))
    return times
  }
  // Worker a hands over windows 0 and 1 before b has finished its window 0: it needs nothing from b yet.
  assert.deepEqual(arrivals(a.swap(window(1, 10), [])), [])
  assert.deepEqual(arrivals(b.swap(window(0, 20), [])), [])
  assert.deepEqual(arrivals(a.swap(window(1, 11), [])), [20], 'a reads b\'s window 0 after its own window 1')
  assert.deepEqual(arrivals(b.swap(window(0, 21), [])), [10])
  for (let k = 2; k < 12; k++) { // around the ring of slots more than once: nothing is overwritten before it is read
    assert.deepEqual(arrivals(a.swap(window(1, 10 + k), [])), [20 + k - 1])
    assert.deepEqual(arrivals(b.swap(window(0, 20 + k), [])), [10 + k - 1])
  }
  assert.ok(a.waitedMs >= 0)
})

const scenario = () => parseScenario({
  name: 'split', seed: 5, durationMs: 60_000, peers: 40, introducers: 2, loss: 0.01,
  nat: { open: 0.2, 'full-cone': 0.2, 'address-restricted': 0.2, 'port-restricted': 0.2, symmetric: 0.2 },
  publish: [{ atMs: 20_000, count: 3, intervalMs: 5000, from: 'subscriber', bytes: 100 }],
  churn: [{ type: 'replace', startMs: 10_000, endMs: 60_000, perMinute: 4 }, { type: 'sleep', startMs: 5000, endMs: 60_000, perMinute: 4, sleepMs: 10_000 }],
  sampleEveryMs: 10_000
})

test('a split run is deterministic: same seed and number of workers, same log and results', async () => {
  const first = await runSplit(scenario(), 'peer', 2)
  const second = await runSplit(scenario(), 'peer', 2)
  assert.equal(second.logHash, first.logHash)
  assert.deepEqual(second.messages, first.messages)
  assert.deepEqual(second.traffic, first.traffic)
  assert.equal(first.workers, 2)
  // Each worker's share of the events (deterministic) and its waiting (wall time, so only its sign).
  assert.deepEqual(second.shares!.map((s) => s.events), first.shares!.map((s) => s.events))
  assert.equal(first.shares!.reduce((sum, s) => sum + s.events, 0), first.events)
  assert.ok(first.shares!.every((s) => s.waitedMs >= 0 && s.waitedMs < first.wallMs))
})

test('a split run measures the network a one-process run measures', async () => {
  const split = await runSplit(scenario(), 'peer', 2)
  const { run: _run, ...one } = await runScenario(scenario(), peerDriver)
  // The plans are replicated, so the same peers join, leave and publish; the traffic differs in detail.
  assert.equal(split.peersEver, one.peersEver)
  assert.equal(split.peersAtEnd, one.peersAtEnd)
  assert.equal(split.messages.published, 3)
  assert.equal(split.errors.count, 0)
  for (const result of [split, one]) {
    assert.equal(result.messages.reach[2].reachedShare, 1, `${result === split ? 'split' : 'one process'}: every message reached every subscriber`)
    assert.equal(result.messages.finalSurvival, 1)
  }
  assert.equal(split.samples.length, one.samples.length)
  const ratio = split.traffic.sentDatagrams / one.traffic.sentDatagrams
  assert.ok(ratio > 0.8 && ratio < 1.25, `datagrams sent: split ${split.traffic.sentDatagrams}, one process ${one.traffic.sentDatagrams}`)
})
