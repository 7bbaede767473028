// Runs a scenario with its hosts split between worker threads (one per core), then merges what they measured
// into one result. See README.md in this directory for how the workers stay in step.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads'
import type { Scenario } from '../scenario.ts'
import { loadDriver } from '../protocols/registry.ts'
import { summarize, type RunResult } from '../result.ts'
import { mergeShares } from './merge.ts'
import { createChannel } from './exchange.ts'
import { lookaheadMs, WINDOW_LAG, type SharePart, type ShareProgress } from './share.ts'
import type { WorkerInput, WorkerOutput } from './worker.ts'

/**
 * Each worker's young generation (a worker thread takes no V8 flags): 384 MB, semi-spaces of 128 MB, so fewer
 * scavenges; each one stalls every worker, since the others wait for its window. The old generation keeps
 * V8's default limit: a higher one let the heap grow by a quarter, and the run got slower, not faster.
 */
const YOUNG_GENERATION_MB = 384

export interface SplitProgress { simTime: number, fraction: number, events: number, wallMs: number }

export async function runSplit (scenario: Scenario, protocol: string, workers: number, onProgress?: (p: SplitProgress) => void): Promise<RunResult> {
  if (!Number.isInteger(workers) || workers < 2) throw new RangeError(`a split run needs 2 or more workers, got ${workers}`)
  lookaheadMs(scenario.latency) // fail here, not in every worker
  const driver = await loadDriver(protocol)
  // A channel between every pair of workers; ports[w][v] is w's end of the one to v.
  const ports: Array<Array<MessagePort | null>> = Array.from({ length: workers }, () => Array<MessagePort | null>(workers).fill(null))
  for (let a = 0; a < workers; a++) {
    for (let b = a + 1; b < workers; b++) {
      const { port1, port2 } = new MessageChannel()
      ports[a][b] = port1
      ports[b][a] = port2
    }
  }
  // Shared memory for every direction between two workers; channels[w][v] is what w writes for v.
  const channels = Array.from({ length: workers }, (_, w) => Array.from({ length: workers }, (_, v) => w === v ? null : createChannel(WINDOW_LAG)))
  const posted = new Int32Array(new SharedArrayBuffer(4 * workers))
  const shared = driver.shared?.create()
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  const latest: ShareProgress[] = Array.from({ length: workers }, () => ({ simTime: 0, events: 0 }))
  const threads: Worker[] = []
  const parts = await Promise.all(Array.from({ length: workers }, (_, index) => new Promise<SharePart>((resolve, reject) => {
    const mine = ports[index].filter((p): p is MessagePort => p !== null)
    const input: WorkerInput = { scenario, protocol, index, count: workers, ports: ports[index], channels: channels[index].map((out, v) => out === null ? null : { out, in: channels[v][index]! }), posted, ...(shared !== undefined ? { shared } : {}) }
    const thread = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: input,
      transferList: mine,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
    })
    threads.push(thread)
    let done = false
    thread.on('message', (message: WorkerOutput) => {
      if ('progress' in message) {
        latest[index] = message.progress
        if (index === 0 && onProgress !== undefined) {
          onProgress({ simTime: message.progress.simTime, fraction: message.progress.simTime / scenario.durationMs, events: latest.reduce((sum, p) => sum + p.events, 0), wallMs: performance.now() - started })
        }
      } else if ('part' in message) { done = true; resolve(message.part) } else { done = true; reject(new Error(`worker ${index}: ${message.error}`)) }
    })
    thread.on('error', (error) => { done = true; reject(error) })
    thread.on('exit', (code) => { if (!done) reject(new Error(`worker ${index} exited (code ${code}) without a result`)) })
  }))).catch(async (error: unknown) => {
    // One worker failing leaves the others waiting for its windows: stop them all.
    await Promise.all(threads.map((t) => t.terminate()))
    throw error
  })
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage(cpuStart)
  return summarize({ ...scenario, workers }, driver, mergeShares(parts), wallMs, (cpu.user + cpu.system) / 1000)
}
