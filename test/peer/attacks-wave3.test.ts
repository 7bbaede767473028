// More attacks of docs/protocol.md ("Attacks"), found in a review of the peer as it stood after re-push, kept-peer
// re-choice and NAT-detection answers from a third socket: each against real peers over real UDP on 127.0.0.1.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { filteringTransport, localEndpoint, startPeer, waitFor } from './helpers.ts'
import { Attacker, control, freshKeys, signedPing } from './attacker.ts'
import { sign } from '../../runtime-js/peer/crypto.ts'
import { encodePing, PingFlag } from '../../runtime-js/peer/messages.ts'
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
