// socket:shared-worker — SharedWorker on the app's origin. WebKitGTK provides the constructor; where a
// context lacks it (inside a worker), constructing throws NotSupportedError naming this module.
import { NotSupportedError } from '../internal/errors.ts'

type SharedWorkerConstructor = typeof globalThis.SharedWorker
const native: SharedWorkerConstructor | undefined = (globalThis as any).SharedWorker

export const SharedWorker: SharedWorkerConstructor = native ?? class SharedWorker {
  constructor () { throw new NotSupportedError('socket:shared-worker SharedWorker in this context') }
} as unknown as SharedWorkerConstructor

export function getSharedWorkerImplementationForPlatform (): SharedWorkerConstructor { return SharedWorker }
export default SharedWorker
