// What a run measures: per message, when each subscriber got it; over time, coverage among the subscribers
// online and whether the network still holds each message (survival); per peer, bandwidth and cache use.
import type { Host } from './net/fabric.ts'
import type { SimNode } from './protocols/driver.ts'

export type Role = 'introducer' | 'peer' | 'junk'

export interface NodeRecord {
  index: number
  name: string | null
  role: Role
  topics: string[]
  host: Host
  node: SimNode | null
  joinedAt: number
  leftAt: number | null
  deliveries: number
}

export const THRESHOLDS = [0.5, 0.9, 1] as const

export interface MessageRecord {
  id: string
  topic: string
  publisher: number
  publishedAt: number
  /** Subscribers online when it was published (the publisher excluded). */
  targets: Set<number>
  delivered: Map<number, number>
  /** Targets that left the network before receiving it: they no longer count. */
  lostTargets: number
  reachedAt: Array<number | null>
}

export interface Sample { time: number, coverage: number, survival: number, replicas: number, onlineSubscribers: number, meanCacheBytes: number, maxCacheBytes: number }

export class Metrics {
  readonly nodes: NodeRecord[] = []
  readonly messages = new Map<string, MessageRecord>()
  readonly samples: Sample[] = []
  duplicateDeliveries = 0
  unknownDeliveries = 0
  deliveries = 0
  peakCacheBytes = 0

  constructor (private readonly now: () => number) {}

  published (id: string, topic: string, publisher: number): void {
    const targets = new Set<number>()
    for (const n of this.nodes) {
      if (n.index !== publisher && n.leftAt === null && n.host.state === 'up' && n.topics.includes(topic)) targets.add(n.index)
    }
    this.messages.set(id, { id, topic, publisher, publishedAt: this.now(), targets, delivered: new Map(), lostTargets: 0, reachedAt: THRESHOLDS.map(() => null) })
  }

  delivered (nodeIndex: number, id: string): void {
    const message = this.messages.get(id)
    if (message === undefined) { this.unknownDeliveries++; return }
    if (message.delivered.has(nodeIndex)) { this.duplicateDeliveries++; return }
    message.delivered.set(nodeIndex, this.now())
    this.deliveries++
    this.nodes[nodeIndex].deliveries++
    if (message.targets.has(nodeIndex)) this.checkThresholds(message)
  }

  left (nodeIndex: number): void {
    for (const message of this.messages.values()) {
      if (message.targets.has(nodeIndex) && !message.delivered.has(nodeIndex)) {
        message.lostTargets++
        this.checkThresholds(message)
      }
    }
  }

  /**
   * Sets the reach times that are now known. A threshold met by a delivery is reached at that delivery. One
   * met because an unreached target left (it no longer counts) was reached when the last delivery it needs
   * happened, not when the leaver left: otherwise the reach time measures when churn picked its victim (a
   * subscriber asleep since just after a publish and removed ten minutes later made a 10-minute "reach").
   */
  private checkThresholds (message: MessageRecord): void {
    const remaining = message.targets.size - message.lostTargets
    let reached = 0
    for (const index of message.delivered.keys()) if (message.targets.has(index)) reached++
    const fraction = remaining <= 0 ? 1 : reached / remaining
    let times: number[] | undefined // the targets' delivery times, sorted only when a threshold is newly met
    THRESHOLDS.forEach((threshold, i) => {
      if (message.reachedAt[i] !== null || fraction < threshold - 1e-9) return
      times ??= [...message.delivered].filter(([index]) => message.targets.has(index)).map(([, at]) => at).sort((a, b) => a - b)
      // The earliest delivery by which `threshold` of the remaining targets had the message.
      const needed = Math.ceil(threshold * remaining - 1e-9)
      const at = needed >= 1 && needed <= times.length ? times[needed - 1] : this.now()
      message.reachedAt[i] = at - message.publishedAt
    })
  }

  /** One point of the over-time series. */
  sample (): void {
    const online = this.nodes.filter((n) => n.leftAt === null && n.host.state === 'up' && n.node !== null)
    let coverageSum = 0, coverageCount = 0, survived = 0, replicaSum = 0, subscribersSeen = 0
    for (const message of this.messages.values()) {
      let subscribers = 0, got = 0, replicas = 0
      for (const n of online) {
        if (n.topics.includes(message.topic) && n.index !== message.publisher) {
          subscribers++
          if (message.delivered.has(n.index)) got++
        }
        if (n.node!.holds(message.id)) replicas++
      }
      subscribersSeen = Math.max(subscribersSeen, subscribers)
      if (subscribers > 0) { coverageSum += got / subscribers; coverageCount++ }
      if (replicas > 0) survived++
      replicaSum += replicas
    }
    let cacheSum = 0, cacheMax = 0
    for (const n of online) {
      const bytes = n.node!.cacheBytes()
      cacheSum += bytes
      if (bytes > cacheMax) cacheMax = bytes
    }
    this.peakCacheBytes = Math.max(this.peakCacheBytes, cacheMax)
    const count = this.messages.size
    this.samples.push({
      time: this.now(),
      coverage: coverageCount === 0 ? NaN : coverageSum / coverageCount,
      survival: count === 0 ? NaN : survived / count,
      replicas: count === 0 ? 0 : replicaSum / count,
      onlineSubscribers: subscribersSeen,
      meanCacheBytes: online.length === 0 ? 0 : cacheSum / online.length,
      maxCacheBytes: cacheMax
    })
  }
}

export interface Distribution { count: number, mean: number | null, p50: number | null, p99: number | null, max: number | null }

export function distribution (values: number[]): Distribution {
  if (values.length === 0) return { count: 0, mean: null, p50: null, p99: null, max: null }
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
  return { count: sorted.length, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] }
}
