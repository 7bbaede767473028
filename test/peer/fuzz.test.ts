// Fuzzing: tens of thousands of random and mutated datagrams, over real UDP, at a live peer. Nothing may
// escape as an exception, memory must stay bounded, and the peer must still deliver a genuine message after.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import dgram from 'node:dgram'
import { startNetwork, waitFor } from './helpers.ts'
import { nodeTransport } from '../../runtime-js/peer/node-transport.ts'
import type { Transport } from '../../runtime-js/peer/transport.ts'
import type { Peer } from '../../runtime-js/peer/peer.ts'
import { utf8 } from '../../runtime-js/peer/bytes.ts'

/** Real sockets that also keep a copy of everything sent: the corpus of valid packets to mutate. */
function recordingTransport (corpus: Uint8Array[]): Transport {
  const inner = nodeTransport()
  return { createSocket () { const s = inner.createSocket(); return { ...s, send: (d, port, address) => { if (corpus.length < 4000) corpus.push(d.slice()); s.send(d, port, address) } } } }
}

function xorshift (seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 0x1_0000_0000 }
}

function mutate (base: Uint8Array, rnd: () => number): Uint8Array {
  const int = (n: number): number => Math.floor(rnd() * n)
  const b = base.slice()
  switch (int(7)) {
    case 0: for (let i = 0, n = 1 + int(8); i < n; i++) b[int(b.length)] ^= 1 << int(8); return b
    case 1: return b.subarray(0, int(b.length))
    case 2: { const extra = new Uint8Array(1 + int(64)).map(() => int(256)); return new Uint8Array([...b, ...extra]) }
    case 3: { for (let i = 0, n = 1 + int(4); i < n; i++) b[4 + int(12)] = int(256); return b } // header fields
    case 4: { const at = 16 + int(Math.max(1, b.length - 16)); if (at + 1 < b.length) { b[at] = 0xff; b[at + 1] = 0xff } return b } // lengths
    case 5: return new Uint8Array([0x53, 0x52, 1, 1 + int(8), int(64), int(17), ...new Uint8Array(int(1300)).map(() => int(256))])
    default: return new Uint8Array(int(1500)).map(() => int(256))
  }
}

test('a peer survives 10,000 random and mutated datagrams and keeps working', async (t) => {
  const corpus: Uint8Array[] = []
  const net = await startNetwork(2, { senderRate: 1_000_000 })
  const { startPeer } = await import('./helpers.ts')
  const target: Peer = await startPeer([net[0].local as never, net[1].local as never], { senderRate: 1_000_000, cacheBytes: 2 * 1024 * 1024, maxPeers: 64 }, recordingTransport(corpus))
  const peers = [...net, target]
  t.after(() => { for (const p of peers) p.close() })
  let received = 0
  for (const p of peers) p.join('fuzz-room')
  target.on('packet', () => received++)
  let errors = 0
  target.on('error', () => errors++)
  await waitFor('the room to form', () => peers.every(p => p.ready) && [...target.peers.values()].some(r => r.connected && r.subclusters.size > 0), 15_000)
  // Valid traffic of every kind for the corpus: publishes (single and fragmented), a stream, a query.
  target.publish('fuzz-room', utf8('seed'))
  target.publish('fuzz-room', new Uint8Array(4000).fill(7))
  target.stream(net[2].peerId, utf8('to you'))
  target.query('00112233445566778899aabbccddeeff')
  await new Promise(resolve => setTimeout(resolve, 300))
  assert.ok(corpus.length > 20, `corpus of ${corpus.length} valid packets`)

  const seed = Date.now() & 0xffff
  const rnd = xorshift(seed)
  const sock = dgram.createSocket('udp4')
  t.after(() => sock.close())
  await new Promise<void>(resolve => sock.bind(0, '127.0.0.1', resolve))
  const heapBefore = process.memoryUsage().heapUsed
  const total = 10_000
  const start = target.metrics.received
  for (let sent = 0; sent < total;) {
    for (const end = sent + 100; sent < end; sent++) sock.send(mutate(corpus[Math.floor(rnd() * corpus.length)], rnd), target.local?.port as number, '127.0.0.1')
    // Keep the kernel's socket buffer (about 200 datagrams) from overflowing: let the peer catch up.
    const until = Date.now() + 200
    while (target.metrics.received - start < sent - 100 && Date.now() < until) await new Promise(resolve => setTimeout(resolve, 1))
  }
  await new Promise(resolve => setTimeout(resolve, 300))
  const m = target.metrics
  const dropped = Object.values(m.dropped).reduce((a, b) => a + b, 0)
  t.diagnostic(`seed ${seed}: received ${m.received}, dropped ${JSON.stringify(m.dropped)}, peers ${target.peers.size}, cache ${target.cache.bytes} B`)
  assert.equal(errors, 0, 'no exception escaped a handler')
  assert.equal(m.dropped.handler, 0)
  assert.ok(m.received - start > total * 0.9, `the peer saw most of them (${m.received - start})`)
  assert.ok(m.dropped.malformed > total / 3, 'most garbage is rejected at decoding')
  assert.ok(dropped > 0)
  assert.ok(target.peers.size <= 64, 'the peer table stays bounded')
  assert.ok(target.cache.bytes <= 2 * 1024 * 1024, 'the cache stays within its budget')
  global.gc?.()
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 150 * 1024 * 1024, 'heap growth stays bounded')

  // Still working: a genuine message from another peer arrives.
  const before = received
  net[1].publish('fuzz-room', utf8('after the storm'))
  await waitFor('a genuine message after fuzzing', () => received > before, 10_000)
})
