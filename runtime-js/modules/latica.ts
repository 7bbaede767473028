// socket:latica — the low-level peer, as the original's `socket:latica` exported Latica's `Peer` class: here the
// Stream Relay peer of runtime-js/peer with its seams (docs/network.md). Apps mostly want socket:network.
import { Peer } from '../peer/peer.ts'

export { Peer }
export type { PeerConfig, PeerOptions, PeerEvents, PacketEvent, StreamEvent, ConnectionEvent } from '../peer/peer.ts'
export { NatType, natName, connectionStrategy } from '../peer/nat.ts'
export { encodePacket, decodePacket, packetId, PacketType } from '../peer/packet.ts'
export { RelayCache as Cache } from '../peer/cache.ts'
export { ipcTransport, webClock, webRandom } from '../peer/ipc-transport.ts'
export { Encryption } from './network.ts'
export default Peer
