// Runs the product's Stream Relay peer (runtime-js/peer/peer.ts) unchanged on a simulated host: the host's
// Transport and Clock and a seeded RandomSource are injected, topics are subclusters joined by shared key.
import { Peer } from '../../runtime-js/peer/peer.ts'
import { nodeSignatures } from '../../runtime-js/peer/node-transport.ts'
import type { Signatures } from '../../runtime-js/peer/transport.ts'
import type { ProtocolDriver, SimNode } from './driver.ts'
import { cachedVerification, type CachedSignatures } from './verify-cache.ts'
import { SignedHere } from './signed-here.ts'

/** Wire constants read from the datagram only to label traffic (runtime-js/peer/packet.ts). */
const MAGIC0 = 0x53, MAGIC1 = 0x52, REPLAY_FLAG = 1 << 5
const TYPE_NAMES = ['?', 'ping', 'pong', 'intro', 'join', 'publish', 'stream', 'sync', 'query']
/** A signed ping or pong (its canonical encoding) is verified only by the one peer it went to: not kept after. */
function isPingOrPong (message: Uint8Array): boolean {
  return message.length >= 16 && message[0] === MAGIC0 && message[1] === MAGIC1 && (message[3] === 1 || message[3] === 2)
}
/** Ed25519 through OpenSSL, shared by every simulated peer: the same signatures as the default, far faster;
 * a signature made by a peer of this process, or verified before (a membership proof), is not verified again
 * (verify-cache.ts). */
export const simSignatures = cachedVerification(nodeSignatures(65536), (message) => !isPingOrPong(message))
/** The NAT type a server on a public address announces without detection (UNRESTRICTED). */
const UNRESTRICTED = 31

/** The driver with the given signatures (the cached ones by default; a test compares them with uncached). */
export function makePeerDriver (signatures: Signatures | CachedSignatures): ProtocolDriver {
  return {
    name: 'peer',
    ...('adopt' in signatures ? { shared: { create: () => new SignedHere().buffer, adopt: (buffer: SharedArrayBuffer) => signatures.adopt(buffer) } } : {}),
    dataKinds: ['publish', 'publish-replay', 'query'],
    classify (data) {
      if (data.length < 16 || data[0] !== MAGIC0 || data[1] !== MAGIC1) return 'junk'
      const name = TYPE_NAMES[data[3]] ?? 'junk'
      return name === 'publish' && (data[4] & REPLAY_FLAG) !== 0 ? 'publish-replay' : name
    },
    async start (ctx) {
      const introducer = ctx.bootstrap.length === 0
      const peer = new Peer({
        transport: ctx.host.transport,
        clock: ctx.host.clock,
        random: ctx.random,
        signatures,
        bootstrap: ctx.bootstrap,
        ...(ctx.port !== undefined ? { port: ctx.port } : {}),
        config: { ...ctx.config, ...(introducer ? { natType: UNRESTRICTED } : {}) },
        ...(ctx.state !== undefined ? { state: ctx.state as never } : {})
      })
      const subclusters = new Map<string, string>()
      for (const topic of ctx.topics) subclusters.set(topic, peer.join(topic).idHex)
      peer.on('packet', (event) => ctx.onDeliver(event.messageId))
      peer.on('error', (error) => ctx.host.fabric.reportError(ctx.host, error))
      await peer.start()
      const node: SimNode = {
        port: peer.local?.port ?? 0,
        publish (topic, payload) {
          const id = subclusters.get(topic) ?? peer.join(topic).idHex
          subclusters.set(topic, id)
          return peer.publish(id, payload)
        },
        holds: (messageId) => peer.cache.hasMessage(messageId),
        cacheBytes: () => peer.cache.bytes,
        saveState: () => peer.getState(),
        close: () => peer.close()
      }
      return node
    }
  }
}

export const peerDriver: ProtocolDriver = makePeerDriver(simSignatures)
