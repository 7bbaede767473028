// The attacks listed in docs/protocol.md ("Attacks"), each tried against real peers over real UDP sockets on
// 127.0.0.1 by a hostile socket that crafts packets with the real encoder.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { filteringTransport, localEndpoint, startNetwork, startPeer, waitFor } from './helpers.ts'
import { Attacker, freshKeys, intro, seconds, signedJoin, signedPing } from './attacker.ts'
import { buildMessage } from '../../runtime-js/peer/fragment.ts'
import { subclusterKeys } from '../../runtime-js/peer/crypto.ts'
import { decodePacket, encodePacket, packetId, PacketType, type Packet } from '../../runtime-js/peer/packet.ts'
import { decodePing, PingFlag } from '../../runtime-js/peer/messages.ts'
import { toHex } from '../../runtime-js/peer/bytes.ts'
import { cryptoRandom, nodeSignatures, nodeTransport, systemClock } from '../../runtime-js/peer/node-transport.ts'
import { Peer } from '../../runtime-js/peer/peer.ts'
import type { Endpoint, Transport } from '../../runtime-js/peer/transport.ts'

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

function forgedFragment (sharedKey: string, messageId: Uint8Array): Packet {
  return {
    type: PacketType.Publish, hops: 0, replay: false, timestamp: seconds(), ttl: 65535, index: 1, count: 3,
    subclusterId: subclusterKeys(sharedKey).publicKey, previousId: messageId, message: new Uint8Array(randomBytes(1024))
  }
}

test('forged fragment: neither a stranger nor a connected peer gets one cached, relayed or filed in place of the real one', async (t) => {
  const peers = await startNetwork(3)
  const attacker = await new Attacker().start()
  t.after(() => { for (const p of peers) p.close(); attacker.close() })
  await waitFor('ready', () => peers.every(p => p.ready), 15_000)
  const members = peers.slice(2)
  let delivered = 0
  for (const p of members) { p.join('room'); p.on('packet', () => delivered++) }
  await waitFor('members to know each other', () => members.every(p => [...p.peers.values()].some(r => r.connected && r.subclusters.size > 0)), 15_000)
  const messageId = members[0].publish('room', new Uint8Array(randomBytes(2500)))
  await waitFor('delivery to the other members', () => delivered >= members.length - 1, 10_000)
  const holders = peers.filter(p => p.cache.getFragment(messageId, 1))
  const realId = holders[0].cache.getFragment(messageId, 1)?.idHex
  assert.ok(realId && holders.length >= 3)

  const check = (label: string, forged: Packet): void => {
    const forgedId = toHex(packetId(forged))
    for (const p of peers) {
      assert.equal(p.cache.has(forgedId), false, `${label}: cached by ${p.peerId.slice(0, 8)}`)
      const entry = p.cache.getFragment(messageId, 1)
      if (entry) assert.equal(entry.idHex, realId, `${label}: the lookup of fragment 1 was overwritten`)
    }
  }
  // 1. One datagram from a socket no peer knows, to every peer.
  const stranger = forgedFragment('room', Buffer.from(messageId, 'hex'))
  for (const p of peers) attacker.send(encodePacket(stranger), localEndpoint(p))
  await sleep(600)
  check('stranger', stranger)
  // 2. The same from a peer they are connected to (one signed ping makes anyone that).
  for (const p of peers) attacker.connect(localEndpoint(p))
  await waitFor('attacker connected', () => peers.every(p => [...p.peers.values()].some(r => r.port === attacker.local?.port && r.connected)), 5000)
  const connected = forgedFragment('room', Buffer.from(messageId, 'hex'))
  for (const p of peers) attacker.send(encodePacket(connected), localEndpoint(p))
  await sleep(600)
  check('connected', connected)
  assert.ok(peers.reduce((n, p) => n + p.metrics.dropped.stranger, 0) >= peers.length, 'the stranger datagrams were counted')
})

test('replay and impersonation: a captured ping re-sent, or a ping claiming another id, does not move that peer', async (t) => {
  const captured: Uint8Array[] = []
  const capture: Transport = filteringTransport(d => { if (d[3] === PacketType.Ping) captured.push(d.slice()); return false })
  const b = await startPeer([], {}, capture)
  const a = await startPeer([localEndpoint(b)])
  const attacker = await new Attacker().start()
  t.after(() => { a.close(); b.close(); attacker.close() })
  await waitFor('a connected at b', () => b.peers.get(a.peerId)?.connected === true, 10_000)
  await waitFor('a ping captured', () => captured.length > 0, 5000)
  const aPort = (a.local as Endpoint).port
  attacker.send(captured[0], localEndpoint(b)) // replayed, signature intact
  // An unsigned ping claiming a's id.
  const forged = signedPing(freshKeys())
  forged.set(Buffer.from(a.peerId, 'hex'), 18)
  attacker.send(forged, localEndpoint(b))
  await sleep(600)
  assert.equal(b.peers.get(a.peerId)?.port, aPort, 'a is still where it is')
  assert.equal([...b.peers.values()].some(p => p.port === attacker.local?.port), false, 'the attacker was not taken for anyone')
})

// A ping names no destination: one that `a` sent to `b` is as valid at `c` for the five-minute replay window. So `b`
// (any peer `a` talks to) can re-send it to `c` from a second socket; `c` must not then take that socket for `a`.
test('replay to another peer: a ping of a, captured where it arrived and re-sent to a third peer, does not move a there', async (t) => {
  const captured: Uint8Array[] = []
  const isConnectionPing = (d: Uint8Array): boolean => d[3] === PacketType.Ping && (decodePing(decodePacket(d).message).flags & PingFlag.Probe) === 0
  const b = await startPeer([], {}, filteringTransport(d => { if (isConnectionPing(d)) captured.push(d.slice()); return false }))
  const c = await startPeer([])
  const a = await startPeer([localEndpoint(b), localEndpoint(c)])
  const attacker = await new Attacker().start()
  t.after(() => { a.close(); b.close(); c.close(); attacker.close() })
  await waitFor('a connected at b and c', () => b.peers.get(a.peerId)?.connected === true && c.peers.get(a.peerId)?.connected === true, 10_000)
  await waitFor('a ping of a captured at b', () => captured.length > 0, 5000)
  // Watched every millisecond: a's own next ping would move it back, hiding a move in between.
  let moved = false
  const watch = setInterval(() => { if (c.peers.get(a.peerId)?.port === attacker.local?.port) moved = true }, 1)
  attacker.send(captured[captured.length - 1], localEndpoint(c))
  await sleep(600)
  clearInterval(watch)
  assert.equal(moved, false, 'c took the attacker\'s socket for a')
  assert.equal(c.peers.get(a.peerId)?.port, (a.local as Endpoint).port)
  // a itself on a new socket (restarted with its identity, as after a NAT re-mapped it) is moved: it answers.
  const state = JSON.parse(JSON.stringify(a.getState()))
  a.close()
  const again = new Peer({ transport: nodeTransport(), clock: systemClock(), random: cryptoRandom(), signatures: nodeSignatures(), address: '127.0.0.1', config: { keepaliveMs: 1000 }, bootstrap: [localEndpoint(c)], state })
  t.after(() => again.close())
  await again.start()
  await waitFor('c to move a to its new socket', () => c.peers.get(a.peerId)?.port === (again.local as Endpoint).port, 10_000)
})

function countingTransport (sent: Map<string, number>): Transport {
  const inner = nodeTransport()
  return {
    createSocket () {
      const s = inner.createSocket()
      return { ...s, send (data, port, address) { sent.set(address, (sent.get(address) ?? 0) + 1); s.send(data, port, address) } }
    }
  }
}

test('amplification: introductions cannot aim a probe burst at an address', async (t) => {
  const sent = new Map<string, number>()
  const victim = await startPeer([], { natType: 7 }, countingTransport(sent)) // port-restricted: birthday side
  victim.join('room')
  const attacker = await new Attacker().start()
  t.after(() => { victim.close(); attacker.close() })
  attacker.connect(localEndpoint(victim))
  await waitFor('attacker connected', () => victim.peers.size > 0, 5000)
  await sleep(1200) // ready for a keepalive: the birthday strategy is allowed
  // A non-member introduces a symmetric "peer" at 127.0.0.2: a port-restricted peer would spray 1024 ports.
  attacker.send(intro('room', { peerId: freshKeys().publicKey, natType: 5, address: '127.0.0.2', port: 9 }, false), localEndpoint(victim))
  await sleep(800)
  assert.equal(sent.get('127.0.0.2') ?? 0, 0, 'an introduction without a membership proof is not acted on')
  // A member (it holds the shared key) introduces 40 fresh "peers", all at one address: the burst is capped.
  for (let i = 0; i < 40; i++) {
    const natType = i === 0 ? 5 : 31
    attacker.send(intro('room', { peerId: freshKeys().publicKey, natType, address: '127.0.0.3', port: 1000 + i }, true), localEndpoint(victim))
  }
  await sleep(1500)
  const burst = sent.get('127.0.0.3') ?? 0
  assert.ok(burst <= 1024 + 64, `at most one birthday burst and a few punches per target address, got ${burst}`)
})

test('id-churn flood: a new identity per packet from one socket does not fill the table or dodge the limits', async (t) => {
  // Made first: making 900 keys blocks this process for a while, and the peers must not starve meanwhile.
  const pings = Array.from({ length: 300 }, () => signedPing(freshKeys()))
  const joins = Array.from({ length: 600 }, (_, i) => signedJoin(freshKeys(), `churn-${i}-${Math.random()}`))
  const victim = await startPeer([], { maxPeers: 64, keepaliveMs: 5000 })
  const friend = await startPeer([localEndpoint(victim)], { keepaliveMs: 5000 })
  const attacker = await new Attacker().start()
  t.after(() => { victim.close(); friend.close(); attacker.close() })
  await waitFor('friend connected', () => victim.peers.get(friend.peerId)?.connected === true, 10_000)
  for (const ping of pings) attacker.send(ping, localEndpoint(victim))
  await sleep(800)
  const fromAttacker = [...victim.peers.values()].filter(p => p.port === attacker.local?.port).length
  assert.ok(fromAttacker <= 1, `one endpoint holds one identity, got ${fromAttacker}`)
  assert.ok(victim.peers.get(friend.peerId), 'the real peer was not evicted')
  // Joins, each to a fresh subcluster and from a fresh identity, meet the sender's own bucket.
  const before = victim.metrics.dropped.rateLimited
  for (let i = 0; i < joins.length; i++) {
    attacker.send(joins[i], localEndpoint(victim))
    if (i % 40 === 39) await sleep(10) // not faster than the victim's socket buffer takes them
  }
  await sleep(800)
  assert.ok(victim.metrics.dropped.rateLimited - before >= 150, `joins were limited per sender: ${victim.metrics.dropped.rateLimited - before}`)
})

test('cache poisoning: signed packets of a throwaway subcluster from a stranger, or with a huge ttl, are not cached', async (t) => {
  const victim = await startPeer([])
  const attacker = await new Attacker().start()
  t.after(() => { victim.close(); attacker.close() })
  const head = (ttl: number): Uint8Array => {
    const sc = subclusterKeys(`junk-${Math.random()}`)
    const { packets } = buildMessage({ type: PacketType.Publish, payload: new Uint8Array(200), timestamp: seconds(), ttl, subclusterId: sc.publicKey, signer: sc })
    return encodePacket(packets[0])
  }
  for (let i = 0; i < 50; i++) attacker.send(head(65535), localEndpoint(victim))
  await sleep(500)
  assert.equal(victim.cache.size, 0, 'nothing from a stranger is cached')
  attacker.connect(localEndpoint(victim))
  await waitFor('attacker connected', () => victim.peers.size > 0, 5000)
  for (let i = 0; i < 50; i++) attacker.send(head(65535), localEndpoint(victim))
  await sleep(500)
  assert.equal(victim.cache.size, 0, 'a lifetime beyond the cap is refused')
  attacker.send(head(60), localEndpoint(victim))
  await waitFor('an ordinary packet from a connected peer is cached', () => victim.cache.size === 1, 5000)
})

test('eclipse by introducers: a connected introducer cannot fill the table with peers that are not members', async (t) => {
  const victim = await startPeer([], { maxPeers: 32 })
  const member = await startPeer([localEndpoint(victim)])
  victim.join('room'); member.join('room')
  const attacker = await new Attacker().start()
  t.after(() => { victim.close(); member.close(); attacker.close() })
  await waitFor('member known', () => victim.peers.get(member.peerId)?.subclusters.size === 1, 15_000)
  attacker.connect(localEndpoint(victim))
  await waitFor('attacker connected', () => [...victim.peers.values()].some(p => p.port === attacker.local?.port), 5000)
  for (let i = 0; i < 200; i++) {
    attacker.send(intro('room', { peerId: freshKeys().publicKey, natType: 31, address: '127.0.0.1', port: 20000 + i }, false), localEndpoint(victim))
  }
  await sleep(800)
  assert.ok(victim.peers.size <= 3, `fake introductions kept out, table has ${victim.peers.size}`)
  // Even a member (holding the key) gets only a few introductions acted on per keepalive.
  for (let i = 0; i < 200; i++) {
    attacker.send(intro('room', { peerId: freshKeys().publicKey, natType: 31, address: '127.0.0.1', port: 30000 + i }, true), localEndpoint(victim))
  }
  await sleep(300)
  assert.ok(victim.peers.size <= 3 + 2 * 16, `introductions per introducer are capped, table has ${victim.peers.size}`)
  assert.equal(victim.peers.get(member.peerId)?.connected, true, 'the real member is still there')
})
