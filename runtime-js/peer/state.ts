// What a peer saves to survive an app restart. JSON-safe (base64 for bytes). It holds the identity and
// subcluster secrets: store it where the app stores other secrets.
import type { Endpoint } from './transport.ts'

export const STATE_VERSION = 1

export interface PeerState {
  version: number
  /** Ed25519 seed of the peer's identity. */
  identitySeed: string
  /** Ed25519 seeds of the joined subclusters. */
  subclusters: string[]
  introducers: Endpoint[]
  peers: Array<{ id: string, address: string, port: number, natType: number }>
  /** Encoded cached packets. */
  cache: string[]
  natType: number
}
