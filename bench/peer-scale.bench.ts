// What one keepalive ping costs the peer (runtime-js/peer) when it is one of thousands in a process, as in the
// simulator, against the same ping to a lone peer in the same run. Each peer answers pings from the 150 peers in
// its table; the baseline pings one peer round-robin (its data stays in the CPU caches), the measured run pings
// 3,000 peers in random order (every ping touches tables that are cold). The ratio is the price of memory, and
// it is most of what a 10,000-peer simulation pays per event. Writes docs/peer-scale-bench.md.
import { writeFileSync } from 'node:fs'
import { Peer } from '../runtime-js/peer/peer.ts'
import { encodePing } from '../runtime-js/peer/messages.ts'
import { PacketType, encodePacket } from '../runtime-js/peer/packet.ts'
import { nodeSignatures } from '../runtime-js/peer/node-transport.ts'
import type { Endpoint } from '../runtime-js/peer/transport.ts'
import { SeededRandom } from '../sim/core/random.ts'

const TABLE = 150
const PINGS = Number(process.env.BENCH_PINGS ?? 300_000)
const signatures = nodeSignatures(1024)
let now = 1_700_000_000_000
const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} }
const random = new SeededRandom('peer-scale')

type Receive = (data: Uint8Array, from: Endpoint) => void

/** A started peer on a transport that swallows what it sends; returns its receive handler. */
async function quietPeer (): Promise<Receive> {
  let receive: Receive | undefined
  const socket = {
    bind: async () => ({ address: '10.0.0.1', port: 4000 }),
    send: () => {},
    onMessage: (handler: Receive) => { receive ??= handler },
    close: () => {}
  }
  const peer = new Peer({ transport: { createSocket: () => socket }, clock, random, signatures, bootstrap: [], config: { natType: 31 } })
  await peer.start()
  return receive!
}

const senders = Array.from({ length: TABLE * 4 }, (_, i) => ({
  from: { address: `11.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, port: 5000 + (i % 1000) },
  ping: encodePacket({
    type: PacketType.Ping, hops: 0, replay: false, timestamp: Math.floor(now / 1000), ttl: 0, index: 0, count: 1,
    message: encodePing({ peerId: random.bytes(32), natType: 7, flags: 0, pingId: random.bytes(8), probePort: 0 })
  })
}))
const senderOf = (peer: number, k: number): (typeof senders)[number] => senders[(peer * 7 + k) % senders.length]

/** CPU µs per ping over PINGS pings spread over `count` peers, each of which first learns its TABLE senders. */
async function microsPerPing (count: number): Promise<{ micros: number, heapMB: number }> {
  const peers: Receive[] = []
  for (let p = 0; p < count; p++) peers.push(await quietPeer())
  for (let p = 0; p < count; p++) for (let k = 0; k < TABLE; k++) { const s = senderOf(p, k); peers[p](s.ping.slice(), s.from) }
  const heapMB = process.memoryUsage().heapUsed / 1e6
  const ping = (i: number): void => {
    now += 0.1
    const p = ((i * 2654435761) >>> 0) % count
    const s = senderOf(p, i % TABLE)
    peers[p](s.ping.slice(), s.from)
  }
  for (let i = 0; i < PINGS / 10; i++) ping(i) // untimed: the first run would otherwise also pay for compiling
  const start = process.cpuUsage()
  for (let i = 0; i < PINGS; i++) ping(i)
  const cpu = process.cpuUsage(start)
  return { micros: (cpu.user + cpu.system) / PINGS, heapMB }
}

const lone = await microsPerPing(1)
const crowd = await microsPerPing(3000)
const ratio = crowd.micros / lone.micros
console.log(`one peer: ${lone.micros.toFixed(2)} µs per ping; 3,000 peers: ${crowd.micros.toFixed(2)} µs (heap ${crowd.heapMB.toFixed(0)} MB); ratio ${ratio.toFixed(2)}`)
writeFileSync('docs/peer-scale-bench.md', [
  '# What a ping costs a peer among thousands',
  '',
  `Written by \`bench/peer-scale.bench.ts\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}). ${PINGS.toLocaleString('en-US')} keepalive pings, each`,
  `answered with a pong by a peer that knows its sender (tables of ${TABLE}); CPU time per ping. The baseline is the same`,
  'pings to one peer, whose data stays in the CPU caches; the measured run spreads them over 3,000 peers in one',
  'process, as the simulator does. The ratio is the cost of memory (cache misses, a larger heap to collect).',
  '',
  '| run | µs of CPU per ping | heap before the pings | ratio to one peer |',
  '| --- | ---: | ---: | ---: |',
  `| one peer (baseline) | ${lone.micros.toFixed(2)} | ${lone.heapMB.toFixed(0)} MB | 1.00 |`,
  `| 3,000 peers | ${crowd.micros.toFixed(2)} | ${crowd.heapMB.toFixed(0)} MB | ${ratio.toFixed(2)} |`,
  ''
].join('\n'))
console.log('wrote docs/peer-scale-bench.md')
