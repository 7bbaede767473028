// Reduces a finished run to the numbers we publish (JSON-safe).
import type { Scenario } from './scenario.ts'
import type { ProtocolDriver } from './protocols/driver.ts'
import { distribution, THRESHOLDS, type Distribution, type MessageRecord, type Role, type Sample } from './metrics.ts'
import type { KindCounters } from './net/traffic-stats.ts'

export interface NamedOutcome { name: string, expected: number, received: number, lastWakeMs: number | null, latencyMs: Distribution, afterWakeMs: Distribution }

export interface RunResult {
  scenario: string
  protocol: string
  seed: number
  simulatedMs: number
  wallMs: number
  /** Simulated time over wall time. */
  speedup: number
  /** CPU time this process used (user + system): the fairer figure on a machine shared with other work. */
  cpuMs: number
  /** Worker threads the network was split between (absent in results from before splitting existed: 1). */
  workers?: number
  /** Per worker of a split run: the events it ran and the wall time it spent waiting for the others' windows. */
  shares?: ShareLoad[]
  events: number
  logHash: string
  peersEver: number
  peersAtEnd: number
  messages: {
    published: number
    deliveries: number
    duplicateDeliveries: number
    /** Per threshold (50%, 90%, 100% of the subscribers online at publish time): share of messages that got there, and how fast. */
    reach: Array<{ threshold: number, reachedShare: number, timeMs: Distribution }>
    finalCoverage: number | null
    finalSurvival: number | null
    minSurvival: number | null
  }
  traffic: {
    sentDatagrams: number
    sentBytes: number
    dataDatagrams: number
    dataBytes: number
    droppedDatagrams: number
    dropsByReason: Record<string, number>
    byKind: Record<string, { sentDatagrams: number, sentBytes: number }>
  }
  overhead: { datagramsPerDelivery: number | null, bytesPerDelivery: number | null, dataDatagramsPerDelivery: number | null, dataBytesPerDelivery: number | null }
  perPeer: { uplinkBytesPerSecond: Distribution, downlinkBytesPerSecond: Distribution, finalCacheBytes: Distribution, peakCacheBytes: number }
  named: NamedOutcome[]
  junkDatagrams: number
  errors: { count: number, first: string[] }
  samples: Sample[]
}

export interface ShareLoad { events: number, waitedMs: number }

/** One node as a finished run saw it. */
export interface NodeOutcome {
  index: number
  name: string | null
  role: Role
  topics: string[]
  joinedAt: number
  leftAt: number | null
  lastWakeAt: number | null
  sentBytes: number
  receivedBytes: number
  /** Message cache in use at the end, if the node was still running. */
  cacheBytes: number | null
}

/** Everything summarize() reads: plain data, from one process's run or merged from a split network's workers. */
export interface RunData {
  now: number
  events: number
  logHash: string
  nodes: NodeOutcome[]
  messages: MessageRecord[]
  deliveries: number
  duplicateDeliveries: number
  samples: Sample[]
  peakCacheBytes: number
  traffic: { sentDatagrams: number, sentBytes: number, droppedDatagrams: number, byKind: Array<[string, KindCounters]>, dropsByReason: Array<[string, number]> }
  errors: Array<{ host: number, time: number, message: string }>
  startErrors: string[]
  junkDatagrams: number
  /** Split runs only. */
  shares?: ShareLoad[]
}

export function summarize (scenario: Scenario, driver: ProtocolDriver, data: RunData, wallMs: number, cpuMs: number): RunResult {
  const { messages, traffic } = data
  let dataDatagrams = 0, dataBytes = 0
  const byKind: Record<string, { sentDatagrams: number, sentBytes: number }> = {}
  for (const [kind, counters] of traffic.byKind) {
    byKind[kind] = { sentDatagrams: counters.sentDatagrams, sentBytes: counters.sentBytes }
    if (driver.dataKinds.includes(kind)) { dataDatagrams += counters.sentDatagrams; dataBytes += counters.sentBytes }
  }
  const honest = data.nodes.filter((n) => n.role !== 'junk')
  const lifetime = (n: NodeOutcome): number => ((n.leftAt ?? data.now) - n.joinedAt) / 1000
  const living = honest.filter((n) => lifetime(n) > 1)
  const per = (d: number): number | null => data.deliveries === 0 ? null : d / data.deliveries
  const last = data.samples[data.samples.length - 1]
  const survivals = data.samples.map((s) => s.survival).filter((v) => !Number.isNaN(v))
  const named = data.nodes.filter((n) => n.name !== null && n.role === 'peer').map((n) => {
    const expected = messages.filter((m) => n.topics.includes(m.topic) && m.publisher !== n.index)
    const latencies = expected.filter((m) => m.delivered.has(n.index)).map((m) => m.delivered.get(n.index)! - m.publishedAt)
    const woke = n.lastWakeAt
    const afterWake = woke === null ? [] : expected.map((m) => m.delivered.get(n.index)).filter((t): t is number => t !== undefined && t >= woke).map((t) => t - woke)
    return { name: n.name!, expected: expected.length, received: latencies.length, lastWakeMs: woke, latencyMs: distribution(latencies), afterWakeMs: distribution(afterWake) }
  })
  return {
    scenario: scenario.name,
    protocol: driver.name,
    seed: scenario.seed,
    simulatedMs: data.now,
    wallMs,
    speedup: data.now / wallMs,
    cpuMs,
    workers: scenario.workers,
    ...(data.shares === undefined ? {} : { shares: data.shares }),
    events: data.events,
    logHash: data.logHash,
    peersEver: honest.length,
    peersAtEnd: honest.filter((n) => n.leftAt === null).length,
    messages: {
      published: messages.length,
      deliveries: data.deliveries,
      duplicateDeliveries: data.duplicateDeliveries,
      reach: THRESHOLDS.map((threshold, i) => {
        const times = messages.map((m) => m.reachedAt[i]).filter((t): t is number => t !== null)
        return { threshold, reachedShare: messages.length === 0 ? 0 : times.length / messages.length, timeMs: distribution(times) }
      }),
      finalCoverage: last === undefined || Number.isNaN(last.coverage) ? null : last.coverage,
      finalSurvival: last === undefined || Number.isNaN(last.survival) ? null : last.survival,
      minSurvival: survivals.length === 0 ? null : Math.min(...survivals)
    },
    traffic: {
      sentDatagrams: traffic.sentDatagrams,
      sentBytes: traffic.sentBytes,
      dataDatagrams,
      dataBytes,
      droppedDatagrams: traffic.droppedDatagrams,
      dropsByReason: Object.fromEntries([...traffic.dropsByReason].sort()),
      byKind
    },
    overhead: {
      datagramsPerDelivery: per(traffic.sentDatagrams),
      bytesPerDelivery: per(traffic.sentBytes),
      dataDatagramsPerDelivery: per(dataDatagrams),
      dataBytesPerDelivery: per(dataBytes)
    },
    perPeer: {
      uplinkBytesPerSecond: distribution(living.map((n) => n.sentBytes / lifetime(n))),
      downlinkBytesPerSecond: distribution(living.map((n) => n.receivedBytes / lifetime(n))),
      finalCacheBytes: distribution(honest.map((n) => n.cacheBytes).filter((b): b is number => b !== null)),
      peakCacheBytes: data.peakCacheBytes
    },
    named,
    junkDatagrams: data.junkDatagrams,
    errors: { count: data.errors.length + data.startErrors.length, first: [...data.startErrors, ...data.errors.map((e) => `t=${e.time.toFixed(0)}ms host ${e.host}: ${e.message}`)].slice(0, 10) },
    samples: data.samples
  }
}
