// socket:worker — the original's worker module: the Web Worker constructor of this context (module workers on
// the app's origin), and Node's shape under `worker_threads`.
import * as workerThreads from './worker_threads.ts'

export const Worker: typeof globalThis.Worker = globalThis.Worker
export { workerThreads }
export default Worker
