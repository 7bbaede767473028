// Joins the parts of a split network's workers into the one RunData that summarize() reads. Reach times are
// recomputed by replaying every worker's deliveries and departures in time order through one Metrics, so
// they follow exactly the rules of a one-process run.
import { Metrics, combineSample } from '../metrics.ts'
import { hashString } from '../core/random.ts'
import type { KindCounters } from '../net/traffic-stats.ts'
import type { RunData } from '../result.ts'
import type { SharePart } from './share.ts'

export function mergeShares (parts: SharePart[]): RunData {
  const count = parts.length
  parts.forEach((part, w) => { if (part.index !== w) throw new Error(`part ${w} came from worker ${part.index}`) })
  const nodeCount = parts[0].nodes.length
  for (const part of parts) {
    if (part.nodes.length !== nodeCount) throw new Error(`workers disagree on the network: ${nodeCount} and ${part.nodes.length} nodes`)
  }
  // Every worker knows every node; its traffic and cache figures come from the worker that ran it.
  const nodes = parts[0].nodes.map((node, i) => {
    const own = parts[i % count].nodes[i]
    return { ...node, sentBytes: own.sentBytes, receivedBytes: own.receivedBytes, cacheBytes: own.cacheBytes }
  })

  const published = parts.flatMap((part) => part.published).sort((a, b) => a.publishedAt - b.publishedAt || a.publisher - b.publisher)
  let at = 0
  const metrics = new Metrics(() => at)
  for (const message of published) metrics.addMessage(message)
  // Departures happen in every worker (they are replicated): take them once, from worker 0.
  const entries = parts.flatMap((part, w) => part.journal.filter(([, , id]) => id !== null || w === 0))
  entries.sort((a, b) => a[0] - b[0]) // stable: same-time entries keep worker order, then journal order
  for (const [time, node, id] of entries) {
    at = time
    if (id === null) metrics.left(node)
    else metrics.delivered(node, id)
  }

  const topicsOf = (index: number): string[] => nodes[index].topics
  const samples = parts[0].sampleParts.map((_, k) => {
    const time = parts[0].sampleParts[k].time
    return combineSample(parts.map((part) => part.sampleParts[k]), published.filter((m) => m.publishedAt <= time), topicsOf)
  })

  const byKind = new Map<string, KindCounters>()
  const dropsByReason = new Map<string, number>()
  for (const part of parts) {
    for (const [kind, c] of part.traffic.byKind) {
      const sum = byKind.get(kind) ?? { sentDatagrams: 0, sentBytes: 0, deliveredDatagrams: 0, deliveredBytes: 0, dropped: 0 }
      sum.sentDatagrams += c.sentDatagrams
      sum.sentBytes += c.sentBytes
      sum.deliveredDatagrams += c.deliveredDatagrams
      sum.deliveredBytes += c.deliveredBytes
      sum.dropped += c.dropped
      byKind.set(kind, sum)
    }
    for (const [reason, n] of part.traffic.dropsByReason) dropsByReason.set(reason, (dropsByReason.get(reason) ?? 0) + n)
  }
  const total = (pick: (part: SharePart) => number): number => parts.reduce((sum, part) => sum + pick(part), 0)

  return {
    now: parts[0].now,
    events: total((part) => part.events),
    logHash: combineHashes(parts.map((part) => part.logHash)),
    nodes,
    messages: [...metrics.messages.values()],
    deliveries: metrics.deliveries,
    duplicateDeliveries: total((part) => part.duplicateDeliveries),
    samples,
    peakCacheBytes: Math.max(0, ...samples.map((s) => s.maxCacheBytes)),
    traffic: {
      sentDatagrams: total((part) => part.traffic.sentDatagrams),
      sentBytes: total((part) => part.traffic.sentBytes),
      droppedDatagrams: total((part) => part.traffic.droppedDatagrams),
      byKind: [...byKind],
      dropsByReason: [...dropsByReason]
    },
    errors: parts.flatMap((part) => part.errors).sort((a, b) => a.time - b.time).slice(0, 100),
    startErrors: parts.flatMap((part) => part.startErrors),
    junkDatagrams: total((part) => part.junkDatagrams),
    shares: parts.map((part) => ({ events: part.events, waitedMs: part.waitedMs }))
  }
}

/** One fingerprint for the run: a hash of the workers' fingerprints in worker order. */
function combineHashes (hashes: string[]): string {
  return hashString(hashes.join('/')).toString(16).padStart(8, '0')
}
