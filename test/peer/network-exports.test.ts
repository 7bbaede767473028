// The rest of the original's socket:network surface (sha256, Cache, NAT, Packet) and socket:latica's sub-modules,
// from the source modules: known answers for sha256, the cache's byte bound and eviction order, the original's
// NAT numbers and strategy table (../shared/reference, section 5.4-5.5), packets that round-trip and malformed
// bytes that are refused with a typed error.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as network from '../../runtime-js/modules/network.ts'
import * as latica from '../../runtime-js/modules/latica.ts'
import * as packets from '../../runtime-js/modules/latica/packets.ts'
import * as nat from '../../runtime-js/modules/latica/nat.ts'
import * as cacheModule from '../../runtime-js/modules/latica/cache.ts'
import * as encryption from '../../runtime-js/modules/latica/encryption.ts'
import * as proxy from '../../runtime-js/modules/latica/proxy.ts'
import * as apiModule from '../../runtime-js/modules/latica/api.ts'
import * as index from '../../runtime-js/modules/latica/index.ts'
import { NatType } from '../../runtime-js/peer/nat.ts'
import { PacketDecodeError } from '../../runtime-js/peer/errors.ts'
import { buildMessage } from '../../runtime-js/peer/fragment.ts'
import { keyPairFromSeed } from '../../runtime-js/peer/crypto.ts'
import { toHex } from '../../runtime-js/peer/bytes.ts'
import { DEFAULT_TTL_MINUTES } from '../../runtime-js/peer/constants.ts'
import { cryptoRandom, nodeSignatures, nodeTransport, systemClock } from '../../runtime-js/peer/node-transport.ts'

const { Cache, NAT, Packet, sha256 } = network

test('socket:network exports the original\'s names, and socket:latica the same objects', () => {
  for (const name of ['network', 'Cache', 'Encryption', 'NAT', 'Packet', 'sha256']) assert.ok(name in network, `socket:network ${name}`)
  assert.equal(latica.Cache, Cache)
  assert.equal(latica.Packet, Packet)
  assert.equal(latica.sha256, sha256)
  assert.equal(latica.NAT.UNRESTRICTED, 31)
  assert.equal(latica.Encryption, network.Encryption)
  assert.equal(packets.Packet, Packet)
  assert.equal(packets.sha256, sha256)
  assert.equal(cacheModule.Cache, Cache)
  assert.equal(encryption.Encryption, network.Encryption)
  assert.equal(index.default, latica.default)
  assert.equal(index.Peer, latica.Peer)
  assert.deepEqual(Object.keys(NAT).sort(), Object.keys(nat).sort())
})

test('sha256: known answers for strings and bytes, hex by default, bytes when asked', async () => {
  const vectors: Array<[string, string]> = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1']
  ]
  for (const [input, hex] of vectors) {
    const pending = sha256(input)
    assert.ok(pending instanceof Promise, 'sha256 is async')
    assert.equal(await pending, hex, JSON.stringify(input))
    const bytes = new TextEncoder().encode(input)
    assert.equal(await sha256(bytes), hex, `bytes of ${JSON.stringify(input)}`)
    assert.equal(await sha256(bytes.buffer), hex, 'an ArrayBuffer')
    const raw = await sha256(input, { bytes: true })
    assert.ok(raw instanceof Uint8Array)
    assert.equal(raw.length, 32)
    assert.equal(toHex(raw), hex)
  }
  // A multi-byte UTF-8 string hashes its UTF-8 bytes; a view hashes only its window.
  assert.equal(await sha256('é'), await sha256(new Uint8Array([0xc3, 0xa9])))
  const window = new Uint8Array([0, 0x61, 0x62, 0x63, 0]).subarray(1, 4)
  assert.equal(await sha256(window), vectors[1][1])
  assert.equal(await sha256(new DataView(window.buffer, 1, 3)), vectors[1][1])
  assert.equal(await sha256('abc', { encoding: 'base64' }), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=')
  // Other values hash as their JSON (as the original's).
  assert.equal(await sha256({ a: 1 }), await sha256('{"a":1}'))
  await assert.rejects(() => sha256(undefined), TypeError)
  await assert.rejects(() => sha256(null), TypeError)
  await assert.rejects(() => sha256('abc', { encoding: 'latin1' as never }), TypeError)
})

test('NAT: the original\'s numbers, checks and connection-strategy table', () => {
  assert.equal(NAT.UNKNOWN, 0)
  assert.equal(NAT.UNRESTRICTED, 31)
  assert.equal(NAT.ADDR_RESTRICTED, 15)
  assert.equal(NAT.PORT_RESTRICTED, 7)
  assert.equal(NAT.ENDPOINT_RESTRICTED, 5)
  assert.equal(NAT.MAPPING_ENDPOINT_INDEPENDENT, 0b00011)
  assert.equal(NAT.MAPPING_ENDPOINT_DEPENDENT, 0b00001)
  assert.equal(NAT.FIREWALL_ALLOW_ANY, 0b11100)
  assert.equal(NAT.FIREWALL_ALLOW_KNOWN_IP, 0b01100)
  assert.equal(NAT.FIREWALL_ALLOW_KNOWN_IP_AND_PORT, 0b00100)
  assert.deepEqual([NAT.STRATEGY_DEFER, NAT.STRATEGY_DIRECT_CONNECT, NAT.STRATEGY_TRAVERSAL_OPEN, NAT.STRATEGY_TRAVERSAL_CONNECT, NAT.STRATEGY_PROXY], [0, 1, 2, 3, 4])
  // The peer speaks the same numbers.
  assert.deepEqual([NatType.Unknown, NatType.Unrestricted, NatType.AddressRestricted, NatType.PortRestricted, NatType.EndpointRestricted], [0, 31, 15, 7, 5])

  for (const t of [31, 15, 7, 5]) assert.ok(NAT.isValid(t), `${t} is valid`)
  for (const t of [0, 0b00001, 0b00100, 0b11000]) assert.ok(!NAT.isValid(t), `${t} is not valid`)
  assert.ok(NAT.isEndpointIndependentMapping(7) && !NAT.isEndpointIndependentMapping(5))
  assert.ok(NAT.isEndpointDependentMapping(5) && !NAT.isEndpointDependentMapping(15))
  assert.ok(NAT.isFirewallAllowAny(31) && NAT.isFirewallAllowKnownIP(15) && NAT.isFirewallAllowKnownIPAndPort(7) && NAT.isFirewallAllowKnownIPAndPort(5))
  assert.equal(NAT.toString(15), 'ADDR_RESTRICTED')
  assert.equal(NAT.toString(0), 'UNKNOWN')
  assert.equal(NAT.toStringStrategy(NAT.STRATEGY_PROXY), 'STRATEGY_PROXY')
  assert.throws(() => NAT.toStringStrategy(9), TypeError)
  assert.throws(() => NAT.isValid(32), TypeError)
  assert.throws(() => NAT.connectionStrategy('31' as never, 31), TypeError)

  // The reference's table: rows are the remote type, columns the local type (U, A, P, E).
  const { STRATEGY_DEFER: D, STRATEGY_DIRECT_CONNECT: C, STRATEGY_TRAVERSAL_OPEN: O, STRATEGY_TRAVERSAL_CONNECT: T, STRATEGY_PROXY: P } = NAT
  const types = [31, 15, 7, 5]
  const table = [
    [C, C, C, C],
    [D, C, C, C],
    [D, C, C, T],
    [D, C, O, P]
  ]
  types.forEach((remote, row) => types.forEach((local, column) => {
    assert.equal(NAT.connectionStrategy(local, remote), table[row][column], `local ${local} -> remote ${remote}`)
  }))
})

const signer = keyPairFromSeed(new Uint8Array(32).fill(7))
const subclusterId = keyPairFromSeed(new Uint8Array(32).fill(9)).publicKey

function publish (n: number, fill = n): InstanceType<typeof Packet> {
  return new packets.PacketPublish({ subclusterId, timestamp: 1_700_000_000 + n, message: new Uint8Array(200).fill(fill), sig: new Uint8Array(64).fill(1) })
}

test('Packet: encode and decode round-trip; the subclass follows the type; the id is the content address', async () => {
  const p = new Packet({ type: packets.PacketType.Publish, hops: 3, timestamp: 1_700_000_123, ttl: 60, subclusterId, previousId: new Uint8Array(16).fill(2), message: 'hello', sig: new Uint8Array(64).fill(5) })
  const bytes = await Packet.encode(p)
  assert.ok(bytes instanceof Uint8Array)
  assert.ok(Packet.isPacket(bytes))
  assert.equal(packets.getTypeFromBytes(bytes), packets.PacketType.Publish)
  const back = Packet.decode(bytes)
  assert.ok(back instanceof packets.PacketPublish)
  assert.deepEqual(back.toJSON(), p.toJSON())
  assert.equal(new TextDecoder().decode(back.message), 'hello')
  assert.equal(back.packetId, p.packetId)
  assert.match(back.packetId, /^[0-9a-f]{32}$/)
  // Relays change hops; the id stays.
  assert.equal(Packet.from({ ...back, hops: 9 }).packetId, p.packetId)
  assert.notEqual(Packet.from({ ...back, message: 'hellO' }).packetId, p.packetId)
  // Decoding copies: changing the datagram afterwards does not change the packet.
  bytes.fill(0)
  assert.equal(new TextDecoder().decode(back.message), 'hello')
  for (const Class of [packets.PacketPing, packets.PacketPong, packets.PacketIntro, packets.PacketJoin, packets.PacketStream, packets.PacketSync, packets.PacketQuery]) {
    const q = Packet.decode(await Packet.encode(new Class({ message: new Uint8Array([1]) })))
    assert.ok(q instanceof Class, Class.name)
    assert.equal(q.type, Class.type)
  }
  assert.equal(Packet.maxLength, 1024)
  assert.equal(Packet.ttl, DEFAULT_TTL_MINUTES * 60_000)
})

test('Packet: malformed bytes and fields are refused with typed errors', async () => {
  const good = await Packet.encode(publish(1))
  const code = (bytes: Uint8Array): string => {
    try { Packet.decode(bytes) } catch (err) { assert.ok(err instanceof PacketDecodeError, String(err)); return (err as PacketDecodeError).code }
    return 'accepted'
  }
  const bad = good.slice(); bad[0] ^= 0xff
  assert.equal(code(bad), 'EMAGIC')
  assert.ok(!Packet.isPacket(bad))
  const version = good.slice(); version[2] = 99
  assert.equal(code(version), 'EVERSION')
  const type = good.slice(); type[3] = 42
  assert.equal(code(type), 'ETYPE')
  assert.equal(code(good.subarray(0, good.length - 1)), 'ETRUNCATED')
  assert.equal(code(good.subarray(0, 5)), 'ETRUNCATED')
  const trailing = new Uint8Array(good.length + 1); trailing.set(good)
  assert.equal(code(trailing), 'ETRAILING')
  assert.equal(code(new Uint8Array(0)), 'ETRUNCATED')
  assert.throws(() => Packet.decode('not bytes' as never), TypeError)
  assert.equal(Packet.isPacket('x'), false)
  // Encoding checks sizes too.
  await assert.rejects(() => Packet.encode(new packets.PacketPublish({ subclusterId: new Uint8Array(5) })), (err: unknown) => err instanceof PacketDecodeError && err.code === 'EFIELD')
  await assert.rejects(() => Packet.encode(new packets.PacketPublish({ message: new Uint8Array(1025) })), (err: unknown) => err instanceof PacketDecodeError && err.code === 'ETOOLARGE')
  assert.throws(() => new Packet({ type: 99 as never }), TypeError)
  assert.throws(() => new packets.PacketPublish({ hops: -1 }), TypeError)
  assert.throws(() => new packets.PacketPublish({ message: 5 as never }), TypeError)
})

test('Cache: insert, get, has, delete by content address; the byte budget holds; own packets are evicted last', () => {
  const cache = new Cache()
  assert.equal(cache.maxBytes, 16 * 1024 * 1024)
  const p = publish(1)
  assert.equal(cache.insert(p.packetId, p), true)
  assert.equal(cache.insert(p.packetId, p), false, 'already held')
  assert.ok(cache.has(p.packetId))
  const got = cache.get(p.packetId)
  assert.ok(got instanceof packets.PacketPublish)
  assert.deepEqual(got.toJSON(), p.toJSON())
  assert.throws(() => cache.insert(publish(2).packetId, p), TypeError, 'a key that is not the packet\'s id')
  assert.throws(() => cache.get('nope'), TypeError)
  assert.equal(cache.insert(new packets.PacketPing({}).packetId, new packets.PacketPing({})), false, 'only publishes are cached')
  assert.equal(cache.delete(p.packetId), true)
  assert.equal(cache.delete(p.packetId), false)
  assert.equal(cache.get(p.packetId), undefined)
  assert.equal(cache.size, 0)
  assert.equal(cache.bytes, 0)

  // Room for about four packets: inserting ten keeps the bytes within the budget and the newest ones.
  const small = new Cache({ maxBytes: 1300 })
  const all = Array.from({ length: 10 }, (_, i) => publish(i + 10))
  for (const q of all) {
    small.insert(q.packetId, q)
    assert.ok(small.bytes <= small.maxBytes, `bytes ${small.bytes} within ${small.maxBytes}`)
  }
  assert.ok(small.size >= 3 && small.size <= 5, `size ${small.size}`)
  assert.equal(small.evicted, 10 - small.size)
  assert.deepEqual([...small.keys()], all.slice(10 - small.size).map(q => q.packetId), 'the oldest went first')

  // Own packets stay while foreign ones can go.
  const mixed = new Cache({ maxBytes: 1300 })
  const mine = publish(100)
  mixed.insert(mine.packetId, mine, { own: true })
  for (const q of all) mixed.insert(q.packetId, q)
  assert.ok(mixed.has(mine.packetId), 'the own packet survived ten foreign inserts')
  assert.throws(() => new Cache({ maxBytes: 0 }), TypeError)
  assert.equal(new Cache({ maxBytes: 100 }).insert(p.packetId, p), false, 'larger than the whole budget')
})

test('Cache: compose puts a fragmented message back together; summaries encode and decode', () => {
  const payload = new Uint8Array(2500).map((_, i) => i % 251)
  const built = buildMessage({ type: 5, payload, timestamp: 1_700_000_000, ttl: 60, subclusterId, signer })
  const cache = new Cache()
  const [head, ...rest] = built.packets.map(w => Packet.from(w))
  assert.equal(head.packetId, toHex(built.messageId))
  for (const q of [head, ...rest]) assert.ok(cache.insert(q.packetId, q))
  const whole = cache.compose(head)
  assert.ok(whole !== undefined)
  assert.deepEqual(whole.message, payload)
  assert.equal(whole.count, 1)
  cache.delete(rest[1].packetId)
  assert.equal(cache.compose(head), undefined, 'a fragment is missing')
  assert.throws(() => cache.compose(rest[0]), TypeError)

  const summary = cache.summarize()
  assert.equal(summary.buckets.length, 16)
  assert.equal(summary.buckets.filter(b => b !== null).length, new Set([...cache.keys()].map(k => k[0])).size)
  const bytes = Cache.encodeSummary(summary)
  assert.deepEqual(Cache.decodeSummary(bytes), summary)
  assert.throws(() => Cache.decodeSummary(new Uint8Array([9, 0])), PacketDecodeError)
  assert.throws(() => cache.summarize('XYZ'), TypeError)
  assert.equal(Cache.HASH_SIZE_BYTES, 8)
})

test('Encryption.sign and verify: Ed25519 over the whole message, with createKeyPair\'s keys', async () => {
  const { Encryption } = network
  const keys = await Encryption.createKeyPair('seed')
  assert.equal(keys.privateKey.length, 64)
  const message = new Uint8Array(100).map((_, i) => i)
  const sig = await Encryption.sign(message, keys.privateKey)
  assert.equal(sig.length, 64)
  assert.equal(await Encryption.verify(message, sig, keys.publicKey), true)
  // Every byte counts, the first 64 too (the original's sign skipped them).
  const changed = message.slice(); changed[0] ^= 1
  assert.equal(await Encryption.verify(changed, sig, keys.publicKey), false)
  assert.equal(await Encryption.verify(message, sig, (await Encryption.createKeyPair('other')).publicKey), false)
  assert.deepEqual(await Encryption.sign('text', keys.privateKey.subarray(0, 32)), await Encryption.sign(new TextEncoder().encode('text'), keys.privateKey))
  await assert.rejects(() => Encryption.sign(message, new Uint8Array(5)), TypeError)
  await assert.rejects(() => Encryption.verify(message, 'sig' as never, keys.publicKey), TypeError)
})

test('what has no counterpart here throws NotSupportedError naming itself', async () => {
  assert.throws(() => new proxy.PeerWorkerProxy(), { name: 'NotSupportedError', code: 'ERR_NOT_SUPPORTED', message: /PeerWorkerProxy/ })
  await assert.rejects(() => apiModule.api({}, { Peer: class {} }), { name: 'NotSupportedError', message: /api\(options, classes\)/ })
  // The original bus's methods with no counterpart here throw, naming themselves; addIndexedPeer adds an introducer.
  const net = await network.network({ transport: nodeTransport(), clock: systemClock(), random: cryptoRandom(), signatures: nodeSignatures(), address: '127.0.0.1' })
  try {
    for (const name of ['sync', 'reconnect', 'disconnect', 'seal', 'open'] as const) {
      assert.throws(() => net[name](), { name: 'NotSupportedError', code: 'ERR_NOT_SUPPORTED', message: new RegExp(`socket:network ${name}\\(\\)`) }, name)
    }
    await net.addIndexedPeer({ peerId: 'x', address: '127.0.0.1', port: 9 })
    await assert.rejects(() => net.addIndexedPeer({ address: '127.0.0.1', port: 0 }), TypeError)
    const info = net.getInfo()
    assert.equal(info.localAddress, '127.0.0.1')
    assert.ok(Number.isInteger(info.localPort) && (info.localPort as number) > 0, 'the bound port is in the info')
  } finally {
    await net.close()
  }
})
