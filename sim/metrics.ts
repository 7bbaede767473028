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
  /** Set when its start time comes (in every worker of a split network, unlike `node`). */
  started: boolean
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

/** A message as its publisher's side recorded it: what other workers of a split network are told. */
export interface PublishedMessage { id: string, topic: string, publisher: number, publishedAt: number, targets: number[] }

/** A delivery (a message id) or a departure (null) that a run's metrics accepted, in order. */
export type JournalEntry = [time: number, node: number, messageId: string | null]

/**
 * What one sample sees of the nodes it runs: the online ones (index order) and, per message it knows, how
 * many of them got it and how many hold it. A split network's samples are the sum of its workers' parts.
 */
export interface SamplePart {
  time: number
  online: number[]
  perMessage: Record<string, { got: number, replicas: number }>
  cacheSum: number
  cacheMax: number
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
  /** When kept (a worker of a split network), every accepted delivery and departure, for the merge. */
  readonly journal: JournalEntry[] | null
  /** When kept, the sample parts instead of finished samples. */
  readonly sampleParts: SamplePart[] | null

  constructor (private readonly now: () => number, options: { journal?: boolean } = {}) {
    this.journal = options.journal === true ? [] : null
    this.sampleParts = options.journal === true ? [] : null
  }

  published (id: string, topic: string, publisher: number): PublishedMessage {
    const targets: number[] = []
    for (const n of this.nodes) {
      if (n.index !== publisher && n.leftAt === null && n.host.state === 'up' && n.topics.includes(topic)) targets.push(n.index)
    }
    const message = { id, topic, publisher, publishedAt: this.now(), targets }
    this.addMessage(message)
    return message
  }

  /** A message published elsewhere (another worker, or a journal being merged). */
  addMessage (m: PublishedMessage): void {
    this.messages.set(m.id, { id: m.id, topic: m.topic, publisher: m.publisher, publishedAt: m.publishedAt, targets: new Set(m.targets), delivered: new Map(), lostTargets: 0, reachedAt: THRESHOLDS.map(() => null) })
  }

  delivered (nodeIndex: number, id: string): void {
    const message = this.messages.get(id)
    if (message === undefined) { this.unknownDeliveries++; return }
    if (message.delivered.has(nodeIndex)) { this.duplicateDeliveries++; return }
    message.delivered.set(nodeIndex, this.now())
    this.deliveries++
    this.journal?.push([this.now(), nodeIndex, id])
    if (message.targets.has(nodeIndex)) this.checkThresholds(message)
  }

  left (nodeIndex: number): void {
    this.journal?.push([this.now(), nodeIndex, null])
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
    const part = this.samplePart()
    if (this.sampleParts !== null) { this.sampleParts.push(part); return }
    const sample = combineSample([part], [...this.messages.values()], (index) => this.nodes[index].topics)
    this.peakCacheBytes = Math.max(this.peakCacheBytes, sample.maxCacheBytes)
    this.samples.push(sample)
  }

  /** What this process sees now of the nodes it runs. */
  samplePart (): SamplePart {
    const online = this.nodes.filter((n) => n.leftAt === null && n.host.state === 'up' && n.node !== null)
    const perMessage: SamplePart['perMessage'] = {}
    for (const message of this.messages.values()) {
      let got = 0, replicas = 0
      for (const n of online) {
        if (n.index !== message.publisher && message.delivered.has(n.index) && n.topics.includes(message.topic)) got++
        if (n.node!.holds(message.id)) replicas++
      }
      perMessage[message.id] = { got, replicas }
    }
    let cacheSum = 0, cacheMax = 0
    for (const n of online) {
      const bytes = n.node!.cacheBytes()
      cacheSum += bytes
      if (bytes > cacheMax) cacheMax = bytes
    }
    return { time: this.now(), online: online.map((n) => n.index), perMessage, cacheSum, cacheMax }
  }
}

/**
 * One sample from the parts of the workers that ran the nodes (one part when one process ran them all):
 * coverage among the subscribers online, survival (some online node holds the message), cache use.
 * A message a part does not know yet (published by another worker within the last window) has reached
 * none of its nodes.
 */
export function combineSample (parts: SamplePart[], messages: Array<{ id: string, topic: string, publisher: number }>, topicsOf: (index: number) => string[]): Sample {
  let coverageSum = 0, coverageCount = 0, survived = 0, replicaSum = 0, subscribersSeen = 0
  for (const message of messages) {
    let subscribers = 0, got = 0, replicas = 0
    for (const part of parts) {
      for (const index of part.online) if (index !== message.publisher && topicsOf(index).includes(message.topic)) subscribers++
      const seen = part.perMessage[message.id]
      if (seen !== undefined) { got += seen.got; replicas += seen.replicas }
    }
    subscribersSeen = Math.max(subscribersSeen, subscribers)
    if (subscribers > 0) { coverageSum += got / subscribers; coverageCount++ }
    if (replicas > 0) survived++
    replicaSum += replicas
  }
  let cacheSum = 0, cacheMax = 0, online = 0
  for (const part of parts) {
    cacheSum += part.cacheSum
    cacheMax = Math.max(cacheMax, part.cacheMax)
    online += part.online.length
  }
  const count = messages.length
  return {
    time: parts[0].time,
    coverage: coverageCount === 0 ? NaN : coverageSum / coverageCount,
    survival: count === 0 ? NaN : survived / count,
    replicas: count === 0 ? 0 : replicaSum / count,
    onlineSubscribers: subscribersSeen,
    meanCacheBytes: online === 0 ? 0 : cacheSum / online,
    maxCacheBytes: cacheMax
  }
}

export interface Distribution { count: number, mean: number | null, p50: number | null, p99: number | null, max: number | null }

export function distribution (values: number[]): Distribution {
  if (values.length === 0) return { count: 0, mean: null, p50: null, p99: null, max: null }
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
  return { count: sorted.length, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] }
}
