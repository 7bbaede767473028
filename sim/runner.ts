// Builds the network a scenario describes, runs one protocol on it, and returns what was measured.
import type { Endpoint } from '../runtime-js/peer/transport.ts'
import { Simulation, type RunProgress } from './core/simulation.ts'
import type { SeededRandom } from './core/random.ts'
import { Fabric, type CarrierNat, type Host, type Outbox } from './net/fabric.ts'
import { NAT_TYPES, type NatType } from './net/nat.ts'
import { Metrics, type NodeRecord, type PublishedMessage, type Role } from './metrics.ts'
import { planChurn, type ChurnAction } from './churn.ts'
import { JunkTap } from './junk.ts'
import type { Scenario } from './scenario.ts'
import type { ProtocolDriver } from './protocols/driver.ts'
import { summarize, type NodeOutcome, type RunData, type RunResult } from './result.ts'

export interface RunOptions {
  onProgress?: (p: RunProgress & { fraction: number }) => void
  /** Keep the full event log in memory (tests). */
  record?: boolean
}

export interface Run {
  sim: Simulation
  fabric: Fabric
  metrics: Metrics
  churnDone: ChurnAction[]
}

/** Spread of the initial joins, so that a whole network does not say hello in the same millisecond. */
const JOIN_SPREAD_MS = 5_000

/**
 * The port introducers bind when the network is split between workers, so that every worker knows the
 * bootstrap list from the start (below the ephemeral range that hosts draw other ports from).
 */
export const INTRODUCER_PORT = 40_000

/** One worker's share of a split network (see sim/parallel/README.md). */
export interface Share {
  index: number
  count: number
  /** Per worker, where this one's datagrams for that worker's hosts go (unused at `index`). */
  outboxes: Outbox[]
}

/** A network built from a scenario with its plans scheduled, ready to run. */
export interface Network extends Run {
  startErrors: string[]
  taps: JunkTap[]
  /** Messages this process's nodes published, in order (what a worker tells the others). */
  published: PublishedMessage[]
}

export async function runScenario (scenario: Scenario, driver: ProtocolDriver, options: RunOptions = {}): Promise<RunResult & { run: Run }> {
  const network = buildNetwork(scenario, driver, options.record === true, null)
  const { sim, fabric, metrics, churnDone } = network
  const wallStart = performance.now()
  const cpuStart = process.cpuUsage()
  await sim.run(scenario.durationMs, options.onProgress === undefined
    ? undefined
    : (p) => options.onProgress!({ ...p, fraction: p.simTime / scenario.durationMs }))
  const wallMs = performance.now() - wallStart
  const cpu = process.cpuUsage(cpuStart)
  const cpuMs = (cpu.user + cpu.system) / 1000
  const result = summarize(scenario, driver, {
    now: sim.now,
    events: sim.eventsRun,
    logHash: sim.logHash,
    nodes: nodeOutcomes(network),
    messages: [...metrics.messages.values()],
    deliveries: metrics.deliveries,
    duplicateDeliveries: metrics.duplicateDeliveries,
    samples: metrics.samples,
    peakCacheBytes: metrics.peakCacheBytes,
    ...trafficAndErrors(network)
  }, wallMs, cpuMs)
  closeNetwork(network)
  return { ...result, run: { sim, fabric, metrics, churnDone } }
}

/** Per node, what a summary needs (read before the nodes close: their caches). */
export function nodeOutcomes (network: Network): NodeOutcome[] {
  return network.metrics.nodes.map((n) => ({
    index: n.index,
    name: n.name,
    role: n.role,
    topics: n.topics,
    joinedAt: n.joinedAt,
    leftAt: n.leftAt,
    lastWakeAt: n.host.lastWakeAt,
    sentBytes: n.host.stats.sentBytes,
    receivedBytes: n.host.stats.receivedBytes,
    cacheBytes: n.leftAt === null && n.node !== null ? n.node.cacheBytes() : null
  }))
}

export function trafficAndErrors (network: Network): Pick<RunData, 'traffic' | 'errors' | 'startErrors' | 'junkDatagrams'> {
  const traffic = network.fabric.traffic
  return {
    traffic: {
      sentDatagrams: traffic.sentDatagrams,
      sentBytes: traffic.sentBytes,
      droppedDatagrams: traffic.droppedDatagrams,
      byKind: [...traffic.byKind],
      dropsByReason: [...traffic.dropsByReason]
    },
    errors: network.fabric.errors,
    startErrors: network.startErrors,
    junkDatagrams: network.taps.reduce((sum, t) => sum + t.sent, 0)
  }
}

/** Every node still running closes and its host leaves (the end of a run). */
export function closeNetwork (network: Network): void {
  for (const record of network.metrics.nodes) {
    if (record.leftAt === null) {
      try { record.node?.close() } catch { /* closing at the end of the run: nothing left to protect */ }
      record.host.leave()
    }
  }
}

/**
 * Builds the scenario's network and schedules its plans. With a share, this process runs only that share's
 * hosts; every other decision (who joins, sleeps, leaves and publishes, and when) is made identically by
 * every worker from the same seeded streams over the same records, so all of them agree on it.
 */
export function buildNetwork (scenario: Scenario, driver: ProtocolDriver, record: boolean, share: Share | null): Network {
  const sim = new Simulation(`${scenario.seed}`)
  if (record) sim.record = []
  const fabric = new Fabric(sim, {
    latency: scenario.latency,
    loss: scenario.loss,
    ...(scenario.burstLoss !== undefined ? { burstLoss: scenario.burstLoss } : {}),
    ...(scenario.clockError !== undefined ? { clockError: scenario.clockError } : {}),
    cpuMsPerDatagram: scenario.cpuMsPerDatagram,
    natTimeoutMs: scenario.natTimeoutMs,
    classify: (data) => driver.classify(data),
    ...(share === null ? {} : { partition: share })
  })
  const metrics = new Metrics(() => sim.now, { journal: share !== null })
  const pickNat = natPicker(scenario, sim.random.fork('nat-types'))
  const subscribeRandom = sim.random.fork('subscribe')
  const churnRandom = sim.random.fork('churn-targets')
  const publishRandom = sim.random.fork('publish')
  const joinRandom = sim.random.fork('join-times')
  const protocolConfig = scenario.config[driver.name] ?? {}
  const bootstrap: Endpoint[] = []
  const startErrors: string[] = []
  const churnDone: ChurnAction[] = []
  const published: PublishedMessage[] = []
  const deaths = new WeakSet<NodeRecord>()
  // Whether a node counts as running, for churn and publishing: in a split network only its own worker sees
  // its start finish, so all workers go by its start time instead.
  const running = share === null ? (r: NodeRecord): boolean => r.node !== null : (r: NodeRecord): boolean => r.started

  // Carrier NATs fill up one at a time; their own random stream, so that a scenario without them draws as before.
  const cgnatRandom = scenario.cgnat === undefined ? null : sim.random.fork('cgnat')
  let carrier: CarrierNat | undefined
  const carrierFor = (role: Role): CarrierNat | undefined => {
    const cg = scenario.cgnat
    if (cg === undefined || cgnatRandom === null || role === 'introducer' || !(cgnatRandom.float() < cg.share)) return undefined
    if (carrier === undefined || carrier.hosts.length >= cg.hostsPerAddress) carrier = fabric.addCarrier({ type: cg.type, hairpin: cg.hairpin })
    return carrier
  }

  const addNode = (role: Role, topics: string[], nat: NatType, name: string | null, startAt: number, tap?: (host: Host) => JunkTap): NodeRecord => {
    const behind = carrierFor(role)
    const host = fabric.addHost({ nat, uplinkBps: scenario.uplinkBps, downlinkBps: scenario.downlinkBps, ...(behind !== undefined ? { carrier: behind } : {}) })
    const record: NodeRecord = { index: metrics.nodes.length, name, role, topics, host, node: null, joinedAt: startAt, leftAt: null, started: false }
    metrics.nodes.push(record)
    const junkTap = host.local ? tap?.(host) : undefined
    if (share !== null && role === 'introducer') bootstrap.push({ address: host.publicAddress, port: INTRODUCER_PORT })
    sim.at(startAt, () => {
      if (host.state === 'gone') return
      record.started = true
      if (!host.local) return
      const transportHost = junkTap === undefined ? host : Object.create(host, { transport: { value: junkTap.transport } }) as Host
      driver.start({
        host: transportHost,
        random: sim.random.fork(`node-${record.index}`),
        bootstrap: role === 'introducer' ? [] : bootstrap,
        topics,
        onDeliver: (id) => { if (!deaths.has(record)) metrics.delivered(record.index, id) },
        config: protocolConfig,
        ...(share !== null && role === 'introducer' ? { port: INTRODUCER_PORT } : {})
      }).then((node) => {
        if (host.state === 'gone') { node.close(); return }
        record.node = node
        if (role === 'introducer' && share === null) bootstrap.push({ address: host.publicAddress, port: node.port })
      }, (error: unknown) => {
        startErrors.push(`node ${record.index}: ${(error as Error).message}`)
      })
    })
    return record
  }

  const freshPeer = (startAt: number): NodeRecord => {
    const subscribed = subscribeRandom.float() < scenario.subscribeFraction
    return addNode('peer', subscribed ? [scenario.topic] : [], pickNat(), null, startAt)
  }

  const removeNode = (record: NodeRecord): void => {
    if (record.leftAt !== null) return
    record.leftAt = sim.now
    deaths.add(record)
    try { record.node?.close() } catch (error) { fabric.reportError(record.host, error) }
    record.host.leave()
    metrics.left(record.index)
  }

  // Introducers start first and are never churned; everyone else joins within the first few seconds.
  for (let i = 0; i < scenario.introducers; i++) addNode('introducer', [], 'open', `introducer-${i}`, 0)
  const named = new Map<string, NodeRecord>()
  for (const n of scenario.named) named.set(n.name, addNode('peer', n.topics, n.nat ?? pickNat(), n.name, 100 + joinRandom.float() * JOIN_SPREAD_MS))
  for (let i = named.size; i < scenario.peers; i++) freshPeer(100 + joinRandom.float() * JOIN_SPREAD_MS)

  const taps: JunkTap[] = []
  scenario.junk.forEach((plan, p) => {
    for (let i = 0; i < plan.peers; i++) {
      addNode('junk', [], 'open', `junk-${p}-${i}`, 100 + joinRandom.float() * JOIN_SPREAD_MS, (host) => {
        const tap = new JunkTap(host.transport, sim.random.fork(`junk-${p}-${i}`))
        taps.push(tap)
        const rate = sim.random.fork(`junk-rate-${p}-${i}`)
        const fire = (): void => {
          if (sim.now >= plan.endMs) return
          tap.fire(plan.bytes, bootstrap)
          sim.after(rate.exponential(1000 / plan.perSecond), fire)
        }
        sim.at(plan.startMs, fire)
        return tap
      })
    }
  })

  const churnable = (record: NodeRecord): boolean =>
    record.role === 'peer' && record.name === null && record.leftAt === null && running(record)
  for (const action of planChurn(scenario.churn, sim.random.fork('churn'), scenario.durationMs)) {
    sim.at(action.time, () => {
      if (action.kind === 'join') { freshPeer(sim.now); churnDone.push(action); return }
      let target: NodeRecord | undefined
      if (action.kind === 'sleep' && action.peer !== null) target = named.get(action.peer)
      else {
        const eligible = metrics.nodes.filter((r) => churnable(r) && (action.kind !== 'sleep' || r.host.state === 'up'))
        if (eligible.length > 0) target = churnRandom.pick(eligible)
      }
      if (target === undefined) return
      churnDone.push(action)
      if (action.kind === 'sleep') {
        target.host.sleep()
        const host = target.host
        sim.after(action.durationMs, () => host.wake())
      } else {
        removeNode(target)
        if (action.kind === 'replace') freshPeer(sim.now)
      }
    })
  }

  for (const plan of scenario.publish) {
    const topic = plan.topic ?? scenario.topic
    for (let k = 0; k < plan.count; k++) {
      sim.at(plan.atMs + k * plan.intervalMs, () => {
        let publisher: NodeRecord | undefined
        if (plan.from === 'subscriber') {
          const candidates = metrics.nodes.filter((r) => r.role === 'peer' && r.leftAt === null && running(r) && r.host.state === 'up' && r.topics.includes(topic))
          if (candidates.length > 0) publisher = publishRandom.pick(candidates)
        } else {
          publisher = named.get(plan.from)
        }
        if (publisher === undefined || !running(publisher) || publisher.host.state !== 'up') return
        const payload = publishRandom.bytes(plan.bytes)
        if (publisher.node === null) return // another worker's node (or, split, one whose start has not finished)
        try {
          const id = publisher.node.publish(topic, payload)
          published.push(metrics.published(id, topic, publisher.index))
          sim.log('publish', publisher.index, id)
        } catch (error) {
          fabric.reportError(publisher.host, error)
        }
      })
    }
  }

  const sampleTick = (): void => {
    metrics.sample()
    if (sim.now + scenario.sampleEveryMs <= scenario.durationMs) sim.after(scenario.sampleEveryMs, sampleTick)
  }
  sim.at(scenario.sampleEveryMs, sampleTick)

  return { sim, fabric, metrics, churnDone, startErrors, taps, published }
}

function natPicker (scenario: Scenario, random: SeededRandom): () => NatType {
  const entries = NAT_TYPES.map((type) => [type, scenario.nat[type] ?? 0] as const).filter(([, share]) => share > 0)
  const total = entries.reduce((sum, [, share]) => sum + share, 0)
  return () => {
    let pick = random.float() * total
    for (const [type, share] of entries) {
      if (pick < share) return type
      pick -= share
    }
    return entries[entries.length - 1][0]
  }
}
