// Large messages, lost fragments, tampering and direct streams, over real UDP on 127.0.0.1.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sha256 } from '@noble/hashes/sha2.js'
import { filteringTransport, localEndpoint, startNetwork, startPeer, waitFor } from './helpers.ts'
import { concat, toHex, utf8, fromUtf8 } from '../../runtime-js/peer/bytes.ts'
import { PacketType, decodePacket, encodePacket } from '../../runtime-js/peer/packet.ts'
import { buildMessage } from '../../runtime-js/peer/fragment.ts'
import { seal, sign, subclusterKeys } from '../../runtime-js/peer/crypto.ts'
import { cryptoRandom } from '../../runtime-js/peer/node-transport.ts'
import type { Peer, PacketEvent } from '../../runtime-js/peer/peer.ts'
import { Attacker } from './attacker.ts'

async function room (peers: Peer[], key: string): Promise<Map<Peer, PacketEvent[]>> {
  const got = new Map<Peer, PacketEvent[]>()
  for (const p of peers) { got.set(p, []); p.on('packet', e => got.get(p)?.push(e)); p.join(key) }
  await waitFor('peers to be ready and to know members', () => peers.every(p => p.ready && [...p.peers.values()].some(r => r.connected && r.subclusters.size > 0)), 15_000)
  return got
}

test('a 1 MB message is fragmented, relayed and reassembled intact', async (t) => {
  const peers = await startNetwork(4)
  t.after(() => { for (const p of peers) p.close() })
  const got = await room(peers, 'big')
  const data = cryptoRandom().bytes(1024 * 1024)
  peers[3].publish('big', data)
  await waitFor('every other peer to get the 1 MB message', () => peers.every(p => p === peers[3] || got.get(p)?.length === 1), 60_000)
  for (const p of peers) {
    if (p === peers[3]) continue
    const e = (got.get(p) as PacketEvent[])[0]
    assert.equal(e.data.length, data.length)
    assert.equal(toHex(sha256(e.data)), toHex(sha256(data)))
  }
})

test('a fragment that never arrives is recovered by a query along the network', async (t) => {
  const net = await startNetwork(3)
  // This peer never sees fragment 2 of any publish directly; only a query answer (type 8) can bring it.
  const lossy = await startPeer([localEndpoint(net[0]), localEndpoint(net[1])], {}, filteringTransport(d => d[3] === PacketType.Publish && d[13] === 2))
  const peers = [...net, lossy]
  t.after(() => { for (const p of peers) p.close() })
  const got = await room(peers, 'lossy')
  const data = cryptoRandom().bytes(5000)
  const id = peers[2].publish('lossy', data)
  await waitFor('the lossy peer to complete the message', () => got.get(lossy)?.length === 1, 15_000)
  const e = (got.get(lossy) as PacketEvent[])[0]
  assert.equal(e.messageId, id)
  assert.deepEqual(e.data, data)
  assert.ok(lossy.metrics.queried >= 1, 'it asked the network')
  assert.ok(lossy.metrics.answered >= 1, 'and an answer came back')
})

test('tampered and forged packets are dropped and counted, and never delivered', async (t) => {
  const peers = await startNetwork(1)
  t.after(() => { for (const p of peers) p.close() })
  const got = await room(peers, 'guarded')
  const target = peers[2]
  // The sender is a peer the target talks to (anything from a stranger is dropped unread: attacks.test.ts).
  const sender = await new Attacker().start()
  t.after(() => sender.close())
  sender.connect(localEndpoint(target))
  await waitFor('the sender to be connected', () => [...target.peers.values()].some(p => p.port === sender.local?.port && p.connected), 5000)
  const send = (b: Uint8Array): void => sender.send(b, localEndpoint(target))
  const keys = subclusterKeys('guarded')
  const now = Math.floor(Date.now() / 1000)

  // 1. A genuine packet with one byte of its message flipped: the subcluster signature fails.
  const outsider = subclusterKeys('someone else')
  const envelope = seal(concat(outsider.publicKey, new Uint8Array(64), utf8('x')), keys.boxPublicKey, cryptoRandom())
  const genuine = buildMessage({ type: PacketType.Publish, payload: envelope, timestamp: now, ttl: 60, subclusterId: keys.publicKey, signer: keys }).packets[0]
  const tampered = encodePacket(genuine)
  tampered[tampered.length - 70] ^= 1
  send(tampered)
  // 2. Signed with a key that is not the subcluster's: forged.
  const forged = buildMessage({ type: PacketType.Publish, payload: envelope, timestamp: now, ttl: 60, subclusterId: keys.publicKey, signer: outsider }).packets[0]
  send(encodePacket(forged))
  // 3. A valid subcluster packet whose author signature is wrong: someone with the key pretends to be another.
  const data = utf8('I am peer 0')
  const fakeSig = sign(data, outsider)
  const impostor = seal(concat(peers[0].identity.publicKey, fakeSig, data), keys.boxPublicKey, cryptoRandom())
  send(encodePacket(buildMessage({ type: PacketType.Publish, payload: impostor, timestamp: now, ttl: 60, subclusterId: keys.publicKey, signer: keys }).packets[0]))
  // 4. Random garbage and a truncated packet.
  send(cryptoRandom().bytes(300))
  send(tampered.subarray(0, 40))

  await waitFor('all five to be counted', () => target.metrics.dropped.forged >= 2 && target.metrics.dropped.unverified >= 1 && target.metrics.dropped.malformed >= 2, 5000)
  assert.equal(got.get(target)?.length, 0)
  // The peer still works afterwards.
  peers[0].publish('guarded', utf8('still here'))
  await waitFor('a genuine message after the attack', () => got.get(target)?.length === 1, 5000)
  assert.equal(fromUtf8((got.get(target) as PacketEvent[])[0].data), 'still here')
})

test('a stream reaches exactly one peer, sealed for it', async (t) => {
  const peers = await startNetwork(2)
  t.after(() => { for (const p of peers) p.close() })
  await room(peers, 'streams')
  const [a, , , d] = peers
  await waitFor('a to know d', () => a.peers.get(d.peerId)?.connected === true, 10_000)
  const streams = new Map<Peer, Array<{ from: string, data: Uint8Array }>>()
  for (const p of peers) { streams.set(p, []); p.on('stream', e => streams.get(p)?.push(e)) }
  const big = cryptoRandom().bytes(20_000)
  a.stream(d.peerId, utf8('just for you'))
  a.stream(d.peerId, big)
  await waitFor('d to get both', () => streams.get(d)?.length === 2, 10_000)
  const byLen = (streams.get(d) ?? []).sort((x, y) => x.data.length - y.data.length)
  assert.equal(fromUtf8(byLen[0].data), 'just for you')
  assert.deepEqual(byLen[1].data, big)
  assert.equal(byLen[0].from, a.peerId)
  for (const p of peers) if (p !== d) assert.equal(streams.get(p)?.length, 0)
  assert.throws(() => a.stream('zz', utf8('x')), /peer id/)
  void decodePacket
})
