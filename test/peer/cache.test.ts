// The relay cache answers "do you hold this message?" for the whole message, not only its head.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RelayCache } from '../../runtime-js/peer/cache.ts'
import { buildMessage } from '../../runtime-js/peer/fragment.ts'
import { subclusterKeys } from '../../runtime-js/peer/crypto.ts'
import { PacketType, encodePacket, packetId } from '../../runtime-js/peer/packet.ts'
import { toHex } from '../../runtime-js/peer/bytes.ts'

test('hasMessage is true only once the head and every fragment are cached', () => {
  const keys = subclusterKeys('cache-test')
  const { messageId, packets } = buildMessage({
    type: PacketType.Publish, payload: new Uint8Array(2500).fill(7), timestamp: 1, ttl: 10, subclusterId: keys.publicKey, signer: keys
  })
  assert.equal(packets.length, 3)
  const idHex = toHex(messageId)
  const cache = new RelayCache(1 << 20)
  const insert = (i: number): void => {
    const p = packets[i]
    const pid = toHex(packetId(p))
    cache.insert({
      id: packetId(p), idHex: pid, bytes: encodePacket(p), subclusterHex: toHex(keys.publicKey), hops: 0, expiresAt: Infinity,
      own: true, rebroadcast: false, fragmentKey: i > 0 ? `${idHex}/${i}` : undefined, count: i === 0 ? p.count : undefined
    })
  }
  assert.equal(cache.hasMessage(idHex), false)
  insert(0)
  assert.equal(cache.has(idHex), true, 'the head alone is cached')
  assert.equal(cache.hasMessage(idHex), false, 'but not the whole message')
  insert(2)
  assert.equal(cache.hasMessage(idHex), false, 'fragment 1 is still missing')
  insert(1)
  assert.equal(cache.hasMessage(idHex), true)
  cache.delete(toHex(packetId(packets[1])))
  assert.equal(cache.hasMessage(idHex), false, 'a fragment evicted: no longer whole')
})
