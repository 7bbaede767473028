// Carrier-grade NAT in the simulator: hosts behind one carrier share its public address (two levels of NAT),
// and a datagram from one of them to that address is turned around only by a carrier that hairpins.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Simulation } from '../../sim/core/simulation.ts'
import { Fabric, type Host } from '../../sim/net/fabric.ts'
import { parseScenario, ScenarioError } from '../../sim/scenario.ts'

const FLAT = { bands: [{ weight: 1, minMs: 10, maxMs: 10 }], jitterMs: 0 }

/** Two hosts behind one carrier (each also behind a home NAT of `home` kind) and a public server. */
async function lab (hairpin: boolean, home: 'port-restricted' | 'full-cone' = 'port-restricted') {
  const sim = new Simulation(`cgnat-${hairpin}`)
  const fabric = new Fabric(sim, { latency: FLAT })
  const carrier = fabric.addCarrier({ type: 'port-restricted', hairpin })
  const a = fabric.addHost({ nat: home, carrier })
  const b = fabric.addHost({ nat: home, carrier })
  const server = fabric.addHost({ nat: 'open' })
  const sockets = await Promise.all([a, b, server].map(async (h: Host) => { const s = h.transport.createSocket(); await s.bind(5000); return s }))
  const seen = new Map<Host, Array<{ address: string, port: number, text: string }>>([[a, []], [b, []], [server, []]])
  ;[a, b, server].forEach((h, i) => sockets[i].onMessage((d, from) => seen.get(h)!.push({ ...from, text: new TextDecoder().decode(d) })))
  return { sim, fabric, a, b, server, sockets, seen }
}

test('hosts behind one carrier NAT share its public address, on different ports', async () => {
  const { sim, a, b, server, sockets, seen } = await lab(false)
  sockets[0].send(new TextEncoder().encode('from a'), 5000, server.publicAddress)
  sockets[1].send(new TextEncoder().encode('from b'), 5000, server.publicAddress)
  await sim.run(100)
  const got = seen.get(server)!
  assert.equal(got.length, 2)
  assert.equal(a.publicAddress, b.publicAddress)
  assert.equal(got[0].address, a.publicAddress)
  assert.equal(got[1].address, a.publicAddress)
  assert.notEqual(got[0].port, got[1].port, 'two hosts, two carrier ports')
  // The server's answer goes back through both levels of NAT to the right host.
  sockets[2].send(new TextEncoder().encode('to a'), got[0].port, got[0].address)
  sockets[2].send(new TextEncoder().encode('to b'), got[1].port, got[1].address)
  await sim.run(200)
  assert.deepEqual(seen.get(a)!.map(m => m.text), ['to a'])
  assert.deepEqual(seen.get(b)!.map(m => m.text), ['to b'])
})

test('without hairpinning, a host cannot reach a neighbour behind the same carrier at the shared address', async () => {
  const { sim, fabric, a, b, server, sockets, seen } = await lab(false, 'full-cone')
  sockets[0].send(new Uint8Array([1]), 5000, server.publicAddress)
  sockets[1].send(new Uint8Array([2]), 5000, server.publicAddress)
  await sim.run(100)
  const [pa, pb] = seen.get(server)!
  // Both punch towards each other's public endpoint, as introduced peers do.
  for (let i = 0; i < 3; i++) {
    sockets[0].send(new TextEncoder().encode('a→b'), pb.port, pb.address)
    sockets[1].send(new TextEncoder().encode('b→a'), pa.port, pa.address)
  }
  await sim.run(300)
  assert.equal(seen.get(a)!.length + seen.get(b)!.length, 0)
  assert.equal(fabric.traffic.dropsByReason.get('nat-no-hairpin'), 6)
})

test('with hairpinning, neighbours behind one carrier reach each other at the shared address once both sent', async () => {
  const { sim, a, b, server, sockets, seen } = await lab(true)
  sockets[0].send(new Uint8Array([1]), 5000, server.publicAddress)
  sockets[1].send(new Uint8Array([2]), 5000, server.publicAddress)
  await sim.run(100)
  const [pa, pb] = seen.get(server)!
  sockets[0].send(new TextEncoder().encode('a→b first'), pb.port, pb.address) // filtered: b has not sent to a yet
  await sim.run(150)
  sockets[1].send(new TextEncoder().encode('b→a'), pa.port, pa.address)
  await sim.run(200)
  sockets[0].send(new TextEncoder().encode('a→b'), pb.port, pb.address)
  await sim.run(300)
  assert.deepEqual(seen.get(a)!.map(m => m.text), ['b→a'])
  assert.deepEqual(seen.get(b)!.map(m => m.text), ['a→b'])
  assert.equal(seen.get(a)![0].address, a.publicAddress, 'the hairpinned datagram comes from the shared address')
  assert.equal(seen.get(a)![0].port, pb.port)
})

test('a scenario puts a share of the peers behind carrier NATs, and rejects a bad cgnat setting', () => {
  const base = { name: 'x', durationMs: 1000, peers: 4 }
  const s = parseScenario({ ...base, cgnat: { share: 0.5, hostsPerAddress: 4, type: 'port-restricted', hairpin: false } })
  assert.equal(s.cgnat?.hostsPerAddress, 4)
  assert.throws(() => parseScenario({ ...base, cgnat: { share: 2, hostsPerAddress: 4, type: 'port-restricted', hairpin: false } }), ScenarioError)
  assert.throws(() => parseScenario({ ...base, cgnat: { share: 0.5, hostsPerAddress: 4, type: 'symmetric', hairpin: false } }), /cgnat/)
})
