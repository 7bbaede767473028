// More attacks of docs/protocol.md ("Attacks"), found in a review of the peer as it stood after re-push, kept-peer
// re-choice and NAT-detection answers from a third socket: each against real peers over real UDP on 127.0.0.1.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { filteringTransport, localEndpoint, startNetwork, startPeer, waitFor } from './helpers.ts'
import { Attacker, control, freshKeys, signedJoin } from './attacker.ts'
import { sign } from '../../runtime-js/peer/crypto.ts'
import { encodePing, encodeQuery, encodeSync, PingFlag } from '../../runtime-js/peer/messages.ts'
import { encodePacket, Flag, PacketType, withHops } from '../../runtime-js/peer/packet.ts'

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/** A stranger's NAT-detection ping (Reflection), asking for a probe reply at `probePort` of its own address. */
function reflectionPing (probePort: number): Uint8Array {
  const keys = freshKeys()
  const p = control(PacketType.Ping, encodePing({ peerId: keys.publicKey, natType: 31, flags: PingFlag.Reflection, pingId: new Uint8Array(randomBytes(8)), probePort }))
  p.sig = sign(encodePacket(p, true), keys)
  return encodePacket(p)
}

test('reflection: a stranger cannot make a peer fire probe replies at a port of its choosing beyond a small budget', async (t) => {
  const victim = await startPeer([], { keepaliveMs: 30_000 }) // the default keepalive, so the budget is 64 per 30 s
  const attacker = await new Attacker().start()
  const target = await new Attacker().start() // the "victim" port the probe replies are aimed at
  t.after(() => { victim.close(); attacker.close(); target.close() })
  const n = 400
  let sentBytes = 0
  for (let i = 0; i < n; i++) {
    const b = reflectionPing(target.local!.port)
    sentBytes += b.length
    attacker.send(b, localEndpoint(victim))
    if (i % 50 === 49) await sleep(20)
  }
  await sleep(800)
  const outBytes = [...attacker.received, ...target.received].reduce((s, b) => s + b.length, 0)
  console.log(`reflection: ${n} pings (${sentBytes} B) → ${attacker.received.length} pongs + ${target.received.length} probe replies (${outBytes} B), ratio ${(outBytes / sentBytes).toFixed(2)}`)
  assert.ok(target.received.length <= 70, `${target.received.length} probe replies reached a port that sent nothing`)
  // What is left is one pong per ping, to the ping's source (its address is what a pong adds): about 1.1 times.
  assert.ok(outBytes / sentBytes < 1.5, `bytes out per byte in: ${(outBytes / sentBytes).toFixed(2)}`)
})

test('false acknowledgement: a connected non-member that echoes an author\'s message back does not stop its re-push', async (t) => {
  // The member loses every copy of the message for its first second (a burst of loss): the re-push at
  // REPUSH_MS[0] (1.2 s) is then the first fresh copy to reach it.
  let lossUntil = Infinity
  let fresh = 0
  const member = await startPeer([], {}, filteringTransport(d => {
    if (d[3] !== PacketType.Publish) return false
    if (lossUntil === Infinity) lossUntil = Date.now() + 1000
    if (Date.now() < lossUntil) return true
    if ((d[4] & Flag.Replay) === 0) fresh++
    return false
  }))
  const author = await startPeer([localEndpoint(member)])
  const attacker = await new Attacker().start()
  t.after(() => { member.close(); author.close(); attacker.close() })
  member.join('room'); author.join('room')
  await waitFor('the author to know the member as a member', () => [...author.peers.values()].some(p => p.connected && p.member === true), 15_000)
  attacker.connect(localEndpoint(author))
  await waitFor('attacker connected', () => [...author.peers.values()].some(p => p.port === attacker.local?.port && p.connected), 5000)
  attacker.received.length = 0
  author.publish('room', new Uint8Array(randomBytes(64)))
  // The attacker (a non-member relay target of the author's fan-out) echoes the head back at once.
  await waitFor('the head at the attacker', () => attacker.received.some(d => d[3] === PacketType.Publish), 3000)
  const head = attacker.received.find(d => d[3] === PacketType.Publish) as Uint8Array
  attacker.send(withHops(head, 1), localEndpoint(author))
  await sleep(2500)
  assert.ok(fresh >= 1, 'the author pushed the message again to its member (re-push), though a non-member echoed it')
})

test('join replay: a relay that got a member\'s forwarded join cannot replay it as the member\'s own to a third peer', async (t) => {
  const introducer = await startPeer([])
  const attacker = await new Attacker().start()
  attacker.connect(localEndpoint(introducer))
  await waitFor('attacker connected to the introducer', () => [...introducer.peers.values()].some(p => p.port === attacker.local?.port && p.connected), 5000)
  const member = await startPeer([localEndpoint(introducer)])
  const victim = await startPeer([])
  t.after(() => { introducer.close(); attacker.close(); member.close(); victim.close() })
  member.join('room'); victim.join('room')
  // The introducer knows no member of the room but the joiner: it forwards the join to its other peers (the attacker).
  await waitFor('a forwarded join at the attacker', () => attacker.received.some(d => d[3] === PacketType.Join && d[5] > 0), 15_000)
  const forwarded = attacker.received.find(d => d[3] === PacketType.Join && d[5] > 0) as Uint8Array
  attacker.send(withHops(forwarded, 0), localEndpoint(victim))
  await sleep(800)
  const bound = victim.peers.get(member.peerId)
  assert.ok(!(bound?.port === attacker.local?.port && bound?.connected), 'the victim took the attacker\'s socket for the member (connected there)')
  assert.equal(bound?.subclusters.size ?? 0, 0, 'the victim took the attacker for a member of its room')
})

// Todo, not a pass: under load the honest members' last-heard time reaches the forget threshold (3 keepalives) on its
// own, so this failed 1 of 3 clean-clone runs with no attacker effect shown. It runs, and reports, without failing.
test('eclipse by busy members: members that hold the key and chatter without end do not push honest members out of the kept peers', { todo: 'timing-sensitive under load; needs a margin from the forget threshold' }, async (t) => {
  // Honest members that keep nobody alive themselves (maxConnections 0) and know enough members not to re-join
  // (fanout 1): they stay connected to the victim only while the victim keeps them (its keepalive pings), as in
  // a large room where they keep others.
  const quiet = { maxConnections: 0, fanout: 1 }
  const honest1 = await startPeer([], quiet)
  const honest2 = await startPeer([localEndpoint(honest1)], quiet)
  const victim = await startPeer([localEndpoint(honest1), localEndpoint(honest2)])
  const attackers = await Promise.all(Array.from({ length: 8 }, () => new Attacker().start()))
  let chatter: NodeJS.Timeout | undefined
  t.after(() => { clearInterval(chatter); for (const p of [honest1, honest2, victim]) p.close(); for (const a of attackers) a.close() })
  for (const p of [honest1, honest2, victim]) p.join('room')
  const honestConnected = (): number => [honest1, honest2].filter(h => victim.peers.get(h.peerId)?.connected === true && victim.peers.get(h.peerId)?.member === true).length
  await waitFor('the victim connected to both honest members', () => honestConnected() === 2, 15_000)
  // Eight members with the key join the victim, then send a cheap unsigned datagram every 100 ms, so that each
  // is always the most recently heard and live (any packet from a connected endpoint counts as hearing it).
  for (const a of attackers) a.send(signedJoin(a.keys, 'room'), localEndpoint(victim))
  await waitFor('the attackers are members at the victim', () => [...victim.peers.values()].filter(p => p.member === true && attackers.some(a => a.local?.port === p.port)).length === 8, 5000)
  const have = encodePacket(control(PacketType.Sync, encodeSync({ kind: 'have', prefix: '', ids: [] })))
  chatter = setInterval(() => { for (const a of attackers) a.send(have, localEndpoint(victim)) }, 100)
  await sleep(6000) // six keepalives of the test configuration; a peer silent for three is forgotten
  assert.equal(honestConnected(), 2, 'the victim let its honest members go (eclipsed by the chattering ones)')
})

test('sync amplification: a connected stranger\'s syncs draw at most the per-address budget of cached packets', async (t) => {
  const victim = await startPeer([], { keepaliveMs: 30_000 }) // the default keepalive: the budget is 1024 packets per 30 s
  const attacker = await new Attacker().start()
  t.after(() => { victim.close(); attacker.close() })
  victim.join('room')
  for (let i = 0; i < 300; i++) victim.publish('room', new Uint8Array(randomBytes(200)))
  assert.equal(victim.cache.size, 300)
  attacker.connect(localEndpoint(victim))
  await waitFor('attacker connected', () => [...victim.peers.values()].some(p => p.port === attacker.local?.port && p.connected), 5000)
  // One signed ping made it a peer; now 20 syncs that say "I hold nothing" (about 60 bytes each).
  const ask = encodePacket(control(PacketType.Sync, encodeSync({ kind: 'ids', prefix: '', reply: true, ids: [] })))
  attacker.received.length = 0
  for (let i = 0; i < 20; i++) { attacker.send(ask, localEndpoint(victim)); await sleep(25) }
  await sleep(1000)
  const packets = attacker.received.filter(d => d[3] === PacketType.Publish)
  const bytes = packets.reduce((s, d) => s + d.length, 0)
  console.log(`sync amplification: 20 syncs (${20 * ask.length} B) → ${packets.length} packets (${bytes} B)`)
  assert.ok(packets.length <= 1100, `${packets.length} packets sent in answer to 20 datagrams`)
})

test('query flood: a connected stranger\'s questions for packets nobody holds are relayed within a per-sender budget', async (t) => {
  const peers = await startNetwork(6)
  const attacker = await new Attacker().start()
  t.after(() => { for (const p of peers) p.close(); attacker.close() })
  await waitFor('ready', () => peers.every(p => p.ready), 20_000)
  const victim = peers[3]
  attacker.connect(localEndpoint(victim))
  await waitFor('attacker connected', () => [...victim.peers.values()].some(p => p.port === attacker.local?.port && p.connected), 5000)
  const sentBefore = peers.map(p => p.metrics.sent)
  const n = 400
  for (let i = 0; i < n; i++) {
    attacker.send(encodePacket(control(PacketType.Query, encodeQuery({ kind: 'question', queryId: new Uint8Array(randomBytes(8)), packetId: new Uint8Array(randomBytes(16)) }))), localEndpoint(victim))
    if (i % 50 === 49) await sleep(10)
  }
  await sleep(1000)
  const byVictim = victim.metrics.sent - sentBefore[3]
  const byAll = peers.reduce((s, p, i) => s + p.metrics.sent - sentBefore[i], 0)
  console.log(`query flood: ${n} questions → the victim sent ${byVictim} datagrams, the ${peers.length} peers ${byAll}`)
  // Within a second of the test keepalive (1 s): the burst of 64 relayed to fan-out 3, plus keepalive traffic.
  assert.ok(byVictim <= 64 * 3 + 150, `the victim relayed ${byVictim} datagrams for ${n} questions of a stranger`)
})

// Not defended (docs/protocol.md, "Not protected"): a peer that a receives pings from can replay one, within its
// five minutes, to a peer that does not know a, which then binds a's id to the replayer's socket until a itself
// makes contact. A challenge ping before binding fixed it, but cost reach in the simulator (10,000 peers: 19 s
// mean to 100% instead of 0.5 s; small tables: half the subscribers missed messages) and was taken out. Kept as
// a todo so that it runs and shows the state of things without failing the suite.
test('ping replay: a ping of a, replayed to a peer that does not know a, does not bind a\'s id to the replayer (not defended)', { todo: 'bind a new identity only after a challenge, without the cost in reach' }, async (t) => {
  const captured: Uint8Array[] = []
  const b = await startPeer([], {}, filteringTransport(d => { if (d[3] === PacketType.Ping && (d[4] & Flag.Signature) !== 0) captured.push(d.slice()); return false }))
  const a = await startPeer([localEndpoint(b)])
  const c = await startPeer([])
  const attacker = await new Attacker().start()
  t.after(() => { a.close(); b.close(); c.close(); attacker.close() })
  await waitFor('a ping of a captured at b', () => captured.some(d => Buffer.from(d.subarray(18, 50)).toString('hex') === a.peerId), 10_000)
  attacker.send(captured.filter(d => Buffer.from(d.subarray(18, 50)).toString('hex') === a.peerId).pop() as Uint8Array, localEndpoint(c))
  await sleep(600)
  const bound = c.peers.get(a.peerId)
  assert.ok(!(bound?.connected === true && bound.port === attacker.local?.port), 'c took the attacker\'s socket for a')
})

// Not defended (docs/protocol.md, "Not protected"): NAT detection trusts its two reflectors' reports, and a
// connected peer that says its NAT is open is taken as a reflector when fewer than two introducers are live.
test('detection poisoning: a connected peer that claims an open NAT and misreports our port does not make us symmetric (not defended)', { todo: 'a symmetric verdict should be confirmed by a third reflector' }, async (t) => {
  const introducer = await startPeer([], { natType: 31 })
  const attacker = await new Attacker().start()
  attacker.reportPort = (port) => port + 1
  const victim = await startPeer([localEndpoint(introducer), attacker.local!])
  t.after(() => { introducer.close(); attacker.close(); victim.close() })
  await waitFor('the victim detected its NAT', () => victim.natType !== 0, 15_000)
  assert.notEqual(victim.natType, 0b00101, 'judged symmetric on the word of one connected peer')
})
