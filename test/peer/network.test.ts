// Tens of peers in one process over real UDP sockets on 127.0.0.1.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startNetwork, waitFor } from './helpers.ts'
import { utf8, fromUtf8 } from '../../runtime-js/peer/bytes.ts'
import { natName } from '../../runtime-js/peer/nat.ts'
import type { PacketEvent } from '../../runtime-js/peer/peer.ts'

test('20 peers detect their NAT, join a subcluster, and each receives a publish exactly once', async (t) => {
  const peers = await startNetwork(18)
  t.after(() => { for (const p of peers) p.close() })
  await waitFor('every peer ready', () => peers.every(p => p.ready), 15_000)
  for (const p of peers) assert.equal(natName(p.natType), 'unrestricted', 'loopback has no NAT')

  const got = new Map<string, PacketEvent[]>()
  for (const p of peers) {
    got.set(p.peerId, [])
    p.on('packet', e => got.get(p.peerId)?.push(e))
    p.join('room-1')
  }
  await waitFor('subcluster members to know each other', () => peers.every(p => [...p.peers.values()].filter(r => r.connected && r.subclusters.size > 0).length >= 3), 15_000)

  const author = peers[7]
  const id = author.publish('room-1', utf8('hello, world'))
  await waitFor('all 19 others to receive it', () => peers.every(p => p === author || (got.get(p.peerId)?.length ?? 0) >= 1), 20_000) // generous: the machine may be loaded
  await new Promise(resolve => setTimeout(resolve, 500)) // duplicates, if any, would arrive by now
  for (const p of peers) {
    if (p === author) { assert.equal(got.get(p.peerId)?.length, 0, 'the author does not receive its own message'); continue }
    const events = got.get(p.peerId) as PacketEvent[]
    assert.equal(events.length, 1, `peer ${p.peerId.slice(0, 8)} received ${events.length} copies`)
    assert.equal(fromUtf8(events[0].data), 'hello, world')
    assert.equal(events[0].messageId, id)
    assert.equal(events[0].author, author.peerId)
  }
  const duplicates = peers.reduce((n, p) => n + p.metrics.dropped.duplicate, 0)
  assert.ok(duplicates > 0, 'fan-out sends redundant copies, and they are dropped')
})
