// A peer's state survives a restart: same identity, same subclusters, its cache, and the peers it knew.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startNetwork, waitFor } from './helpers.ts'
import { Peer } from '../../runtime-js/peer/peer.ts'
import { cryptoRandom, nodeTransport, systemClock } from '../../runtime-js/peer/node-transport.ts'
import { utf8, fromUtf8 } from '../../runtime-js/peer/bytes.ts'
import { NotSupportedError } from '../../runtime-js/peer/errors.ts'

test('state saved with getState() restores identity, subclusters, cache and peers', async (t) => {
  const peers = await startNetwork(2)
  t.after(() => { for (const p of peers) p.close() })
  for (const p of peers) p.join('keep')
  await waitFor('the room', () => peers.every(p => p.ready && [...p.peers.values()].some(r => r.connected && r.subclusters.size > 0)), 15_000)
  const [, , a, b] = peers
  const id = b.publish('keep', utf8('remember me'))
  await waitFor('a to cache it', () => a.cache.has(id), 5000)

  const saved = JSON.parse(JSON.stringify(a.getState()))
  a.close()
  const again = new Peer({ transport: nodeTransport(), clock: systemClock(), random: cryptoRandom(), address: '127.0.0.1', config: { keepaliveMs: 1000 }, state: saved })
  t.after(() => again.close())
  assert.equal(again.peerId, a.peerId, 'same identity')
  assert.deepEqual(again.subclusters, a.subclusters, 'same subclusters')
  assert.ok(again.cache.has(id), 'same cache')
  const got: string[] = []
  again.on('packet', e => got.push(fromUtf8(e.data)))
  await again.start() // no bootstrap given: it finds the network through the peers it remembered
  await waitFor('the restored peer to reconnect', () => [...again.peers.values()].some(p => p.connected), 10_000)
  await waitFor('the restored peer to be known as a member again', () => [...b.peers.values()].some(p => p.idHex === again.peerId && p.connected && p.subclusters.size > 0), 10_000)
  b.publish('keep', utf8('welcome back'))
  await waitFor('a new message after the restart', () => got.includes('welcome back'), 10_000)
  assert.ok(!got.includes('remember me'), 'a message delivered before the restart is not delivered again')

  assert.throws(() => new Peer({ transport: nodeTransport(), clock: systemClock(), random: cryptoRandom(), state: { ...saved, version: 99 } }), NotSupportedError)
})
