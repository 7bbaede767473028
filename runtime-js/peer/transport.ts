// The seams between the P2P protocol and the world. The protocol code only talks to these interfaces, so
// the same code runs on node:dgram (tools, tests), socket:dgram (apps) and the simulator's virtual network.

/** Where a datagram came from or goes to. */
export interface Endpoint {
  address: string
  port: number
}

/** A bound UDP socket, reduced to what the protocol uses. */
export interface UdpSocketLike {
  /** Binds (port 0 = any free port) and resolves with the local endpoint. */
  bind (port?: number, address?: string): Promise<Endpoint>
  /** Sends one datagram; never throws for an unreachable peer (UDP has no such thing). */
  send (data: Uint8Array, port: number, address: string): void
  /** Registers the single handler for incoming datagrams. */
  onMessage (handler: (data: Uint8Array, from: Endpoint) => void): void
  close (): void
}

/** Makes sockets. One per peer (the main socket) plus extra ones for NAT probing and traversal. */
export interface Transport {
  createSocket (): UdpSocketLike
}

export type TimerHandle = unknown

/** Time and timers: the wall clock in real use, a virtual clock in the simulator. */
export interface Clock {
  now (): number
  setTimeout (fn: () => void, ms: number): TimerHandle
  clearTimeout (handle: TimerHandle): void
}

/** Randomness: crypto-quality in real use, seeded and repeatable in the simulator. */
export interface RandomSource {
  bytes (length: number): Uint8Array
  /** A float in [0, 1). */
  float (): number
}

/** Ed25519 signing and verification. Pure JS (@noble) by default; Node tools and the simulator may inject
 * OpenSSL's (node-transport.ts), which is many times faster. Both are deterministic (RFC 8032). */
export interface Signatures {
  /** Signs with the 32-byte Ed25519 seed. */
  sign (message: Uint8Array, seed: Uint8Array): Uint8Array
  /** False for any bad signature or key; never throws. */
  verify (sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean
}
