// The simulated Internet: hosts (each alone behind its own NAT, or on a public address), their UDP sockets,
// and the links between them with latency, random loss and per-host up/down bandwidth. Every datagram is
// either delivered to a socket's handler or dropped for a named reason; both are counted and logged.
import type { Endpoint, Transport, UdpSocketLike } from '../../runtime-js/peer/transport.ts'
import type { Simulation } from '../core/simulation.ts'
import { HostClock } from '../core/host-clock.ts'
import { Nat, INBOUND_DROP_REASON, type NatType } from './nat.ts'
import { Datagram, QUEUED_DOWN } from './datagram.ts'
import { LinkLatency, DEFAULT_LATENCY, type LatencyModel } from './latency.ts'
import { TrafficStats, type KindCounters } from './traffic-stats.ts'
import type { SeededRandom } from '../core/random.ts'

export interface FabricOptions {
  latency?: LatencyModel
  /** Probability that any one datagram is lost in transit. */
  loss?: number
  /** Default NAT mapping timeout (ms). */
  natTimeoutMs?: number
  /** Longest a datagram may wait in a host's send or receive queue before it is tail-dropped (ms). */
  maxQueueMs?: number
  /** Virtual epoch that HostClock.now() adds to simulated time (ms since 1970). */
  epochMs?: number
  /** Labels datagrams for per-kind statistics (for example "publish", "ping"). */
  classify?: (data: Uint8Array) => string
  /** Set when this fabric is one of several workers' shares of the network (see sim/parallel/README.md). */
  partition?: FabricPartition
  /** Gilbert-Elliott burst loss on every sender's access link (see BurstLoss), on top of `loss`. */
  burstLoss?: BurstLoss
  /** Per-host clock error: each host's clock is off by up to ±skewMs and runs fast or slow by up to ±driftPpm. */
  clockError?: ClockError
  /** CPU time a host spends on each datagram it receives; datagrams wait their turn (0: free). */
  cpuMsPerDatagram?: number
}

/**
 * Gilbert-Elliott loss: each sender's link is good or bad; in the bad state every datagram is lost. The link
 * takes one step before each datagram it sends, and one more for every `slotMs` of time that passes between
 * them; at each step it leaves the bad state with probability 1/burstLength and enters it with the probability
 * that makes `mean` the long-run share of steps (and so of datagrams) lost. A sender that sends at least one
 * datagram per slot loses bursts of `burstLength` datagrams on average; a quiet one is in a burst for about
 * burstLength × slotMs of time. `slotMs` 0 takes steps at datagrams only (the model before, where a peer
 * sending one datagram every few seconds stayed in a burst for tens of seconds, see docs/simulation/README.md).
 */
export interface BurstLoss { mean: number, burstLength: number, slotMs?: number }
/** Default BurstLoss.slotMs: a quiet sender's burst lasts about burstLength × 20 ms. */
export const BURST_SLOT_MS = 20
export interface ClockError { skewMs: number, driftPpm: number }

export function validateBurstLoss (b: BurstLoss): void {
  if (b === null || typeof b !== 'object' || !(b.mean >= 0 && b.mean < 1) || !(b.burstLength >= 1)) throw new RangeError('burstLoss needs 0 <= mean < 1 and burstLength >= 1 (datagrams, or slots of slotMs when the sender is quiet)')
  if (b.slotMs !== undefined && !(typeof b.slotMs === 'number' && b.slotMs >= 0 && Number.isFinite(b.slotMs))) throw new RangeError('burstLoss.slotMs must be a finite number >= 0 (0: the link steps at datagrams only)')
}

/**
 * One worker's share of a network split between workers: it runs the hosts whose id modulo `count` is `index`
 * and hands datagrams for the others to `outboxes[their worker]`. Every worker still knows every host (its
 * address, NAT type, state), so each can address any of them.
 */
export interface FabricPartition {
  index: number
  count: number
  outboxes: Outbox[]
}

/** Where datagrams for another worker's hosts go, stamped with the arrival time the sender's side decided. */
export interface Outbox {
  add (arrives: number, fromId: number, fromPort: number, toId: number, toPort: number, payload: Uint8Array, bytes: number): void
}

/**
 * A carrier-grade NAT (RFC 6888): one public address shared by several hosts, each behind its own home NAT too
 * (two levels). Its mapping is endpoint-independent (the RFC requires it); its filter is `type`. `hairpin`: a
 * datagram from one of its hosts to its own public address is turned around to the host that holds that
 * public port (RFC 4787 REQ-9), instead of being dropped (`nat-no-hairpin`) as by carriers that do not.
 */
export interface CarrierNatOptions {
  type: 'full-cone' | 'address-restricted' | 'port-restricted'
  hairpin: boolean
}

/** One carrier NAT: its translation table (keys: the host's place behind it × 65536 + the port its home NAT
 * gave), its address and its hosts. */
export class CarrierNat {
  readonly hosts: Host[] = []
  constructor (readonly nat: Nat, readonly addressKey: number, readonly hairpin: boolean) {}
}

export interface HostOptions {
  nat: NatType
  /** Behind this carrier NAT as well as behind its own (`nat`); see Fabric.addCarrier. */
  carrier?: CarrierNat
  natTimeoutMs?: number
  /** Bits per second; Infinity for no limit. */
  uplinkBps?: number
  downlinkBps?: number
  /** Extra loss on this host's access link. */
  loss?: number
}

export type HostState = 'up' | 'asleep' | 'gone'

/** IP + UDP header bytes counted on the wire for every datagram. */
export const HEADER_BYTES = 28

export class Host {
  state: HostState = 'up'
  readonly sockets = new Map<number, SimSocket>()
  readonly clock: HostClock
  readonly stats = { sentDatagrams: 0, sentBytes: 0, receivedDatagrams: 0, receivedBytes: 0 }
  upFreeAt = 0
  /** Gilbert-Elliott state of this host's outgoing link (true: bad, losing everything), and when it last stepped. */
  burstBad = false
  burstAt = 0
  /** The carrier NAT this host is also behind, and its place there. */
  carrier: CarrierNat | null = null
  carrierSlot = 0
  /** Virtual time until which this host's CPU is busy with datagrams already received. */
  cpuFreeAt = 0
  /** Virtual time of the last wake-up, if the host ever slept. */
  lastWakeAt: number | null = null
  downFreeAt = 0
  errors = 0
  /**
   * The random streams of this host's datagrams: loss and jitter of what it sends, its ephemeral ports.
   * Shared by all hosts (one stream each, drawn in event order) unless the network is split between workers,
   * where each host has its own so that a worker's draws never depend on another's.
   */
  lossRandom: SeededRandom
  jitterRandom: SeededRandom
  portRandom: SeededRandom

  constructor (
    readonly fabric: Fabric,
    readonly id: number,
    readonly localAddress: string,
    readonly publicAddress: string,
    /** The fabric's number for publicAddress (NAT tables key on it instead of the string). */
    readonly addressKey: number,
    readonly nat: Nat | null,
    readonly options: Required<Omit<HostOptions, 'natTimeoutMs' | 'carrier'>>,
    /** False for a host another worker runs: this worker only routes datagrams to it. */
    readonly local: boolean
  ) {
    let skewMs = 0
    let drift = 0
    if (fabric.clockError !== null) {
      // Its own stream: turning clock error on changes nothing else a run draws.
      const r = fabric.sim.random.fork(`clock-${id}`)
      skewMs = (2 * r.float() - 1) * fabric.clockError.skewMs
      drift = (2 * r.float() - 1) * fabric.clockError.driftPpm / 1e6
    }
    this.clock = new HostClock(fabric.sim, fabric.epochMs, (error) => fabric.reportError(this, error), skewMs, drift)
    this.uplinkBps = options.uplinkBps
    this.downlinkBps = options.downlinkBps
    this.loss = options.loss
    if (fabric.partition === null) {
      this.lossRandom = fabric.lossRandom
      this.jitterRandom = fabric.jitterRandom
      this.portRandom = fabric.portRandom
    } else {
      this.lossRandom = fabric.sim.random.fork(`loss-${id}`)
      this.jitterRandom = fabric.sim.random.fork(`jitter-${id}`)
      this.portRandom = fabric.sim.random.fork(`ports-${id}`)
    }
  }

  // Copies of options, read for every datagram (one object fewer to reach).
  readonly uplinkBps: number
  readonly downlinkBps: number
  readonly loss: number

  readonly transport: Transport = { createSocket: () => new SimSocket(this) }

  sleep (): void {
    if (this.state !== 'up') return
    this.state = 'asleep'
    this.clock.sleep()
    this.fabric.sim.log('sleep', this.id)
  }

  wake (): void {
    if (this.state !== 'asleep') return
    this.state = 'up'
    this.lastWakeAt = this.fabric.sim.now
    this.clock.wake()
    this.fabric.sim.log('wake', this.id)
  }

  /** The host leaves for good: its timers stop and its sockets close. */
  leave (): void {
    if (this.state === 'gone') return
    this.state = 'gone'
    this.clock.kill()
    for (const socket of [...this.sockets.values()]) socket.close()
    this.fabric.sim.log('leave', this.id)
  }

  allocatePort (): number {
    for (;;) {
      const port = this.portRandom.int(49152, 65535)
      if (!this.sockets.has(port)) return port
    }
  }
}

export class SimSocket implements UdpSocketLike {
  private handler: ((data: Uint8Array, from: Endpoint) => void) | null = null
  port = 0
  closed = false

  constructor (readonly host: Host) {}

  async bind (port = 0, _address?: string): Promise<Endpoint> {
    if (this.closed) throw new Error('bind: socket is closed')
    if (this.port !== 0) throw new Error(`bind: socket is already bound to port ${this.port}`)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`bind: port must be 0..65535, got ${port}`)
    if (this.host.state === 'gone') throw new Error('bind: host has left the network')
    if (port !== 0 && this.host.sockets.has(port)) {
      throw Object.assign(new Error(`bind EADDRINUSE ${this.host.localAddress}:${port}`), { code: 'EADDRINUSE' })
    }
    this.port = port === 0 ? this.host.allocatePort() : port
    this.host.sockets.set(this.port, this)
    return { address: this.host.localAddress, port: this.port }
  }

  send (data: Uint8Array, port: number, address: string): void {
    if (this.closed || this.host.state !== 'up') return
    if (this.port === 0) {
      this.port = this.host.allocatePort()
      this.host.sockets.set(this.port, this)
    }
    this.host.fabric.send(this, data, port, address)
  }

  onMessage (handler: (data: Uint8Array, from: Endpoint) => void): void { this.handler = handler }

  /** Called by the fabric with a datagram that passed every check. */
  deliver (data: Uint8Array, from: Endpoint): void {
    if (this.handler === null) return
    try { this.handler(data, from) } catch (error) { this.host.fabric.reportError(this.host, error) }
  }

  close (): void {
    if (this.closed) return
    this.closed = true
    if (this.port !== 0 && this.host.sockets.get(this.port) === this) this.host.sockets.delete(this.port)
    this.host.nat?.closeLocalPort(this.port)
  }
}

/** Size of the slabs that datagram payload copies are carved from (see Fabric.copyPayload). */
const SLAB_BYTES = 64 * 1024
/** Carrier NATs' address keys start here: above every host id, low enough that NAT table keys stay exact. */
const CARRIER_KEY_BASE = 1 << 20

/** Queueing delay on a downlink above which delivery is a separate event (see Fabric.arrive). */
const DOWNLINK_WAIT_EVENT_MS = 1

export class Fabric {
  readonly hosts: Host[] = []
  private readonly byPublicAddress = new Map<string, Host>()
  private readonly carriers = new Map<string, CarrierNat>()
  /** Numbers for addresses no host has (negative), should a protocol send to one; see addressKey(). */
  private readonly unknownAddressKeys = new Map<string, number>()
  readonly latency: LinkLatency
  readonly traffic = new TrafficStats()
  readonly epochMs: number
  readonly portRandom
  readonly lossRandom
  readonly jitterRandom
  private readonly natRandom
  readonly partition: FabricPartition | null
  readonly loss: number
  readonly clockError: ClockError | null
  readonly cpuMsPerDatagram: number
  /** Per-datagram transition probabilities of the Gilbert-Elliott model (0 and 1 when it is off). */
  private readonly enterBad: number
  private readonly leaveBad: number
  private readonly burstSlotMs: number
  readonly natTimeoutMs: number
  readonly maxQueueMs: number
  private readonly classify: ((data: Uint8Array) => string) | null
  private slab = new Uint8Array(SLAB_BYTES)
  private slabAt = 0
  /** Errors thrown by protocol code inside handlers or timers; the host keeps running. */
  readonly errors: Array<{ host: number, time: number, message: string }> = []

  constructor (readonly sim: Simulation, options: FabricOptions = {}) {
    this.latency = new LinkLatency(options.latency ?? DEFAULT_LATENCY, sim.random.fork('latency').uint32())
    this.loss = options.loss ?? 0
    if (!(this.loss >= 0 && this.loss < 1)) throw new RangeError(`loss must be in [0, 1), got ${this.loss}`)
    this.natTimeoutMs = options.natTimeoutMs ?? 30_000
    this.maxQueueMs = options.maxQueueMs ?? 1000
    this.epochMs = options.epochMs ?? 1_700_000_000_000
    this.classify = options.classify ?? null
    this.portRandom = sim.random.fork('ports')
    this.lossRandom = sim.random.fork('loss')
    this.jitterRandom = sim.random.fork('jitter')
    this.natRandom = sim.random.fork('nat')
    this.partition = options.partition ?? null
    this.clockError = options.clockError ?? null
    this.cpuMsPerDatagram = options.cpuMsPerDatagram ?? 0
    if (!(this.cpuMsPerDatagram >= 0)) throw new RangeError(`cpuMsPerDatagram must be >= 0, got ${this.cpuMsPerDatagram}`)
    if (options.burstLoss !== undefined) {
      validateBurstLoss(options.burstLoss)
      this.leaveBad = 1 / options.burstLoss.burstLength
      // Long-run share of bad steps π = enter / (enter + leave) = mean.
      this.enterBad = options.burstLoss.mean * this.leaveBad / (1 - options.burstLoss.mean)
      this.burstSlotMs = options.burstLoss.slotMs ?? BURST_SLOT_MS
    } else {
      this.enterBad = 0
      this.leaveBad = 1
      this.burstSlotMs = 0
    }
  }

  /** A carrier NAT with an address of its own (in 100.64.0.0/10 would be its inside; this is its outside). */
  addCarrier (options: CarrierNatOptions): CarrierNat {
    if (this.partition !== null) throw new RangeError('carrier NATs are not supported in a network split between workers')
    const index = this.carriers.size
    const address = `${200 + (index >> 16)}.${(index >> 8) & 255}.${index & 255}.1`
    const key = CARRIER_KEY_BASE + index
    const carrier = new CarrierNat(new Nat(options.type, address, this.natTimeoutMs, this.natRandom.fork(`carrier-${index}`)), key, options.hairpin)
    this.carriers.set(address, carrier)
    return carrier
  }

  addHost (options: HostOptions): Host {
    const id = this.hosts.length
    const carrier = options.carrier
    const publicAddress = carrier === undefined ? `${11 + (id >> 16)}.${(id >> 8) & 255}.${id & 255}.${1 + (id % 200)}` : carrier.nat.publicAddress
    const nat = options.nat === 'open'
      ? null
      : new Nat(options.nat, publicAddress, options.natTimeoutMs ?? this.natTimeoutMs, this.natRandom.fork(String(id)))
    const addressKey = carrier === undefined ? this.addressKey(publicAddress, id) : carrier.addressKey
    const localAddress = nat !== null ? '192.168.1.2' : carrier !== undefined ? '100.64.0.2' : publicAddress
    const host = new Host(this, id, localAddress, publicAddress, addressKey, nat, {
      nat: options.nat,
      uplinkBps: options.uplinkBps ?? Infinity,
      downlinkBps: options.downlinkBps ?? Infinity,
      loss: options.loss ?? 0
    }, this.partition === null || id % this.partition.count === this.partition.index)
    this.hosts.push(host)
    if (carrier === undefined) this.byPublicAddress.set(publicAddress, host)
    else { host.carrier = carrier; host.carrierSlot = carrier.hosts.length; carrier.hosts.push(host) }
    this.sim.log('host', id, options.nat)
    return host
  }

  hostAt (address: string): Host | undefined { return this.byPublicAddress.get(address) }

  /**
   * A number per address, the same for as long as the fabric lives: a host's id, or a negative number for an
   * address no host had when it was first seen (kept by the host that later takes that address, if any).
   */
  private addressKey (address: string, hostId: number): number {
    const known = this.unknownAddressKeys.get(address)
    if (known !== undefined || hostId >= 0) return known ?? hostId
    const key = -1 - this.unknownAddressKeys.size
    this.unknownAddressKeys.set(address, key)
    return key
  }

  send (socket: SimSocket, payload: Uint8Array, toPort: number, toAddress: string): void {
    const sim = this.sim
    const from = socket.host
    const bytes = payload.length + HEADER_BYTES
    const label = this.classify === null ? 'datagram' : this.classify(payload)
    const kind = this.traffic.kind(label)
    from.stats.sentDatagrams++
    from.stats.sentBytes += bytes
    this.traffic.sent(kind, bytes)
    let to = this.byPublicAddress.get(toAddress)
    const toCarrier = to === undefined ? this.carriers.get(toAddress) : undefined
    const toKey = to !== undefined ? to.addressKey : toCarrier !== undefined ? toCarrier.addressKey : this.addressKey(toAddress, -1)
    let fromPort = from.nat === null ? socket.port : from.nat.outbound(socket.port, toKey, toPort, sim.now)
    if (from.carrier !== null) fromPort = from.carrier.nat.outbound(from.carrierSlot * 65536 + fromPort, toKey, toPort, sim.now)
    if (toCarrier !== undefined) {
      // Routed by the carrier's table when the datagram leaves (its filter is checked then too: the state a
      // few milliseconds later differs only for mappings made in those milliseconds).
      if (from.carrier === toCarrier && !toCarrier.hairpin) return this.drop('nat-no-hairpin', from.id, -1, kind)
      const inside = toCarrier.nat.inbound(toPort, from.addressKey, fromPort, sim.now)
      if (inside < 0) return this.drop(INBOUND_DROP_REASON[inside], from.id, -1, kind)
      to = toCarrier.hosts[Math.floor(inside / 65536)]
      toPort = inside % 65536
    }
    if (to === undefined) return this.drop('no-route', from.id, -1, kind)
    if (from.lossRandom.float() < this.loss + from.loss + to.loss) return this.drop('loss', from.id, to.id, kind)
    if (this.enterBad > 0) {
      if (this.burstSlotMs > 0) this.burstIdleSteps(from, sim.now)
      from.burstBad = from.lossRandom.float() < (from.burstBad ? 1 - this.leaveBad : this.enterBad)
      if (from.burstBad) return this.drop('burst-loss', from.id, to.id, kind)
    }
    let departs = sim.now
    if (from.uplinkBps !== Infinity) {
      departs = Math.max(sim.now, from.upFreeAt)
      if (departs - sim.now > this.maxQueueMs) return this.drop('uplink-queue', from.id, to.id, kind)
      from.upFreeAt = departs + bytes * 8000 / from.uplinkBps
    }
    const arrives = departs + this.latency.sample(from.id, to.id, from.jitterRandom.float())
    if (!to.local) return this.partition!.outboxes[to.id % this.partition!.count].add(arrives, from.id, fromPort, to.id, toPort, payload, bytes)
    sim.schedule(new Datagram(this, from, fromPort, to, toPort, this.copyPayload(payload), bytes, kind), arrives)
  }

  /**
   * The steps the sender's link took in the slots since its last one (see BurstLoss), drawn at once: after k steps
   * of the two-state chain, P(bad) = π + (P0(bad) − π)·λ^k with λ = 1 − enter − leave and π the mean.
   */
  private burstIdleSteps (from: Host, now: number): void {
    const k = Math.floor((now - from.burstAt) / this.burstSlotMs)
    if (k <= 0) return
    from.burstAt += k * this.burstSlotMs
    const pi = this.enterBad / (this.enterBad + this.leaveBad)
    const decay = Math.pow(1 - this.enterBad - this.leaveBad, k)
    from.burstBad = from.lossRandom.float() < pi + ((from.burstBad ? 1 : 0) - pi) * decay
  }

  /**
   * A datagram another worker's host sent to one of this worker's, arriving at `arrives` (which that worker
   * decided, along with the sender's NAT, loss, uplink and latency); from here on it is like any other.
   */
  receive (arrives: number, fromId: number, fromPort: number, toId: number, toPort: number, data: Uint8Array, bytes: number): void {
    const kind = this.traffic.kind(this.classify === null ? 'datagram' : this.classify(data))
    this.sim.schedule(new Datagram(this, this.hosts[fromId], fromPort, this.hosts[toId], toPort, data, bytes, kind), arrives)
  }

  /**
   * The copy a datagram carries, carved from a shared slab. A copy of its own (payload.slice()) was an
   * ArrayBuffer per datagram: a backing store outside the heap that the collector tracks and frees one by one,
   * a visible share of collection time at millions of datagrams. A slab is freed once none of its copies is
   * referenced (most are dropped on delivery: the receiver decodes them and keeps what it needs as copies).
   */
  private copyPayload (payload: Uint8Array): Uint8Array {
    const n = payload.length
    if (n > SLAB_BYTES / 8) return payload.slice()
    if (this.slabAt + n > SLAB_BYTES) { this.slab = new Uint8Array(SLAB_BYTES); this.slabAt = 0 }
    const copy = this.slab.subarray(this.slabAt, this.slabAt + n)
    copy.set(payload)
    this.slabAt += n
    return copy
  }

  /** A datagram reaches the receiver's public address: its NAT, its socket, its downlink queue. */
  arrive (datagram: Datagram): void {
    const sim = this.sim
    const to = datagram.to
    if (to.state !== 'up') return this.dropInFlight(datagram, to.state === 'asleep' ? 'asleep' : 'gone')
    let localPort = datagram.toPort
    if (to.nat !== null) {
      localPort = to.nat.inbound(localPort, datagram.from.addressKey, datagram.fromPort, sim.now)
      if (localPort < 0) return this.dropInFlight(datagram, INBOUND_DROP_REASON[localPort])
    }
    const socket = to.sockets.get(localPort)
    if (socket === undefined) return this.dropInFlight(datagram, 'port-closed')
    datagram.socket = socket
    let ready = sim.now
    if (to.downlinkBps !== Infinity) {
      const starts = Math.max(sim.now, to.downFreeAt)
      if (starts - sim.now > this.maxQueueMs) return this.dropInFlight(datagram, 'downlink-queue')
      to.downFreeAt = starts + datagram.bytes * 8000 / to.downlinkBps
      ready = to.downFreeAt
    }
    if (this.cpuMsPerDatagram > 0) {
      // The receiver handles one datagram at a time; what arrives while it is busy waits (a socket buffer).
      const starts = Math.max(ready, to.cpuFreeAt)
      if (starts - sim.now > this.maxQueueMs) return this.dropInFlight(datagram, 'cpu-queue')
      to.cpuFreeAt = starts + this.cpuMsPerDatagram
      ready = to.cpuFreeAt
    }
    // Only a datagram that waits over a millisecond (behind others on the downlink, or for the CPU) waits as an
    // event of its own; on an idle link the serialization delay (16 µs for 100 bytes at 50 Mbit/s) is not worth
    // a second event per datagram (it was 40% of all events of a 1,000-peer run in steady state).
    if (ready - sim.now > DOWNLINK_WAIT_EVENT_MS) {
      datagram.stage = QUEUED_DOWN
      sim.schedule(datagram, ready)
      return
    }
    this.handOver(datagram)
  }

  /** The datagram leaves the receiver's downlink queue for its socket. */
  handOver (datagram: Datagram): void {
    const to = datagram.to
    const socket = datagram.socket!
    if (to.state !== 'up' || socket.closed) return this.dropInFlight(datagram, to.state === 'up' ? 'port-closed' : to.state)
    const from = datagram.from
    const fromPort = datagram.fromPort
    const data = datagram.data
    to.stats.receivedDatagrams++
    to.stats.receivedBytes += datagram.bytes
    this.traffic.delivered(datagram.kind, datagram.bytes)
    this.sim.log3('rx', from.id, to.id, datagram.bytes)
    socket.deliver(data, { address: from.publicAddress, port: fromPort })
  }

  private dropInFlight (datagram: Datagram, reason: string): void {
    this.drop(reason, datagram.from.id, datagram.to.id, datagram.kind)
  }

  private drop (reason: string, fromId: number, toId: number, kind: KindCounters): void {
    this.traffic.dropped(reason, kind)
    this.sim.log3('drop', reason, fromId, toId)
  }

  reportError (host: Host, error: unknown): void {
    host.errors++
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    if (this.errors.length < 100) this.errors.push({ host: host.id, time: this.sim.now, message })
    this.sim.log('error', host.id, message)
  }
}
