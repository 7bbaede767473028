// Runs in the webview: socket:network's and socket:latica's exports as an app sees them (the runtime's bundle,
// loaded by the socket: scheme), exercised enough to show they work in WebKit: sha256 known answers, a packet
// round trip and a refused datagram, a cache insert and eviction, the NAT numbers, what throws.
import { errorShape } from '../harness/observe.ts'

const load = async (name: string): Promise<any> => await import(name)

let result: unknown
try {
  const network = await load('socket:network')
  const latica = await load('socket:latica')
  const subs: Record<string, string[]> = {}
  for (const name of ['socket:latica/packets', 'socket:latica/cache', 'socket:latica/nat', 'socket:latica/encryption', 'socket:latica/api', 'socket:latica/proxy', 'socket:latica/index']) {
    subs[name] = Object.keys(await load(name)).sort()
  }
  const { Cache, NAT, Packet, sha256 } = network
  const p = new Packet({ type: 5, timestamp: 1_700_000_000, subclusterId: new Uint8Array(32).fill(3), message: 'hi', sig: new Uint8Array(64).fill(1) })
  const bytes: Uint8Array = await Packet.encode(p)
  const back = Packet.decode(bytes)
  let refused: unknown
  try { Packet.decode(bytes.subarray(0, bytes.length - 3)) } catch (error) { refused = { name: (error as Error).name, code: (error as { code?: string }).code } }
  const cache = new Cache({ maxBytes: 1100 })
  const ids: string[] = []
  for (let i = 0; i < 6; i++) {
    const q = Packet.from({ ...p, timestamp: 1_700_000_000 + i, message: new Uint8Array(300).fill(i) })
    ids.push(q.packetId)
    cache.insert(q.packetId, q)
  }
  let proxyThrew: unknown
  try { new (await load('socket:latica/proxy')).PeerWorkerProxy() } catch (error) { proxyThrew = errorShape(error) }
  result = {
    network: ['network', 'Cache', 'Encryption', 'NAT', 'Packet', 'sha256'].map(n => typeof network[n]),
    sameInLatica: [latica.Cache === Cache, latica.Packet === Packet, latica.sha256 === sha256, latica.NAT.UNRESTRICTED === NAT.UNRESTRICTED, typeof latica.Peer],
    subs,
    sha256: [await sha256('abc'), await sha256(new Uint8Array([0x61, 0x62, 0x63])), Array.from(await sha256('', { bytes: true }) as Uint8Array).slice(0, 4)],
    packet: [bytes.length, back instanceof (await load('socket:latica/packets')).PacketPublish, back.packetId === p.packetId, new TextDecoder().decode(back.message), Packet.isPacket(bytes)],
    refused,
    cache: { size: cache.size, withinBudget: cache.bytes <= cache.maxBytes, newestKept: cache.has(ids[5]), oldestGone: !cache.has(ids[0]) },
    nat: [NAT.UNRESTRICTED, NAT.ADDR_RESTRICTED, NAT.PORT_RESTRICTED, NAT.ENDPOINT_RESTRICTED, NAT.connectionStrategy(NAT.ENDPOINT_RESTRICTED, NAT.PORT_RESTRICTED)],
    proxyThrew
  }
} catch (error) {
  result = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
