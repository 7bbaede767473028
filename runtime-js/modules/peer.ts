// socket:peer — the app-facing peer (idl/peer.idl, PeerService) over runtime-js/peer, on the host's UDP.
import { Peer as ProtocolPeer, type PeerConfig } from '../peer/peer.ts'
import { ipcTransport, webClock, webRandom } from '../peer/ipc-transport.ts'
import { natName } from '../peer/nat.ts'
import type { PeerState } from '../peer/state.ts'
import type { Clock, Endpoint, RandomSource, Transport } from '../peer/transport.ts'
import type { PeerEventMap, PeerService, PublishOptions, Subcluster } from '../../generated/js/peer.ts'

export interface PeerOptions {
  /** Introducers chosen by the app; none are built in. */
  bootstrap?: Endpoint[]
  /** 32 bytes; a random identity is made when absent (or restored from `state`). */
  identitySeed?: Uint8Array
  port?: number
  address?: string
  config?: Partial<PeerConfig>
  /** From a previous `getState()`. */
  state?: PeerState
  /** Seams, for running outside a webview (tests, Node). Default: the host's UDP, Date, WebCrypto. */
  transport?: Transport
  clock?: Clock
  random?: RandomSource
}

/** Everything PeerEventMap names, plus the protocol's own `nat`, `connection` and `error` events. */
export interface PeerEvents extends PeerEventMap {
  nat: { natType: number, name: string }
  connection: { peerId: string, strategy: string, state: string }
  error: unknown
}

const asBytes = (data: Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array =>
  data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

export class Peer implements PeerService {
  readonly #peer: ProtocolPeer

  constructor (options: PeerOptions = {}) {
    this.#peer = new ProtocolPeer({
      transport: options.transport ?? ipcTransport(),
      clock: options.clock ?? webClock(),
      random: options.random ?? webRandom(),
      identitySeed: options.identitySeed,
      port: options.port,
      address: options.address,
      bootstrap: options.bootstrap,
      config: options.config,
      state: options.state
    })
  }

  get peerId (): string { return this.#peer.peerId }
  get natType (): number { return this.#peer.natType }
  get natName (): string { return natName(this.#peer.natType) }
  get metrics (): ProtocolPeer['metrics'] { return this.#peer.metrics }

  on<K extends keyof PeerEvents> (name: K, listener: (detail: PeerEvents[K]) => void): () => void {
    return this.#peer.on(name as string, listener as (v: unknown) => void)
  }

  async start (): Promise<void> { await this.#peer.start() }
  async join (sharedKey: string | Uint8Array): Promise<Subcluster> { return this.#peer.join(sharedKey) }
  async leave (subclusterIdHex: string): Promise<void> { this.#peer.leave(subclusterIdHex) }
  async publish (subclusterIdHex: string, data: Uint8Array | ArrayBuffer | ArrayBufferView, options: PublishOptions = {}): Promise<string> {
    return this.#peer.publish(subclusterIdHex, asBytes(data), options)
  }

  async stream (peerIdHex: string, data: Uint8Array | ArrayBuffer | ArrayBufferView): Promise<string> {
    return this.#peer.stream(peerIdHex, asBytes(data))
  }

  async query (packetIdHex: string): Promise<void> { this.#peer.query(packetIdHex) }
  async addPeer (address: string, port: number): Promise<void> { this.#peer.addPeer({ address, port }) }
  async getState (): Promise<PeerState> { return this.#peer.getState() }
  async close (): Promise<void> { this.#peer.close() }
}

export default Peer
