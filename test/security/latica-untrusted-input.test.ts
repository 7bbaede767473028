// What a hostile UDP peer (or page) can hand socket:network / socket:latica: mutated and truncated datagrams,
// garbage sync summaries, forged signatures. Each must end in a typed error or `false`, never another exception
// or a crash, and verify must accept nothing but the signer's key over the exact message. These held on the
// code as merged (docs/security.md lists them); the test keeps them held.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cache, Encryption, Packet } from '../../runtime-js/modules/network.ts'
import { PacketDecodeError } from '../../runtime-js/modules/latica/packets.ts'
import { PacketType } from '../../runtime-js/peer/packet.ts'

// A small deterministic generator: the same mutations every run.
function random (seed: number): () => number {
  let s = seed >>> 0
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32 }
}

const L = 2n ** 252n + 27742317777372353535851937790883648493n

test('Encryption.verify: wrong key, altered message, malformed or non-canonical signatures, small-order keys are false', async () => {
  const a = await Encryption.createKeyPair('a')
  const b = await Encryption.createKeyPair('b')
  const sig = await Encryption.sign('hello', a.privateKey)
  assert.equal(await Encryption.verify('hello', sig, a.publicKey), true)
  assert.equal(await Encryption.verify('hello', sig, b.publicKey), false)
  assert.equal(await Encryption.verify('hellp', sig, a.publicKey), false)
  assert.equal(await Encryption.verify('hello', sig, a.publicKey.subarray(0, 31)), false)
  assert.equal(await Encryption.verify('hello', sig, a.privateKey), false, 'the 64-byte private key is not a public key')
  assert.equal(await Encryption.verify('hello', new Uint8Array(0), a.publicKey), false)
  assert.equal(await Encryption.verify('hello', new Uint8Array([...sig, 0]), a.publicKey), false)
  // S + L: the same signature in a non-canonical form (RFC 8032 requires S < L).
  const malleable = sig.slice()
  let s = 0n
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(malleable[32 + i])
  s += L
  for (let i = 0; i < 32; i++) { malleable[32 + i] = Number(s & 255n); s >>= 8n }
  assert.equal(await Encryption.verify('hello', malleable, a.publicKey), false)
  // The identity point as the key and as R with S = 0 "verifies" any message under a lax verifier.
  const identity = new Uint8Array(32); identity[0] = 1
  const forged = new Uint8Array(64); forged[0] = 1
  assert.equal(await Encryption.verify('any message', forged, identity), false)
  assert.equal(await Encryption.verify('any message', new Uint8Array(64), new Uint8Array(32)), false)
  // Flipping any one bit of the signature or of the message makes it false.
  for (let bit = 0; bit < 512; bit += 7) {
    const flipped = sig.slice(); flipped[bit >> 3] ^= 1 << (bit & 7)
    assert.equal(await Encryption.verify('hello', flipped, a.publicKey), false, `signature bit ${bit}`)
  }
})

test('Packet.decode and Cache.decodeSummary: mutated, truncated and huge input gives PacketDecodeError only', async () => {
  const good = await Packet.encode({ type: PacketType.Publish, subclusterId: new Uint8Array(32).fill(3), to: new Uint8Array(32), from: new Uint8Array(32).fill(1), message: 'x'.repeat(100) })
  const next = random(7)
  const codes = new Set<string>()
  let decoded = 0
  for (let i = 0; i < 20000; i++) {
    const m = good.slice()
    for (let k = 0; k <= i % 5; k++) m[Math.floor(next() * m.length)] = Math.floor(next() * 256)
    const input = i % 3 === 0 ? m.subarray(0, Math.floor(next() * m.length)) : m
    try {
      const p = Packet.decode(input)
      decoded++
      void p.packetId
      JSON.stringify(p.toJSON())
    } catch (err) {
      assert.ok(err instanceof PacketDecodeError, `input ${i}: ${String(err)}`)
      codes.add((err as PacketDecodeError).code)
    }
  }
  assert.ok(codes.size >= 5 && decoded > 0, `codes ${[...codes]}; decoded ${decoded}`)
  assert.throws(() => Packet.decode(new Uint8Array(64 * 1024 * 1024)), (err: unknown) => err instanceof PacketDecodeError && err.code === 'ETOOLARGE')
  for (let i = 0; i < 5000; i++) {
    const bytes = new Uint8Array(Math.floor(next() * 300))
    for (let k = 0; k < bytes.length; k++) bytes[k] = Math.floor(next() * 256)
    try { Cache.decodeSummary(bytes) } catch (err) { assert.ok(err instanceof PacketDecodeError, `summary ${i}: ${String(err)}`) }
  }
  assert.throws(() => Cache.decodeSummary(new Uint8Array(16 * 1024 * 1024)), PacketDecodeError)
})
