// socket:worker_threads — Node's worker_threads over Web Workers on the app's origin. A Worker is a module
// worker; its script imports socket:worker_threads to get `parentPort` and `workerData`. The parent sends
// workerData (structured clone) as the first message; the worker's copy of this module waits for it at load,
// but only in workers this module started (their URL carries the WORKER_MARK fragment).
import EventEmitter from './events.ts'
import { NotSupportedError } from '../internal/errors.ts'

const WORKER_MARK = 'socket-worker-threads'
const INIT = '__socket_worker_threads_init__'

interface InitMessage { [INIT]: true, workerData: unknown, threadId: number, environmentData: Array<[unknown, unknown]> }

const inWorker = typeof (globalThis as any).WorkerGlobalScope !== 'undefined' && globalThis instanceof (globalThis as any).WorkerGlobalScope
const startedByUs = inWorker && String(globalThis.location?.hash ?? '').includes(WORKER_MARK)

const environmentData = new Map<unknown, unknown>()
let init: InitMessage | undefined
if (startedByUs) {
  init = await new Promise<InitMessage>((resolve) => {
    const onMessage = (event: MessageEvent): void => {
      if (event.data?.[INIT] === true) {
        globalThis.removeEventListener('message', onMessage as EventListener)
        event.stopImmediatePropagation()
        resolve(event.data)
      }
    }
    globalThis.addEventListener('message', onMessage as EventListener)
  })
  for (const [key, value] of init.environmentData) environmentData.set(key, value)
}

export const isMainThread = !inWorker
export const threadId = init?.threadId ?? 0
export const workerData: unknown = init?.workerData ?? null
export const resourceLimits = {}
export const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV')
export const { MessageChannel, MessagePort, BroadcastChannel } = globalThis as any

/** Node's parentPort: an EventEmitter whose 'message' listeners get the value, over the worker's global. */
class ParentPort extends EventEmitter {
  constructor () {
    super()
    globalThis.addEventListener('message', (event: Event) => { this.emit('message', (event as MessageEvent).data) })
    globalThis.addEventListener('messageerror', (event: Event) => { this.emit('messageerror', (event as MessageEvent).data) })
  }

  postMessage (value: unknown, transferList?: Transferable[]): void {
    (globalThis as any).postMessage(value, transferList ?? [])
  }

  close (): void { (globalThis as any).close() }
  ref (): void {}
  unref (): void {}
}

export const parentPort: ParentPort | null = startedByUs ? new ParentPort() : null

export interface WorkerOptions { workerData?: unknown, eval?: boolean, name?: string, env?: unknown, argv?: unknown[], transferList?: Transferable[], type?: string }

let nextThreadId = 1

export class Worker extends EventEmitter {
  readonly threadId: number
  #worker: globalThis.Worker
  #exited = false

  constructor (filename: string | URL, options: WorkerOptions = {}) {
    super()
    if (typeof globalThis.Worker !== 'function') throw new NotSupportedError('worker_threads.Worker here (no Web Worker in this context)')
    if (typeof filename !== 'string' && !(filename instanceof URL)) throw Object.assign(new TypeError('The "filename" argument must be of type string or an instance of URL.'), { code: 'ERR_INVALID_ARG_TYPE' })
    let url: URL
    if (options.eval === true) {
      url = new URL(URL.createObjectURL(new Blob([String(filename)], { type: 'text/javascript' })))
    } else {
      url = new URL(String(filename), globalThis.location?.href)
    }
    url.hash = WORKER_MARK
    this.threadId = nextThreadId++
    this.#worker = new globalThis.Worker(url.href, { type: 'module', name: options.name })
    this.#worker.addEventListener('message', (event) => { this.emit('message', event.data) })
    this.#worker.addEventListener('messageerror', (event) => { this.emit('messageerror', event.data) })
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault()
      const error = event.error instanceof Error ? event.error : new Error(event.message !== '' ? event.message : `worker ${url.pathname} failed to load`)
      this.emit('error', error)
      this.#exit(1)
    })
    const message: InitMessage = { [INIT]: true, workerData: options.workerData ?? null, threadId: this.threadId, environmentData: [...environmentData] }
    this.#worker.postMessage(message, options.transferList ?? [])
    queueMicrotask(() => this.emit('online'))
  }

  postMessage (value: unknown, transferList?: Transferable[]): void {
    this.#worker.postMessage(value, transferList ?? [])
  }

  /** Stops the worker at once; resolves with exit code 1 as Node's terminate(). */
  async terminate (): Promise<number> {
    this.#worker.terminate()
    this.#exit(1)
    return 1
  }

  #exit (code: number): void {
    if (this.#exited) return
    this.#exited = true
    this.#worker.terminate()
    queueMicrotask(() => this.emit('exit', code))
  }

  ref (): void {}
  unref (): void {}
}

export function setEnvironmentData (key: unknown, value: unknown): void {
  if (value === undefined) environmentData.delete(key)
  else environmentData.set(key, value)
}

export function getEnvironmentData (key: unknown): unknown { return environmentData.get(key) }

export function markAsUntransferable (_object: object): void {}

export function receiveMessageOnPort (port: MessagePort): undefined {
  void port
  throw new NotSupportedError('worker_threads.receiveMessageOnPort (a Web MessagePort has no synchronous receive)')
}

export default {
  isMainThread, threadId, workerData, parentPort, resourceLimits, SHARE_ENV, Worker, MessageChannel, MessagePort,
  BroadcastChannel, setEnvironmentData, getEnvironmentData, markAsUntransferable, receiveMessageOnPort
}
