// The simulator's shared Ed25519 verification results (signatures made here, proofs verified before) answer exactly
// what OpenSSL answers, and a run of the product's peer gives the same event log with them as without them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import { cachedVerification } from '../../sim/protocols/verify-cache.ts'
import { SignedHere } from '../../sim/protocols/signed-here.ts'
import { makePeerDriver, simSignatures } from '../../sim/protocols/peer-driver.ts'
import { ed25519PublicKey, nodeSignatures } from '../../runtime-js/peer/node-transport.ts'
import { parseScenario } from '../../sim/scenario.ts'
import { runScenario } from '../../sim/runner.ts'

function keyPair (): { publicKey: Uint8Array, sign: (m: Uint8Array) => Uint8Array } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12))
  return { publicKey: raw, sign: (m) => new Uint8Array(nodeSign(null, m, privateKey)) }
}

test('a repeated verification is answered from the cache; a changed message, key or signature is verified again', () => {
  const cache = cachedVerification(nodeSignatures())
  const alice = keyPair()
  const bob = keyPair()
  const message = new TextEncoder().encode('membership of alice')
  const sig = alice.sign(message)
  assert.equal(cache.verify(sig, message, alice.publicKey), true)
  assert.equal(cache.verify(sig, message, alice.publicKey), true)
  assert.deepEqual(cache.stats, { verified: 1, hits: 1 })
  // The same signature over other bytes, or under another key, is not the cached result.
  const other = message.slice(); other[0] ^= 1
  assert.equal(cache.verify(sig, other, alice.publicKey), false)
  assert.equal(cache.verify(sig, message, bob.publicKey), false)
  const forged = sig.slice(); forged[5] ^= 1
  assert.equal(cache.verify(forged, message, alice.publicKey), false)
  assert.equal(cache.stats.hits, 1)
  // A failure is cached as a failure.
  assert.equal(cache.verify(forged, message, alice.publicKey), false)
  assert.equal(cache.stats.hits, 2)
  // The caller's buffers may be reused afterwards: the cache kept copies.
  message[0] ^= 1
  assert.equal(cache.verify(sig, message, alice.publicKey), false)
})

test('a signature made through the cache verifies from memory under its public key, and only there', () => {
  const cache = cachedVerification(nodeSignatures())
  const seed = new Uint8Array(32).fill(7)
  const publicKey = ed25519PublicKey(seed)
  const plain = nodeSignatures()
  for (let n = 0; n < 20; n++) {
    const message = new Uint8Array(40 + n).fill(n)
    const sig = cache.sign(message, seed)
    assert.equal(plain.verify(sig, message, publicKey), true, 'OpenSSL agrees')
    assert.equal(cache.verify(sig, message, publicKey), true)
  }
  assert.deepEqual(cache.stats, { verified: 0, hits: 20 })
  const message = new Uint8Array([1, 2, 3])
  const sig = cache.sign(message, seed)
  const altered = sig.slice(); altered[63] ^= 0x40
  assert.equal(cache.verify(altered, message, publicKey), false)
  assert.equal(cache.verify(sig, new Uint8Array([1, 2, 4]), publicKey), false)
  assert.equal(cache.verify(sig, message, keyPair().publicKey), false)
  assert.deepEqual(cache.stats, { verified: 3, hits: 20 })
})

test('the table of signatures made here is shared through its memory (as the workers of a split run share it)', () => {
  const seed = new Uint8Array(32).fill(3)
  const publicKey = ed25519PublicKey(seed)
  const signer = cachedVerification(nodeSignatures())
  const receiver = cachedVerification(nodeSignatures())
  const message = new Uint8Array([5, 6, 7, 8])
  receiver.adopt(signer.signedHere.buffer)
  const sig = signer.sign(message, seed)
  assert.equal(receiver.verify(sig, message, publicKey), true)
  assert.deepEqual(receiver.stats, { verified: 0, hits: 1 })
  assert.equal(receiver.verify(sig, new Uint8Array([5, 6, 7, 9]), publicKey), false)
  // A slot overwritten by another signature is a real verification again, with the same answer.
  const tiny = new SignedHere(undefined, 1)
  const other = nodeSignatures().sign(new Uint8Array([1]), seed)
  tiny.record(sig, message, publicKey)
  assert.equal(tiny.has(sig, message, publicKey), true)
  tiny.record(other, new Uint8Array([1]), publicKey)
  assert.equal(tiny.has(sig, message, publicKey), false)
  assert.equal(tiny.has(other, new Uint8Array([1]), publicKey), true)
})

test('messages not worth keeping bypass the cache, and the oldest unused result is dropped first', () => {
  const alice = keyPair()
  const once = cachedVerification(nodeSignatures(), (m) => m[0] !== 0)
  const ping = new Uint8Array([0, 1, 2])
  const sig = alice.sign(ping)
  assert.equal(once.verify(sig, ping, alice.publicKey), true)
  assert.equal(once.verify(sig, ping, alice.publicKey), true)
  assert.deepEqual(once.stats, { verified: 2, hits: 0 })
  const signedHere = once.sign(ping, new Uint8Array(32).fill(9))
  const signer = ed25519PublicKey(new Uint8Array(32).fill(9))
  assert.equal(once.verify(signedHere, ping, signer), true)
  assert.equal(once.verify(signedHere, ping, signer), true)
  assert.deepEqual(once.stats, { verified: 2, hits: 2 }, 'a ping signed here is known to verify')

  const small = cachedVerification(nodeSignatures(), () => true, 2)
  const [a, b, c] = [1, 2, 3].map((n) => new Uint8Array([n]))
  const [sa, sb, sc] = [a, b, c].map((m) => alice.sign(m))
  small.verify(sa, a, alice.publicKey); small.verify(sb, b, alice.publicKey)
  small.verify(sa, a, alice.publicKey) // a used again: b is now the oldest
  small.verify(sc, c, alice.publicKey) // evicts b
  small.verify(sa, a, alice.publicKey)
  assert.equal(small.stats.hits, 2)
  small.verify(sb, b, alice.publicKey)
  assert.equal(small.stats.hits, 2, 'b was evicted')
})

test('the peer in the simulator gives the same event log with the cache as with plain OpenSSL verification', async () => {
  const scenario = parseScenario({
    name: 'verify-cache', seed: 7, durationMs: 40_000, peers: 16, introducers: 1, loss: 0.01,
    nat: { open: 0.25, 'full-cone': 0.25, 'address-restricted': 0.25, 'port-restricted': 0.25 },
    subscribeFraction: 0.5,
    publish: [{ atMs: 20_000, count: 2, intervalMs: 2000, from: 'subscriber', bytes: 300 }],
    churn: [{ type: 'replace', startMs: 5000, endMs: 40_000, perMinute: 6 }],
    sampleEveryMs: 5000
  })
  const hitsBefore = simSignatures.stats.hits
  const cached = await runScenario(scenario, makePeerDriver(simSignatures))
  const plain = await runScenario(scenario, makePeerDriver(nodeSignatures()))
  assert.ok(simSignatures.stats.hits > hitsBefore, 'peers repeated verifications (membership proofs)')
  assert.equal(cached.errors.count, 0, cached.errors.first.join('\n'))
  assert.ok(cached.messages.deliveries > 0)
  assert.equal(cached.logHash, plain.logHash)
  assert.deepEqual(cached.messages, plain.messages)
})
