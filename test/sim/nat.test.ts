// Each NAT model admits and drops exactly what it should (RFC 4787 behaviours), and mappings time out.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Simulation } from '../../sim/core/simulation.ts'
import { Fabric, type Host, type SimSocket } from '../../sim/net/fabric.ts'
import type { NatType } from '../../sim/net/nat.ts'
import type { Endpoint } from '../../runtime-js/peer/transport.ts'

const FIXED_LATENCY = { bands: [{ weight: 1, minMs: 20, maxMs: 20 }], jitterMs: 0 }

interface World { sim: Simulation, fabric: Fabric, inside: SimSocket, serverA: SimSocket, serverA2: SimSocket, serverC: SimSocket, heard: Endpoint[], seenByA: Endpoint[] }

async function world (nat: NatType): Promise<World> {
  const sim = new Simulation('nat-test')
  const fabric = new Fabric(sim, { latency: FIXED_LATENCY, natTimeoutMs: 30_000 })
  const natted: Host = fabric.addHost({ nat })
  const a = fabric.addHost({ nat: 'open' })
  const c = fabric.addHost({ nat: 'open' })
  const inside = natted.transport.createSocket() as SimSocket
  const serverA = a.transport.createSocket() as SimSocket
  const serverA2 = a.transport.createSocket() as SimSocket
  const serverC = c.transport.createSocket() as SimSocket
  await inside.bind(5000)
  await serverA.bind(7000)
  await serverA2.bind(7001)
  await serverC.bind(7000)
  const heard: Endpoint[] = []
  const seenByA: Endpoint[] = []
  inside.onMessage((_data, from) => heard.push(from))
  serverA.onMessage((_data, from) => seenByA.push(from))
  serverA2.onMessage((_data, from) => seenByA.push(from))
  return { sim, fabric, inside, serverA, serverA2, serverC, heard, seenByA }
}

const ping = new Uint8Array([1, 2, 3])

/** Inside sends to A:7000, then each outside socket tries to reach the mapping A saw. */
async function admitted (nat: NatType): Promise<Record<'sameEndpoint' | 'samePortOtherAddress' | 'sameAddressOtherPort', boolean>> {
  const w = await world(nat)
  w.inside.send(ping, 7000, w.serverA.host.publicAddress)
  await w.sim.run(100)
  assert.equal(w.seenByA.length, 1, 'the outbound datagram gets through every NAT')
  const mapped = w.seenByA[0]
  const outcome = { sameEndpoint: false, samePortOtherAddress: false, sameAddressOtherPort: false }
  const tryFrom = async (socket: SimSocket, key: keyof typeof outcome): Promise<void> => {
    const before = w.heard.length
    socket.send(ping, mapped.port, mapped.address)
    await w.sim.run(w.sim.now + 100)
    outcome[key] = w.heard.length > before
  }
  await tryFrom(w.serverA, 'sameEndpoint')
  await tryFrom(w.serverC, 'samePortOtherAddress')
  await tryFrom(w.serverA2, 'sameAddressOtherPort')
  return outcome
}

test('full cone admits anyone once a mapping exists', async () => {
  assert.deepEqual(await admitted('full-cone'), { sameEndpoint: true, samePortOtherAddress: true, sameAddressOtherPort: true })
})

test('address-restricted admits any port of an address it sent to, and nothing else', async () => {
  assert.deepEqual(await admitted('address-restricted'), { sameEndpoint: true, samePortOtherAddress: false, sameAddressOtherPort: true })
})

test('port-restricted admits only the exact endpoint it sent to', async () => {
  assert.deepEqual(await admitted('port-restricted'), { sameEndpoint: true, samePortOtherAddress: false, sameAddressOtherPort: false })
})

test('symmetric admits only the exact endpoint it sent to', async () => {
  assert.deepEqual(await admitted('symmetric'), { sameEndpoint: true, samePortOtherAddress: false, sameAddressOtherPort: false })
})

test('open hosts are reachable unsolicited; every NAT drops unsolicited datagrams', async () => {
  for (const nat of ['open', 'full-cone', 'address-restricted', 'port-restricted', 'symmetric'] as const) {
    const w = await world(nat)
    const host = w.inside.host
    w.serverA.send(ping, nat === 'open' ? 5000 : 40000, host.publicAddress)
    await w.sim.run(100)
    assert.equal(w.heard.length, nat === 'open' ? 1 : 0, nat)
    if (nat !== 'open') assert.equal(w.fabric.traffic.dropsByReason.get('nat-no-mapping'), 1, nat)
  }
})

test('endpoint-independent NATs keep one public port for all destinations; symmetric makes one per destination', async () => {
  for (const nat of ['full-cone', 'address-restricted', 'port-restricted', 'symmetric'] as const) {
    const w = await world(nat)
    w.inside.send(ping, 7000, w.serverA.host.publicAddress)
    w.inside.send(ping, 7001, w.serverA.host.publicAddress)
    await w.sim.run(100)
    assert.equal(w.seenByA.length, 2)
    assert.equal(w.seenByA[0].address, w.inside.host.publicAddress)
    assert.equal(w.seenByA[0].port === w.seenByA[1].port, nat !== 'symmetric', nat)
  }
})

test('mappings expire after the timeout without outbound traffic, and outbound traffic refreshes them', async () => {
  for (const nat of ['full-cone', 'address-restricted', 'port-restricted', 'symmetric'] as const) {
    const w = await world(nat)
    w.inside.send(ping, 7000, w.serverA.host.publicAddress)
    await w.sim.run(100)
    const mapped = w.seenByA[0]
    // Refresh at 25 s: the mapping must still work at 50 s (25 s after the refresh) ...
    await w.sim.run(25_000)
    w.inside.send(ping, 7000, w.serverA.host.publicAddress)
    await w.sim.run(50_000)
    w.serverA.send(ping, mapped.port, mapped.address)
    await w.sim.run(50_100)
    assert.equal(w.heard.length, 1, `${nat}: refreshed mapping admits the reply`)
    // ... and not at 90 s, 65 s after the last outbound datagram.
    await w.sim.run(90_000)
    w.serverA.send(ping, mapped.port, mapped.address)
    await w.sim.run(90_100)
    assert.equal(w.heard.length, 1, `${nat}: expired mapping drops the reply`)
    assert.equal(w.fabric.traffic.dropsByReason.get('nat-mapping-expired'), 1, nat)
  }
})
