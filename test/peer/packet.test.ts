import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PacketType, decodePacket, encodePacket, framingBytes, packetId, type Packet } from '../../runtime-js/peer/packet.ts'
import { PacketDecodeError } from '../../runtime-js/peer/errors.ts'
import { MAX_DATAGRAM, MAX_MESSAGE } from '../../runtime-js/peer/constants.ts'
import { buildMessage } from '../../runtime-js/peer/fragment.ts'
import { keyPairFromSeed } from '../../runtime-js/peer/crypto.ts'
import { hexEquals, toHex } from '../../runtime-js/peer/bytes.ts'

const fill = (n: number, v: number): Uint8Array => new Uint8Array(n).fill(v)

function publish (message: Uint8Array, extra: Partial<Packet> = {}): Packet {
  return { type: PacketType.Publish, hops: 3, replay: false, timestamp: 1_700_000_000, ttl: 360, index: 0, count: 1, subclusterId: fill(32, 1), message, ...extra }
}

function decodeError (bytes: Uint8Array): string {
  try { decodePacket(bytes) } catch (err) { assert.ok(err instanceof PacketDecodeError, String(err)); return err.code }
  return 'none'
}

test('a publish packet round-trips through encode and decode', () => {
  const p = publish(fill(100, 7), { previousId: fill(16, 2), sig: fill(64, 9) })
  const back = decodePacket(encodePacket(p))
  // A decoded packet has every field; the ones the datagram lacks are undefined.
  const absent = { subclusterId: undefined, previousId: undefined, nextId: undefined, to: undefined, from: undefined, sig: undefined }
  assert.deepEqual(back, { ...absent, ...p })
})

test('a publish packet with 1024 bytes of payload uses at most 134 bytes of framing and fits 1232', () => {
  const p = publish(fill(MAX_MESSAGE, 1), { previousId: fill(16, 2), sig: fill(64, 3) })
  const bytes = encodePacket(p)
  assert.equal(bytes.length - MAX_MESSAGE, framingBytes(p))
  assert.ok(framingBytes(p) <= 134, `framing is ${framingBytes(p)}`)
  const head = publish(fill(MAX_MESSAGE, 1), { previousId: fill(16, 2), nextId: fill(16, 3), sig: fill(64, 3), count: 2 })
  assert.ok(encodePacket(head).length <= MAX_DATAGRAM)
  const stream: Packet = { ...head, subclusterId: undefined, to: fill(32, 4), from: fill(32, 5) }
  assert.ok(encodePacket(stream).length <= MAX_DATAGRAM)
})

test('the packet id depends on content, not on hops or the signature', () => {
  const a = publish(fill(10, 1))
  assert.equal(toHex(packetId(a)), toHex(packetId({ ...a, hops: 9, sig: fill(64, 1), replay: true })))
  assert.notEqual(toHex(packetId(a)), toHex(packetId({ ...a, message: fill(10, 2) })))
})

test('decoding rejects malformed datagrams with typed errors', () => {
  const good = encodePacket(publish(fill(20, 1)))
  const mutate = (f: (b: Uint8Array) => void): Uint8Array => { const b = good.slice(); f(b); return b }
  assert.equal(decodeError(mutate(b => { b[0] = 0 })), 'EMAGIC')
  assert.equal(decodeError(mutate(b => { b[2] = 99 })), 'EVERSION')
  assert.equal(decodeError(mutate(b => { b[3] = 42 })), 'ETYPE')
  assert.equal(decodeError(mutate(b => { b[4] |= 0x80 })), 'EFIELD')
  assert.equal(decodeError(mutate(b => { b[5] = 17 })), 'EHOPS')
  assert.equal(decodeError(mutate(b => { b[13] = 5 })), 'EINDEX') // index 5 of count 1
  assert.equal(decodeError(good.subarray(0, good.length - 3)), 'ETRUNCATED')
  assert.equal(decodeError(good.subarray(0, 10)), 'ETRUNCATED')
  assert.equal(decodeError(new Uint8Array([...good, 0])), 'ETRAILING')
  assert.equal(decodeError(new Uint8Array(MAX_DATAGRAM + 1)), 'ETOOLARGE')
  const lengthAt = good.length - 20 - 2
  assert.equal(decodeError(mutate(b => { b[lengthAt] = 0x10 })), 'ETOOLARGE') // message length 4096+
  assert.throws(() => encodePacket(publish(fill(MAX_MESSAGE + 1, 0))), PacketDecodeError)
})

test('a large message becomes a chain of packets linked by content ids', () => {
  const signer = keyPairFromSeed(fill(32, 5))
  const payload = new Uint8Array(5000).map((_, i) => i & 0xff)
  const { messageId, packets } = buildMessage({ type: PacketType.Publish, payload, timestamp: 1, ttl: 1, subclusterId: signer.publicKey, signer })
  assert.equal(packets.length, 5)
  assert.equal(toHex(packetId(packets[0])), toHex(messageId))
  for (let i = 0; i < packets.length; i++) {
    const p = decodePacket(encodePacket(packets[i]))
    assert.equal(p.index, i)
    assert.ok(encodePacket(p).length <= MAX_DATAGRAM)
    if (i > 0) assert.equal(toHex(p.previousId as Uint8Array), toHex(messageId))
    if (i < packets.length - 1) assert.equal(toHex(p.nextId as Uint8Array), toHex(packetId(packets[i + 1])))
    else assert.equal(p.nextId, undefined)
  }
  assert.ok(packets[0].sig && !packets[1].sig)
})

test('hexEquals compares bytes with a hex id without building it, exactly as toHex would', () => {
  const id = fill(32, 0xa7)
  id[31] = 0x0f
  assert.equal(hexEquals(toHex(id), id), true)
  assert.equal(hexEquals(toHex(id).toUpperCase(), id), false, 'ids are lowercase hex, as toHex writes them')
  assert.equal(hexEquals(toHex(id).slice(0, 62) + 'f0', id), false, 'the digits of a byte are compared in order')
  assert.equal(hexEquals(toHex(id.subarray(0, 16)), id), false, 'lengths must agree')
})
