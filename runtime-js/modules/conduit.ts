// socket:conduit — the original's WebSocket fast path to the host (`ws://localhost:<port>/<id>/<clientId>`).
// This host runs no WebSocket server: every call goes through the ipc:// scheme, which is already
// zero-copy for binary bodies. The class keeps the original's shape; constructing it throws
// NotSupportedError, and `Conduit.isActive()` answers false so feature checks take the ipc path.
import { NotSupportedError } from '../internal/errors.ts'

export const DEFAULT_MAX_RECONNECT_RETRIES = 32
export const DEFAULT_MAX_RECONNECT_TIMEOUT = 256

export interface ConduitOptions { id: bigint | string | number, sharedKey?: string }

export class Conduit extends EventTarget {
  static async status (): Promise<{ isActive: boolean, port: number }> { return { isActive: false, port: 0 } }
  static isActive (): boolean { return false }
  static async waitForActiveState (): Promise<never> { throw new NotSupportedError('socket:conduit (the host has no WebSocket server; IPC uses the ipc: scheme)') }

  constructor (_options?: ConduitOptions) {
    super()
    throw new NotSupportedError('socket:conduit Conduit (the host has no WebSocket server; IPC uses the ipc: scheme)')
  }
}

export default Conduit
