// A publisher whose whole push was lost pushes its message again until a fellow member acknowledges it (1.2 s
// after publishing), and a member whose subclusters are busy syncs at each keepalive check: over real UDP on
// 127.0.0.1, the member has the message well within 2.5 s either way (the peer before either took 4.4 s). Back-to-back datagrams share a burst of loss: in the simulator (docs/simulation/README.md,
// harsh-128-combined) a publisher's push to every member was lost at once, and 40-55 subscribers got the message
// 13-17 s later, when a sync found the publisher.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { filteringTransport, localEndpoint, startNetwork, startPeer, waitFor } from './helpers.ts'
import { PacketType } from '../../runtime-js/peer/packet.ts'
import type { Peer, PacketEvent } from '../../runtime-js/peer/peer.ts'

test('a message whose first push was lost reaches the member within 2.5 s, without waiting for a sync', async (t) => {
  // A 30 s keepalive (the default): no tick and no catch-up sync falls in the 2.5 s after the publish (below).
  const config = { keepaliveMs: 30_000 }
  const [a, b, publisher] = await startNetwork(1, config)
  let lossUntil = 0
  const member = await startPeer([localEndpoint(a), localEndpoint(b)], config,
    filteringTransport(d => d[3] === PacketType.Publish && Date.now() < lossUntil))
  const peers = [a, b, publisher, member]
  t.after(() => { for (const p of peers) p.close() })
  const got: PacketEvent[] = []
  member.on('packet', e => got.push(e))
  for (const p of [publisher, member]) p.join('repush')
  const knows = (p: Peer, q: Peer): boolean => p.peers.get(q.peerId)?.connected === true && (p.peers.get(q.peerId)?.subclusters.size ?? 0) > 0
  await waitFor('the two members to know each other', () => publisher.ready && member.ready && knows(publisher, member) && knows(member, publisher), 15_000)
  const readyAt = Date.now()
  // After the newcomer's catch-up syncs at 2 and 5 s after ready, before the one at 10 s.
  await new Promise(resolve => setTimeout(resolve, 5600))
  // Every publish datagram reaching the member in the next 300 ms is lost: the publisher's push and the
  // introducers' relays of it.
  lossUntil = Date.now() + 300
  const publishedAt = Date.now()
  const id = publisher.publish('repush', new TextEncoder().encode('once more'))
  await waitFor('the member to get the message', () => got.length === 1, 15_000)
  const took = Date.now() - publishedAt
  assert.equal(got[0].messageId, id)
  t.diagnostic(`delivered ${took} ms after the publish (${publishedAt - readyAt} ms after both were ready)`)
  assert.ok(took < 2500, `delivered ${took} ms after the publish (a catch-up or tick sync comes later than 2.5 s)`)
})
