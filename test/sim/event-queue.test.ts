// The event queue pops in (time, insertion) order whatever the heap's shape; host timers are the queued
// events themselves and keep their rules (held while asleep, cleared while held, cancelled on leaving).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EventQueue, type SimEvent } from '../../sim/core/event-queue.ts'
import { SeededRandom } from '../../sim/core/random.ts'
import { Simulation } from '../../sim/core/simulation.ts'
import { Fabric } from '../../sim/net/fabric.ts'

test('100,000 events with many equal times pop in (time, insertion) order, interleaved with pushes', () => {
  const queue = new EventQueue()
  const random = new SeededRandom('queue')
  const pushed: Array<{ time: number, order: number }> = []
  const popped: Array<{ time: number, order: number }> = []
  let now = 0
  for (let order = 0; order < 100_000; order++) {
    // Coarse times so that many events share one; a third of the time an event is taken out in between.
    const time = now + random.int(0, 50) / 4
    const item = { time, order }
    pushed.push(item)
    queue.push(time, () => popped.push(item))
    if (random.float() < 0.33) { const e = queue.pop()!; now = e.time; e.run() }
  }
  for (let e = queue.pop(); e !== undefined; e = queue.pop()) e.run()
  assert.equal(queue.size, 0)
  assert.equal(popped.length, pushed.length)
  for (let i = 1; i < popped.length; i++) {
    const a = popped[i - 1], b = popped[i]
    assert.ok(a.time < b.time || (a.time === b.time && a.order < b.order), `out of order at ${i}: ${JSON.stringify([a, b])}`)
  }
})

test('schedule() queues an event object as it is, and it can be queued again once popped', () => {
  const queue = new EventQueue()
  const runs: number[] = []
  const event: SimEvent = { time: 0, seq: 0, cancelled: false, run () { runs.push(this.time) } }
  queue.schedule(event, 5)
  queue.push(3, () => runs.push(3))
  assert.equal(queue.peekTime(), 3)
  queue.pop()!.run()
  const again = queue.pop()!
  assert.equal(again, event)
  again.run()
  queue.schedule(event, 9)
  queue.pop()!.run()
  assert.deepEqual(runs, [3, 5, 9])
  assert.equal(queue.peekTime(), Infinity)
})

test('host timers: cleared while held never fire; the host leaving cancels queued and held timers', async () => {
  const sim = new Simulation('timers')
  const fabric = new Fabric(sim)
  const host = fabric.addHost({ nat: 'open' })
  const fired: string[] = []
  const clock = host.clock
  clock.setTimeout(() => fired.push('a'), 100)
  const b = clock.setTimeout(() => fired.push('b'), 200)
  clock.setTimeout(() => fired.push('c'), 300)
  clock.setTimeout(() => fired.push('late'), 5000)
  assert.equal(clock.pendingTimers, 4)
  sim.at(50, () => host.sleep())
  sim.at(400, () => { clock.clearTimeout(b); clock.clearTimeout(b) })
  sim.at(500, () => host.wake())
  sim.at(600, () => {
    clock.setTimeout(() => fired.push('never'), 10)
    host.sleep()
  })
  sim.at(700, () => host.leave())
  await sim.run(10_000)
  assert.deepEqual(fired, ['a', 'c'])
  assert.equal(clock.pendingTimers, 0)
  // A timer set after leaving is inert, and clearing it (or a foreign handle) is harmless.
  const inert = clock.setTimeout(() => fired.push('after'), 1)
  clock.clearTimeout(inert)
  clock.clearTimeout({})
  clock.clearTimeout(null)
  await sim.run(20_000)
  assert.deepEqual(fired, ['a', 'c'])
})

test('a symmetric NAT makes one mapping per destination, addresses no host has included', async () => {
  const sim = new Simulation('nat-unknown')
  const fabric = new Fabric(sim)
  const host = fabric.addHost({ nat: 'symmetric' })
  const socket = host.transport.createSocket()
  await socket.bind(5000)
  for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.1']) for (const port of [1, 2]) socket.send(new Uint8Array([1]), port, address)
  // Ports that are not 0..65535 (a protocol bug) still count as their own destinations.
  socket.send(new Uint8Array([1]), 70_000, '203.0.113.1')
  socket.send(new Uint8Array([1]), 1.5, '203.0.113.1')
  assert.equal(host.nat!.mappingsCreated, 6)
  assert.equal(fabric.traffic.dropsByReason.get('no-route'), 8)
})
