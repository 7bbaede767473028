// socket:application/client — the original's description of the current client (this window or frame, or a
// worker): its random `id`, `type` ('window' or 'worker'), `frameType` ('top-level', 'nested' or 'none'),
// the window `index`, and whether it is the top frame. Read from the preload's `__args.client`.
import { runtimeArgs } from '../../internal/args.ts'

export class Client {
  readonly id: string | null
  readonly type: string
  readonly frameType: string
  readonly index: number
  readonly top: boolean
  readonly host: string
  readonly port: number

  constructor (info: Record<string, unknown> = runtimeArgs().client, index = runtimeArgs().index) {
    const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined'
    this.id = typeof info.id === 'string' ? info.id : null
    this.type = typeof info.type === 'string' ? info.type : inWorker ? 'worker' : 'window'
    this.frameType = typeof info.frameType === 'string' ? info.frameType : inWorker ? 'none' : 'top-level'
    this.index = index
    this.top = info.top !== false
    this.host = typeof info.host === 'string' ? info.host : ''
    this.port = typeof info.port === 'number' ? info.port : 0
  }

  toJSON (): Record<string, unknown> {
    return { id: this.id, type: this.type, frameType: this.frameType, index: this.index, top: this.top, host: this.host, port: this.port }
  }
}

const client = new Client()
export default client
