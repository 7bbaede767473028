// A hostile party for the attack tests: a plain UDP socket on 127.0.0.1 that crafts packets with the real
// encoder, with an identity of its own (or a fresh one per packet) and, when a test gives it, a shared key.
import dgram from 'node:dgram'
import { randomBytes } from 'node:crypto'
import { keyPairFromSeed, membershipProof, sign, subclusterKeys, type KeyPair } from '../../runtime-js/peer/crypto.ts'
import { decodePing, encodeIntro, encodeJoin, encodePing, encodePong, PingFlag, type Intro } from '../../runtime-js/peer/messages.ts'
import { decodePacket, encodePacket, PacketType, type Packet } from '../../runtime-js/peer/packet.ts'
import type { Endpoint } from '../../runtime-js/peer/transport.ts'

export const freshKeys = (): KeyPair => keyPairFromSeed(new Uint8Array(randomBytes(32)))
export const seconds = (): number => Math.floor(Date.now() / 1000)

export function control (type: PacketType, message: Uint8Array, extra: Partial<Packet> = {}): Packet {
  return { type, hops: 0, replay: false, timestamp: seconds(), ttl: 0, index: 0, count: 1, message, ...extra }
}

/** A ping from `keys`, signed by them as a peer signs its pings. */
export function signedPing (keys: KeyPair, flags: number = PingFlag.Connection): Uint8Array {
  const p = control(PacketType.Ping, encodePing({ peerId: keys.publicKey, natType: 31, flags, pingId: new Uint8Array(randomBytes(8)), probePort: 0 }))
  p.sig = sign(encodePacket(p, true), keys)
  return encodePacket(p)
}

/** An introduction of `about` in the subcluster of `sharedKey`; with a valid membership proof when `prove`. */
export function intro (sharedKey: string, about: Intro & { keys?: KeyPair }, prove: boolean): Uint8Array {
  const sc = subclusterKeys(sharedKey)
  const proof = prove ? membershipProof(sc, about.peerId) : undefined
  return encodePacket(control(PacketType.Intro, encodeIntro({ ...about, proof }), { subclusterId: sc.publicKey }))
}

/** A join by `keys` to the subcluster of `sharedKey`, signed as a joiner signs it. */
export function signedJoin (keys: KeyPair, sharedKey: string): Uint8Array {
  const sc = subclusterKeys(sharedKey)
  const p = control(PacketType.Join, encodeJoin({ peerId: keys.publicKey, natType: 31, address: '127.0.0.1', port: 1, proof: membershipProof(sc, keys.publicKey) }), { subclusterId: sc.publicKey })
  p.sig = sign(encodePacket(p, true), keys)
  return encodePacket(p)
}

export class Attacker {
  readonly keys = freshKeys()
  readonly received: Uint8Array[] = []
  /** The port its pongs report as the pinger's (a lying reflector); the true one by default. */
  reportPort?: (truePort: number) => number
  #socket = dgram.createSocket('udp4')
  local?: Endpoint

  /** `answerPings`: it answers pings with pongs signed by its own identity, as any peer does (a peer binds a new
   * identity to an endpoint only on such a pong: docs/protocol.md, attack "ping replay"). */
  constructor (private readonly answerPings = true) {}

  async start (): Promise<this> {
    this.#socket.on('message', (m, rinfo) => {
      const d = new Uint8Array(m)
      this.received.push(d)
      if (this.answerPings && d[3] === PacketType.Ping) this.#pong(d, { address: rinfo.address, port: rinfo.port })
    })
    await new Promise<void>(resolve => this.#socket.bind(0, '127.0.0.1', () => resolve()))
    const a = this.#socket.address()
    this.local = { address: a.address, port: a.port }
    return this
  }

  send (bytes: Uint8Array, to: Endpoint): void { this.#socket.send(bytes, to.port, to.address) }

  /** Becomes a connected peer of `to`, as any stranger can: one signed ping. */
  connect (to: Endpoint): void { this.send(signedPing(this.keys), to) }

  #pong (ping: Uint8Array, to: Endpoint): void {
    try {
      const { pingId } = decodePing(decodePacket(ping).message)
      const p = control(PacketType.Pong, encodePong({ peerId: this.keys.publicKey, natType: 31, flags: 0, pingId, probePort: 0, address: to.address, port: this.reportPort?.(to.port) ?? to.port }))
      p.sig = sign(encodePacket(p, true), this.keys)
      this.send(encodePacket(p), to)
    } catch { /* not a ping we can answer */ }
  }

  close (): void { this.#socket.close() }
}
