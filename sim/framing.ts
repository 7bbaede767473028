// The framing table of docs/protocol.md, computed from the real encoder: what a publish of n bytes costs on the
// wire (one hop). `npx tsx sim/framing.ts` prints it; test/peer/framing.test.ts checks the page still shows it.
import { buildMessage } from '../runtime-js/peer/fragment.ts'
import { sealEnvelope } from '../runtime-js/peer/envelope.ts'
import { keyPairFromSeed, subclusterKeys } from '../runtime-js/peer/crypto.ts'
import { encodePacket, PacketType } from '../runtime-js/peer/packet.ts'
import type { RandomSource } from '../runtime-js/peer/transport.ts'

const zeros: RandomSource = { bytes: (n) => new Uint8Array(n), float: () => 0 }

export interface FramingRow { bytes: number, datagrams: number, largest: number, wire: number, overhead: number }

export function framingRow (bytes: number): FramingRow {
  const sc = subclusterKeys('framing')
  const author = keyPairFromSeed(new Uint8Array(32).fill(1))
  const payload = sealEnvelope(new Uint8Array(bytes), author, sc.publicKey, sc.boxPublicKey, zeros)
  const { packets } = buildMessage({ type: PacketType.Publish, payload, timestamp: 1_800_000_000, ttl: 1500, subclusterId: sc.publicKey, signer: sc })
  const sizes = packets.map(p => encodePacket(p).length)
  const wire = sizes.reduce((a, b) => a + b, 0)
  return { bytes, datagrams: sizes.length, largest: Math.max(...sizes), wire, overhead: wire - bytes }
}

export function framingTable (sizes = [64, 1024, 65536]): string {
  const label = (n: number): string => n >= 1024 ? `${n / 1024} KB` : `${n} B`
  const rows = sizes.map(framingRow).map(r =>
    `| ${label(r.bytes)} | ${r.datagrams} | ${r.largest} | ${r.wire} | ${r.overhead} (${(100 * r.overhead / r.bytes).toFixed(1)}%) |`)
  return ['| publish | datagrams | largest datagram | bytes on the wire | overhead |', '| --- | --- | --- | --- | --- |', ...rows].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(framingTable())
