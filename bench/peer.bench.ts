// Benchmarks the P2P protocol's hot paths against baselines measured in the same run: packet encode/decode
// against copying the same bytes (the floor for any format) and JSON (what the original used for control
// messages); sealing/opening and signing against the raw @noble primitives doing the same operations.
// Writes docs/peer-bench.md.
import { writeFileSync } from 'node:fs'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { blake2b } from '@noble/hashes/blake2.js'
import { PacketType, decodePacket, encodePacket, packetId, type Packet } from '../runtime-js/peer/packet.ts'
import { keyPairFromSeed, subclusterKeys } from '../runtime-js/peer/crypto.ts'
import { openEnvelope, sealEnvelope } from '../runtime-js/peer/envelope.ts'
import { cryptoRandom, nodeSignatures } from '../runtime-js/peer/node-transport.ts'
import { concat, toHex } from '../runtime-js/peer/bytes.ts'

const random = cryptoRandom()
const MIN_MS = Number(process.env.BENCH_MS ?? 600)

/** Operations per second: repeats `fn` in batches until MIN_MS have passed; best of three rounds. */
function rate (fn: () => unknown, batch = 100): number {
  for (let i = 0; i < batch; i++) fn() // warm up
  let best = 0
  for (let round = 0; round < 3; round++) {
    let n = 0
    const start = performance.now()
    let elapsed = 0
    while (elapsed < MIN_MS) {
      for (let i = 0; i < batch; i++) fn()
      n += batch
      elapsed = performance.now() - start
    }
    best = Math.max(best, (n * 1000) / elapsed)
  }
  return best
}

const scKeys = subclusterKeys('bench')
const author = keyPairFromSeed(random.bytes(32))
const payload = random.bytes(1024)
const packet: Packet = {
  type: PacketType.Publish, hops: 2, replay: false, timestamp: 1_700_000_000, ttl: 360, index: 0, count: 1,
  subclusterId: scKeys.publicKey, previousId: random.bytes(16), message: payload, sig: random.bytes(64)
}
const encoded = encodePacket(packet)
const asJson = { ...packet, subclusterId: toHex(scKeys.publicKey), previousId: toHex(packet.previousId as Uint8Array), message: toHex(payload), sig: toHex(packet.sig as Uint8Array) }
const json = JSON.stringify(asJson)

// Raw library equivalents of sealEnvelope/openEnvelope: sign, X25519 + XSalsa20-Poly1305, and back.
function rawSeal (data: Uint8Array): Uint8Array {
  const sig = ed25519.sign(concat(scKeys.publicKey, data), author.secretKey)
  const esk = random.bytes(32)
  const epk = x25519.getPublicKey(esk)
  const shared = x25519.getSharedSecret(esk, scKeys.boxPublicKey)
  const key = blake2b(concat(shared, epk, scKeys.boxPublicKey), { dkLen: 32 })
  const nonce = blake2b(concat(epk, scKeys.boxPublicKey), { dkLen: 24 })
  return concat(epk, xsalsa20poly1305(key, nonce).encrypt(concat(author.publicKey, sig, data)))
}
function rawOpen (sealed: Uint8Array): boolean {
  const epk = sealed.subarray(0, 32)
  const shared = x25519.getSharedSecret(scKeys.boxSecretKey, epk)
  const key = blake2b(concat(shared, epk, scKeys.boxPublicKey), { dkLen: 32 })
  const nonce = blake2b(concat(epk, scKeys.boxPublicKey), { dkLen: 24 })
  const plain = xsalsa20poly1305(key, nonce).decrypt(sealed.subarray(32))
  return ed25519.verify(plain.subarray(32, 96), concat(scKeys.publicKey, plain.subarray(96)), plain.subarray(0, 32))
}

const sealed = sealEnvelope(payload, author, scKeys.publicKey, scKeys.boxPublicKey, random)
const rawSealed = rawSeal(payload)
const canonical = encodePacket(packet, true)
const headSig = ed25519.sign(canonical, scKeys.secretKey)

const rows: Array<[string, number, string, number]> = []
const add = (what: string, ours: number, baseline: string, base: number): void => {
  rows.push([what, ours, baseline, base])
  console.log(`${what}: ${Math.round(ours)}/s   ${baseline}: ${Math.round(base)}/s   ratio ${(ours / base).toFixed(3)}`)
}

add('encode publish packet (1024 B payload)', rate(() => encodePacket(packet), 1000), 'copy the same bytes', rate(() => encoded.slice(), 1000))
add('decode publish packet', rate(() => decodePacket(encoded), 1000), 'JSON.parse of the same packet', rate(() => JSON.parse(json), 1000))
add('packet id (SHA-256 of canonical form)', rate(() => packetId(packet), 500), 'JSON.stringify of the same packet', rate(() => JSON.stringify(asJson), 500))
add('seal envelope (sign + sealed box, 1 KB)', rate(() => sealEnvelope(payload, author, scKeys.publicKey, scKeys.boxPublicKey, random), 20), 'raw @noble sign + X25519 + XSalsa20-Poly1305', rate(() => rawSeal(payload), 20))
add('open envelope (open + verify, 1 KB)', rate(() => openEnvelope(sealed, scKeys, scKeys.publicKey), 20), 'raw @noble X25519 + XSalsa20-Poly1305 + verify', rate(() => rawOpen(rawSealed), 20))
add('verify head signature (relay check)', rate(() => ed25519.verify(headSig, encodePacket(packet, true), scKeys.publicKey), 20), 'raw ed25519.verify on prepared bytes', rate(() => ed25519.verify(headSig, canonical, scKeys.publicKey, { zip215: false }), 20))
const openssl = nodeSignatures()
add('verify head signature, node:crypto (OpenSSL) seam', rate(() => openssl.verify(headSig, encodePacket(packet, true), scKeys.publicKey), 100), 'raw @noble ed25519.verify on prepared bytes', rate(() => ed25519.verify(headSig, canonical, scKeys.publicKey, { zip215: false }), 20))

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')
const table = [
  '# P2P protocol benchmarks',
  '',
  `Written by \`bench/peer.bench.ts\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, best of 3 rounds of ≥${MIN_MS} ms).`,
  'Each row measures our code and a baseline in the same run; the ratio is ours / baseline.',
  '',
  '| operation | ours (ops/s) | baseline | baseline (ops/s) | ratio |',
  '| --- | ---: | --- | ---: | ---: |',
  ...rows.map(([what, ours, baseline, base]) => `| ${what} | ${fmt(ours)} | ${baseline} | ${fmt(base)} | ${(ours / base).toFixed(3)} |`),
  ''
].join('\n')
writeFileSync('docs/peer-bench.md', table)
console.log('wrote docs/peer-bench.md')
