// NAT type detection by reflection from two sockets (main and probe) against two other peers, A and B.
// States (docs/protocol.md, "NAT detection"):
//   IDLE → PROBE: ping A from the probe socket; A's pong says which external port the probe socket maps to.
//     (Skipped when A told us that port within PROBE_PORT_FRESH_MS: a retry or a re-check.)
//   PROBE → REFLECT: ping A and B from the main socket, telling them that probe port. Each answers on the main
//     socket with the endpoint it saw, and sends one more pong from its own probe socket to our probe port.
//   REFLECT → DONE: same external port seen by A and B → endpoint-independent mapping, else symmetric.
//     Probe-socket pongs received: from B → firewall open; only from A (an address we have sent to) →
//     address-restricted; none → port-restricted.
//   A stage not done within STAGE_TIMEOUT_MS → FAILED (retried later by the peer).
//
// Under load or loss (netns lab at load 20-30, 2% loss per link; docs/netns-lab.md) detection went wrong in
// three ways, each handled here:
// - One lost ping or pong failed a whole attempt: unanswered pings are sent again (new id) every RESEND_MS
//   within their stage, so an attempt survives a lost datagram without waiting for the next.
// - A missing probe reply (lost, or later than PROBE_WAIT_MS) reads as a closed firewall: open and full-cone
//   hosts were judged address-restricted, address-restricted ones port-restricted, and the verdict stuck. A
//   probe reply is proof of an open firewall, its absence is not: the verdict keeps the most open firewall ever
//   proven, a late probe reply still counts after DONE, and a verdict that rests on missing replies is checked
//   again (RECHECKS times, when the peer asks: recheckDue()).
// - A probe reply proves nothing if our probe socket itself sent to that address first (the NAT then lets
//   it in whatever its type): a retry that swapped A and B judged an address-restricted NAT unrestricted.
//   The detector keeps the same A and B across retries (until one fails SWITCH_AFTER_FAILURES attempts in a
//   row and another peer can take its place), remembers every address its probe pings went to, and takes no
//   proof from B's reply if one went to B's address. (Our answers to others' reflections leave from a third
//   socket, peer.ts #reflector, for the same reason: from the probe socket they opened our NAT to the askers.)
import { toHex } from './bytes.ts'
import { PROBE_WAIT_MS } from './constants.ts'
import { natTypeFrom } from './nat.ts'
import type { Pong } from './messages.ts'
import type { Clock, Endpoint, RandomSource, TimerHandle } from './transport.ts'

export type DetectionState = 'idle' | 'probe' | 'reflect' | 'done' | 'failed'
type Firewall = 'any' | 'address' | 'address-and-port'
type Who = 'a' | 'b'

export interface DetectionIo {
  clock: Clock
  random: RandomSource
  sendPing (socket: 'main' | 'probe', to: Endpoint, pingId: Uint8Array, reflection: boolean, probePort: number): void
  done (result: { natType: number, external: Endpoint } | undefined): void
}

export const STAGE_TIMEOUT_MS = 2048
/** An unanswered detection ping is sent again after this long, within its stage (up to three resends). */
export const RESEND_MS = 640
/** A verdict that rests on missing probe replies (a firewall not proven open) is checked again this many times. */
export const RECHECKS = 3
/** ...at the earliest this long after the verdict before: a burst of loss or a load spike should be over. */
export const RECHECK_AFTER_MS = 4000
/** A probe port A told us this recently is used again without a new PROBE stage. */
const PROBE_PORT_FRESH_MS = 10_000
/** A send from our probe socket explains replies from that address for this long (NAT filters keep the
 * permission for their timeout: 30 s to a few minutes; the lab's address-restricted NAT, 3 minutes). */
const CONTACT_MS = 5 * 60_000
const MAX_CONTACTS = 1024
const OPENNESS: Record<Firewall, number> = { 'address-and-port': 0, address: 1, any: 2 }

/** A reflector that failed this many attempts in a row is replaced, if another peer can take its place. */
const SWITCH_AFTER_FAILURES = 2

const keyOf = (e: Endpoint): string => `${e.address}:${e.port}`
/** The first of `xs` that passes the first test any of them passes. */
const pick = <T>(xs: T[], ...tests: Array<(x: T) => boolean>): T | undefined => {
  for (const t of tests) { const x = xs.find(t); if (x !== undefined) return x }
  return undefined
}
const sameEndpoint = (x: Endpoint | undefined, y: Endpoint): boolean => x !== undefined && x.address === y.address && x.port === y.port

export class NatDetector {
  state: DetectionState = 'idle'
  #probeIds = new Set<string>()
  #reflectIds = new Map<string, Who>()
  #observed: Partial<Record<Who, Endpoint>> = {}
  /** Probe replies of this attempt that prove something (see #proves). */
  #probeReplies = new Set<Who>()
  #a: Endpoint | undefined
  #b: Endpoint | undefined
  #probePort: { port: number, at: number } | undefined
  #timer: TimerHandle | undefined
  #resendTimer: TimerHandle | undefined
  /** Addresses our probe pings went to, and when. */
  #pinged = new Map<string, number>()
  /** The most open firewall ever proven, and the last verdict. */
  #firewall: Firewall = 'address-and-port'
  #last: { independent: boolean, external: Endpoint, at: number } | undefined
  #rechecks = 0
  /** Attempts failed in a row for want of each reflector's answer. */
  #failures = new Map<string, number>()

  constructor (private readonly io: DetectionIo) {}

  /** Starts an attempt against two of `candidates` (live peers, introducers first): the A and B of the last
   * attempt while they are candidates, else the first ones whose replies can prove something. */
  start (candidates: Endpoint[]): boolean {
    const now = this.io.clock.now()
    const usable = (c: Endpoint): boolean => (this.#failures.get(keyOf(c)) ?? 0) < SWITCH_AFTER_FAILURES
    const keptB = (c: Endpoint): boolean => sameEndpoint(this.#b, c) && usable(c)
    const a = pick(candidates, c => sameEndpoint(this.#a, c) && usable(c), c => !keptB(c) && usable(c), c => !keptB(c))
    if (a === undefined) return false
    // (A and B are never swapped: our probe pings to both would leave no reply able to prove an open firewall.)
    // B at another address than A: a reply from A's address may be let in by our ping to A (address-restricted).
    const b = pick(candidates.filter(c => c !== a), keptB, c => usable(c) && c.address !== a.address && !this.#contacted(c.address, now),
      c => usable(c) && c.address !== a.address, usable, () => true)
    if (b === undefined) return false
    this.#reset()
    if (!sameEndpoint(this.#a, a)) this.#probePort = undefined
    this.#a = a
    this.#b = b
    if (this.#probePort !== undefined && now - this.#probePort.at <= PROBE_PORT_FRESH_MS) this.#reflect(this.#probePort.port)
    else this.#probe()
    return true
  }

  /** A verdict rests on missing probe replies and should be checked again now. */
  recheckDue (): boolean {
    return this.state === 'done' && this.#rechecks > 0 && this.#last !== undefined && this.#last.independent &&
      this.#firewall !== 'any' && this.io.clock.now() - this.#last.at >= RECHECK_AFTER_MS
  }

  /** Feeds every pong; returns true if it belonged to detection. */
  onPong (socket: 'main' | 'probe', pong: Pong, probeReply: boolean): boolean {
    if (this.state !== 'probe' && this.state !== 'reflect') return this.state === 'done' && probeReply && this.#late(socket, pong)
    const pingHex = toHex(pong.pingId)
    if (this.state === 'probe' && socket === 'probe' && !probeReply && this.#probeIds.has(pingHex)) {
      this.#probePort = { port: pong.port, at: this.io.clock.now() }
      this.#reflect(pong.port)
      return true
    }
    const who = this.#reflectIds.get(pingHex)
    if (this.state !== 'reflect' || who === undefined) return false
    if (socket === 'probe' && probeReply) {
      if (this.#proves(who)) this.#probeReplies.add(who)
    } else if (socket === 'main' && !probeReply) {
      this.#observed[who] = { address: pong.address, port: pong.port }
    } else return true
    const { a, b } = this.#observed
    if (a && b) {
      // Nothing more to wait for: a symmetric mapping (its firewall does not matter), or every probe reply
      // that could prove something has come.
      if (a.port !== b.port || a.address !== b.address || this.#probeReplies.has('b') || (this.#probeReplies.has('a') && !this.#proves('b'))) this.#conclude()
      else if (this.#resendTimer !== undefined) { this.#stopResending(); this.#arm(PROBE_WAIT_MS, () => this.#conclude()) }
    }
    return true
  }

  #probe (): void {
    this.state = 'probe'
    const a = this.#a as Endpoint
    this.#resending(() => {
      const id = this.io.random.bytes(8)
      this.#probeIds.add(toHex(id))
      this.#note(a.address)
      this.io.sendPing('probe', a, id, false, 0)
    })
    this.#arm(STAGE_TIMEOUT_MS)
  }

  #reflect (probePort: number): void {
    this.state = 'reflect'
    this.#resending(() => {
      for (const who of ['a', 'b'] as const) {
        if (this.#observed[who] !== undefined) continue
        const id = this.io.random.bytes(8)
        this.#reflectIds.set(toHex(id), who)
        this.io.sendPing('main', (who === 'a' ? this.#a : this.#b) as Endpoint, id, true, probePort)
      }
    })
    this.#arm(STAGE_TIMEOUT_MS)
  }

  /** A reply from B's probe socket proves our firewall open to anyone only if none of our probe pings went to
   * B's address (B at A's address, on one host or loopback: nothing better to go on, taken as it comes). */
  #proves (who: Who): boolean {
    const b = this.#b as Endpoint
    return who === 'a' || b.address === this.#a?.address || !this.#contacted(b.address, this.io.clock.now())
  }

  /** A probe reply after the verdict: still proof, and the verdict opens up if it proves more. */
  #late (socket: 'main' | 'probe', pong: Pong): boolean {
    const who = this.#reflectIds.get(toHex(pong.pingId))
    if (who === undefined || socket !== 'probe') return false
    if (this.#proves(who)) this.#probeReplies.add(who)
    if (this.#last !== undefined && this.#prove(this.#probeReplies)) this.io.done(this.#verdict(this.#last.external))
    return true
  }

  /** Raises the most open firewall proven; true if it rose. */
  #prove (replies: Set<Who>): boolean {
    const shown: Firewall = replies.has('b') ? 'any' : replies.has('a') ? 'address' : 'address-and-port'
    if (OPENNESS[shown] <= OPENNESS[this.#firewall]) return false
    this.#firewall = shown
    return true
  }

  #conclude (): void {
    this.#stopResending()
    this.#failures.clear()
    if (this.#timer !== undefined) this.io.clock.clearTimeout(this.#timer)
    this.#timer = undefined
    const { a, b } = this.#observed as Record<Who, Endpoint>
    this.#prove(this.#probeReplies)
    // A re-check counts down only when it confirms; a first verdict (or a changed mapping) starts the count.
    const independent = a.port === b.port && a.address === b.address
    this.#rechecks = this.#last?.independent === independent ? this.#rechecks - 1 : RECHECKS
    this.#last = { independent, external: a, at: this.io.clock.now() }
    this.state = 'done'
    this.io.done(this.#verdict(a))
  }

  #verdict (external: Endpoint): { natType: number, external: Endpoint } {
    return { natType: natTypeFrom(this.#last?.independent === true, this.#firewall), external }
  }

  /** Runs `send` now and again every RESEND_MS until the stage ends. */
  #resending (send: () => void): void {
    this.#stopResending()
    const again = (): void => {
      send()
      this.#resendTimer = this.io.clock.setTimeout(again, RESEND_MS)
    }
    again()
  }

  #stopResending (): void {
    if (this.#resendTimer !== undefined) this.io.clock.clearTimeout(this.#resendTimer)
    this.#resendTimer = undefined
  }

  #arm (ms: number, then?: () => void): void {
    if (this.#timer !== undefined) this.io.clock.clearTimeout(this.#timer)
    this.#timer = this.io.clock.setTimeout(() => {
      this.#timer = undefined
      if (then) return then()
      this.#fail()
    }, ms)
  }

  /** A stage timed out. A failed re-check keeps the verdict (and counts as a re-check: they are bounded). */
  #fail (): void {
    this.#stopResending()
    const blamed = this.state === 'probe' ? [this.#a] : [this.#observed.a ? undefined : this.#a, this.#observed.b ? undefined : this.#b]
    for (const e of blamed) if (e !== undefined) this.#failures.set(keyOf(e), (this.#failures.get(keyOf(e)) ?? 0) + 1)
    if (this.#failures.size > MAX_CONTACTS) this.#failures.clear()
    if (this.#last === undefined) {
      this.state = 'failed'
      this.io.done(undefined)
      return
    }
    this.state = 'done'
    this.#rechecks--
    this.#last.at = this.io.clock.now()
  }

  #note (address: string): void {
    this.#pinged.delete(address)
    this.#pinged.set(address, this.io.clock.now())
    if (this.#pinged.size > MAX_CONTACTS) this.#pinged.delete(this.#pinged.keys().next().value as string)
  }

  #contacted (address: string, now: number): boolean {
    const at = this.#pinged.get(address)
    return at !== undefined && now - at <= CONTACT_MS
  }

  #reset (): void {
    this.#stopResending()
    if (this.#timer !== undefined) this.io.clock.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#probeIds.clear()
    this.#reflectIds.clear()
    this.#observed = {}
    this.#probeReplies.clear()
  }

  stop (): void { this.#reset(); if (this.state !== 'done') this.state = 'idle' }
}
