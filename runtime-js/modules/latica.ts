// socket:latica — the low-level peer, as the original's `socket:latica` exported Latica's `Peer` class: here the
// Stream Relay peer of runtime-js/peer with its seams (docs/network.md). Apps mostly want socket:network. The
// original's Cache, Packet, sha256, NAT and Encryption are the same objects as socket:network's; the sub-modules
// socket:latica/{packets,cache,nat,encryption,api,proxy} hold them as the original's latica/*.js files did.
import { Peer } from '../peer/peer.ts'

export { Peer }
export type { PeerConfig, PeerOptions, PeerEvents, PacketEvent, StreamEvent, ConnectionEvent } from '../peer/peer.ts'
export { NatType, natName, connectionStrategy } from '../peer/nat.ts'
export { encodePacket, decodePacket, packetId, PacketType } from '../peer/packet.ts'
export { ipcTransport, webClock, webRandom } from '../peer/ipc-transport.ts'
export { Cache } from './latica/cache.ts'
export { Packet, sha256 } from './latica/packets.ts'
export * as NAT from './latica/nat.ts'
export { Encryption } from './network.ts'
export default Peer
