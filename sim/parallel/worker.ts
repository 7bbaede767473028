// One worker thread of a split network: runs its share and posts the result (or the error) to the parent.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import type { Scenario } from '../scenario.ts'
import { loadDriver } from '../protocols/registry.ts'
import { WindowExchange } from './exchange.ts'
import { runShare, WINDOW_LAG, type ShareProgress, type SharePart } from './share.ts'

/** What the parent hands a worker. */
export interface WorkerInput {
  scenario: Scenario
  protocol: string
  index: number
  count: number
  ports: Array<MessagePort | null>
  channels: Array<{ out: SharedArrayBuffer, in: SharedArrayBuffer } | null>
  posted: Int32Array
  /** The driver's shared memory (`ProtocolDriver.shared`), if it has any. */
  shared?: SharedArrayBuffer
}

export type WorkerOutput = { progress: ShareProgress } | { part: SharePart } | { error: string }

const input = workerData as WorkerInput
const post = (message: WorkerOutput): void => parentPort!.postMessage(message)
try {
  const driver = await loadDriver(input.protocol)
  if (input.shared !== undefined) driver.shared?.adopt(input.shared)
  const exchange = new WindowExchange(input.index, input.ports, input.channels, input.posted, WINDOW_LAG)
  const part = await runShare(input.scenario, driver, input.index, input.count, exchange, (progress) => post({ progress }))
  post({ part })
} catch (error) {
  post({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
}
