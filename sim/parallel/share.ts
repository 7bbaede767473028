// Runs one worker's share of a split network, window by window, and returns what it measured (plain data,
// for merge.ts). Nothing one worker's hosts send can arrive at another's sooner than the shortest one-way
// latency (the lookahead), so a worker that has run to time T needs only what the others sent before
// T - lookahead + one window: with windows of half the lookahead, it reads what they handed over one window
// before its own, and can run a window ahead of them. That slack absorbs the unevenness of the work in a
// window, which with windows as long as the lookahead kept each worker waiting for the other more often.
import type { Scenario } from '../scenario.ts'
import type { ProtocolDriver } from '../protocols/driver.ts'
import type { LatencyModel } from '../net/latency.ts'
import type { JournalEntry, PublishedMessage, SamplePart } from '../metrics.ts'
import type { NodeOutcome, RunData } from '../result.ts'
import { buildNetwork, closeNetwork, nodeOutcomes, trafficAndErrors } from '../runner.ts'
import { DatagramBatch, unpack } from './datagram-batch.ts'
import type { WindowExchange } from './exchange.ts'

/** What one worker measured; merge.ts turns the workers' parts into one RunData. */
export interface SharePart extends Pick<RunData, 'traffic' | 'errors' | 'startErrors' | 'junkDatagrams'> {
  index: number
  now: number
  events: number
  logHash: string
  /** Every node; only this worker's own carry traffic and cache figures. */
  nodes: NodeOutcome[]
  /** Messages this worker's nodes published. */
  published: PublishedMessage[]
  journal: JournalEntry[]
  duplicateDeliveries: number
  sampleParts: SamplePart[]
  /** Wall time this worker waited for the others' windows. */
  waitedMs: number
}

export interface ShareProgress { simTime: number, events: number }

/** Windows per lookahead: a worker can run this many windows minus one ahead of the others. */
export const WINDOWS_PER_LOOKAHEAD = 2
/** How many windows behind its own a worker reads the others' hand-overs. */
export const WINDOW_LAG = WINDOWS_PER_LOOKAHEAD - 1

/** The lookahead: the shortest one-way latency the model can produce. */
export function lookaheadMs (latency: LatencyModel): number {
  const shortest = Math.min(...latency.bands.map((band) => band.minMs))
  if (!(shortest > 0)) throw new RangeError(`a network split between workers needs a shortest one-way latency above 0 ms (latency bands start at ${shortest} ms)`)
  return shortest
}

export async function runShare (
  scenario: Scenario,
  driver: ProtocolDriver,
  index: number,
  count: number,
  exchange: WindowExchange,
  onProgress?: (p: ShareProgress) => void
): Promise<SharePart> {
  const outboxes = Array.from({ length: count }, () => new DatagramBatch())
  const network = buildNetwork(scenario, driver, false, { index, count, outboxes })
  const { sim, fabric, metrics } = network
  const window = lookaheadMs(scenario.latency) / WINDOWS_PER_LOOKAHEAD
  const receive = fabric.receive.bind(fabric)
  let told = 0
  let lastReport = performance.now()
  for (let end = window; ; end += window) {
    const last = end > scenario.durationMs
    // Again while the drain at the end of a run left events inside the window (a timer set by a promise
    // continuation): everything sent before the hand-over must be in it.
    do await sim.run(last ? scenario.durationMs : end, undefined, undefined, !last)
    while (!last && sim.queue.peekTime() < end)
    const incoming = exchange.swap(outboxes.map((o) => o.take()), network.published.slice(told))
    told = network.published.length
    // What the others handed over WINDOW_LAG windows ago: all that can arrive before the next window ends.
    // Messages first: a delivery of one can only come from a datagram handed over with it or later.
    for (const message of incoming) for (const m of message.published) metrics.addMessage(m)
    for (const message of incoming) unpack(message.datagrams, receive)
    if (onProgress !== undefined && performance.now() - lastReport >= 1000) {
      lastReport = performance.now()
      onProgress({ simTime: sim.now, events: sim.eventsRun })
    }
    if (last) break
  }
  const part: SharePart = {
    index,
    now: sim.now,
    events: sim.eventsRun,
    logHash: sim.logHash,
    nodes: nodeOutcomes(network),
    published: network.published,
    journal: metrics.journal!,
    duplicateDeliveries: metrics.duplicateDeliveries,
    sampleParts: metrics.sampleParts!,
    waitedMs: exchange.waitedMs,
    ...trafficAndErrors(network)
  }
  closeNetwork(network)
  return part
}
