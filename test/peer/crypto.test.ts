import { test } from 'node:test'
import assert from 'node:assert/strict'
import { keyPairFromSeed, nobleSignatures, open, seal, subclusterKeys } from '../../runtime-js/peer/crypto.ts'
import { openEnvelope, sealEnvelope } from '../../runtime-js/peer/envelope.ts'
import { cryptoRandom, nodeSignatures } from '../../runtime-js/peer/node-transport.ts'
import { utf8 } from '../../runtime-js/peer/bytes.ts'

const random = cryptoRandom()

test('the @noble and OpenSSL Ed25519 implementations make and accept the same signatures', () => {
  const node = nodeSignatures()
  for (let i = 0; i < 20; i++) {
    const keys = keyPairFromSeed(random.bytes(32))
    const msg = random.bytes(i * 37)
    const a = nobleSignatures.sign(msg, keys.secretKey)
    assert.deepEqual(node.sign(msg, keys.secretKey), a, 'Ed25519 is deterministic')
    assert.ok(node.verify(a, msg, keys.publicKey) && nobleSignatures.verify(a, msg, keys.publicKey))
    const bad = a.slice(); bad[i % 64] ^= 1
    assert.ok(!node.verify(bad, msg, keys.publicKey) && !nobleSignatures.verify(bad, msg, keys.publicKey))
  }
  assert.equal(node.verify(new Uint8Array(64), utf8('x'), new Uint8Array(31)), false)
  assert.equal(nobleSignatures.verify(new Uint8Array(64), utf8('x'), new Uint8Array(32).fill(0xff)), false)
})

test('a sealed box opens only with its key, and not after any change', () => {
  const keys = subclusterKeys('box')
  const other = subclusterKeys('other box')
  const sealed = seal(utf8('secret'), keys.boxPublicKey, random)
  assert.deepEqual(open(sealed, keys), utf8('secret'))
  assert.equal(open(sealed, other), undefined)
  for (const at of [0, 31, 32, 47, sealed.length - 1]) {
    const t = sealed.slice(); t[at] ^= 0x10
    assert.equal(open(t, keys), undefined, `byte ${at} changed`)
  }
  assert.equal(open(sealed.subarray(0, 40), keys), undefined)
})

test('an envelope carries the author and is bound to its subcluster', () => {
  const sc = subclusterKeys('room')
  const author = keyPairFromSeed(random.bytes(32))
  const env = sealEnvelope(utf8('hi'), author, sc.publicKey, sc.boxPublicKey, random)
  const opened = openEnvelope(env, sc, sc.publicKey)
  assert.ok(opened.ok && opened.author.every((b, i) => b === author.publicKey[i]))
  // The same bytes claimed for another context (replayed elsewhere) fail the author signature.
  assert.deepEqual(openEnvelope(env, sc, subclusterKeys('elsewhere').publicKey), { ok: false, reason: 'unverified' })
  assert.deepEqual(openEnvelope(env, subclusterKeys('elsewhere'), sc.publicKey), { ok: false, reason: 'unopened' })
})
