// NAT type detection by reflection from two sockets (main and probe) against two other peers, A and B.
// States (docs/protocol.md, "NAT detection"):
//   IDLE → PROBE: ping A from the probe socket; A's pong says which external port the probe socket maps to.
//   PROBE → REFLECT: ping A and B from the main socket, telling them that probe port. Each answers on the main
//     socket with the endpoint it saw, and sends one more pong from its own probe socket to our probe port.
//   REFLECT → DONE: same external port seen by A and B → endpoint-independent mapping, else symmetric.
//     Probe-socket pongs received: from A and B → firewall open; only A (an address we have sent to) →
//     address-restricted; none → port-restricted.
//   Any timeout → FAILED (retried later by the peer).
import { toHex } from './bytes.ts'
import { PROBE_WAIT_MS } from './constants.ts'
import { natTypeFrom } from './nat.ts'
import type { Pong } from './messages.ts'
import type { Clock, Endpoint, RandomSource, TimerHandle } from './transport.ts'

export type DetectionState = 'idle' | 'probe' | 'reflect' | 'done' | 'failed'

export interface DetectionIo {
  clock: Clock
  random: RandomSource
  sendPing (socket: 'main' | 'probe', to: Endpoint, pingId: Uint8Array, reflection: boolean, probePort: number): void
  done (result: { natType: number, external: Endpoint } | undefined): void
}

const STAGE_TIMEOUT_MS = 2048

export class NatDetector {
  state: DetectionState = 'idle'
  #probeId = ''
  #reflectIds = new Map<string, 'a' | 'b'>()
  #observed: Partial<Record<'a' | 'b', Endpoint>> = {}
  #probeReplies = new Set<'a' | 'b'>()
  #reflectors: Endpoint[] = []
  #timer: TimerHandle | undefined

  constructor (private readonly io: DetectionIo) {}

  start (a: Endpoint, b: Endpoint): void {
    this.#reset()
    this.#reflectors = [a, b]
    this.state = 'probe'
    const id = this.io.random.bytes(8)
    this.#probeId = toHex(id)
    this.io.sendPing('probe', a, id, false, 0)
    this.#arm(STAGE_TIMEOUT_MS)
  }

  /** Feeds every pong; returns true if it belonged to detection. */
  onPong (socket: 'main' | 'probe', pong: Pong, probeReply: boolean): boolean {
    if (this.state !== 'probe' && this.state !== 'reflect') return false // not detecting: every keepalive pong comes here
    const pingHex = toHex(pong.pingId)
    if (this.state === 'probe' && socket === 'probe' && pingHex === this.#probeId) {
      this.state = 'reflect'
      const [a, b] = this.#reflectors
      for (const [who, to] of [['a', a], ['b', b]] as const) {
        const id = this.io.random.bytes(8)
        this.#reflectIds.set(toHex(id), who)
        this.io.sendPing('main', to, id, true, pong.port)
      }
      this.#arm(STAGE_TIMEOUT_MS)
      return true
    }
    const who = this.#reflectIds.get(pingHex)
    if (this.state !== 'reflect' || who === undefined) return false
    if (socket === 'probe' && probeReply) {
      this.#probeReplies.add(who)
    } else if (socket === 'main' && !probeReply) {
      this.#observed[who] = { address: pong.address, port: pong.port }
      if (this.#observed.a && this.#observed.b) this.#arm(PROBE_WAIT_MS, () => this.#conclude())
    }
    return true
  }

  #conclude (): void {
    const { a, b } = this.#observed as Record<'a' | 'b', Endpoint>
    const independent = a.port === b.port && a.address === b.address
    const firewall = this.#probeReplies.has('b') ? 'any' : this.#probeReplies.has('a') ? 'address' : 'address-and-port'
    this.state = 'done'
    this.io.done({ natType: natTypeFrom(independent, firewall), external: a })
  }

  #arm (ms: number, then?: () => void): void {
    if (this.#timer !== undefined) this.io.clock.clearTimeout(this.#timer)
    this.#timer = this.io.clock.setTimeout(() => {
      this.#timer = undefined
      if (then) return then()
      this.state = 'failed'
      this.io.done(undefined)
    }, ms)
  }

  #reset (): void {
    if (this.#timer !== undefined) this.io.clock.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#reflectIds.clear()
    this.#observed = {}
    this.#probeReplies.clear()
  }

  stop (): void { this.#reset(); if (this.state !== 'done') this.state = 'idle' }
}
