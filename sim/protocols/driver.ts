// What the simulator needs from a protocol under test: start a node on a simulated host, publish, and
// tell whether a node still holds a message (for survival). Each driver adapts one implementation; the
// protocol's own code runs unchanged on the host's Transport and Clock.
import type { Endpoint } from '../../runtime-js/peer/transport.ts'
import type { Host } from '../net/fabric.ts'
import type { SeededRandom } from '../core/random.ts'

export interface NodeContext {
  host: Host
  random: SeededRandom
  /** Public endpoints of the introducers (empty for an introducer itself). */
  bootstrap: Endpoint[]
  /** Topics (shared keys) this node subscribes to. */
  topics: string[]
  /** The node must call this once per message it hands to the application. */
  onDeliver: (messageId: string) => void
  /** Protocol-specific settings from the scenario file. */
  config: Record<string, unknown>
  /** The port to bind (introducers of a split network, whose address every worker must know); any if unset. */
  port?: number
  /** State saved by a previous incarnation of the same peer (restart after leaving), if any. */
  state?: unknown
}

export interface SimNode {
  /** The address other nodes reach this one at, once started (main socket). */
  readonly port: number
  publish (topic: string, payload: Uint8Array): string
  /** True while this node keeps a copy of the message that it could still hand on. */
  holds (messageId: string): boolean
  /** Bytes of message cache in use. */
  cacheBytes (): number
  /** Serializable state for a later restart, if the protocol supports it. */
  saveState (): unknown
  close (): void
}

export interface ProtocolDriver {
  readonly name: string
  /** Names a datagram's kind for traffic statistics; "data" marks datagrams that carry a message. */
  classify (data: Uint8Array): string
  /** Kinds that carry application messages (for overhead per delivered message). */
  readonly dataKinds: readonly string[]
  start (context: NodeContext): Promise<SimNode>
  /** Memory the workers of a split network share (the peer's table of signatures made in the run): `create`
   * is called once by the parent, `adopt` by each worker before its hosts start. Only to save CPU: a run
   * gives the same event log with or without it. */
  readonly shared?: { create (): SharedArrayBuffer, adopt (buffer: SharedArrayBuffer): void }
}
