// socket:events — Node's EventEmitter, from the `events` npm package (a port of Node's lib/events.js), plus
// the newer helpers the port lacks (on, errorMonitor, getEventListeners, setMaxListeners, EventEmitterAsyncResource).
import EventEmitter from 'events/events.js'
import { codedError } from '../internal/errors.ts'
import { EventEmitterAsyncResource } from '../internal/async/emitter-resource.ts'

/** Listeners of this symbol see every 'error' first, without counting as handling it (Node's errorMonitor). */
export const errorMonitor: unique symbol = Symbol('events.errorMonitor') as never

// Node tags an unhandled non-Error 'error' event with ERR_UNHANDLED_ERROR; the port throws it untagged.
const portEmit = EventEmitter.prototype.emit
EventEmitter.prototype.emit = function emit (this: EventEmitter, type: string | symbol, ...args: unknown[]): boolean {
  if (type === 'error') portEmit.call(this, errorMonitor, ...args)
  try {
    return portEmit.call(this, type, ...args)
  } catch (error) {
    if (type === 'error' && !(args[0] instanceof Error) && error instanceof Error && 'context' in error) {
      const inspected = typeof args[0] === 'string' ? `'${args[0]}'` : String(args[0])
      throw Object.assign(new Error(`Unhandled error. (${inspected})`), { code: 'ERR_UNHANDLED_ERROR', context: args[0] })
    }
    throw error
  }
}

export { EventEmitter, EventEmitterAsyncResource }
export const once = EventEmitter.once
Object.defineProperty(EventEmitter, 'errorMonitor', { value: errorMonitor, enumerable: true })
Object.defineProperty(EventEmitter, 'EventEmitterAsyncResource', { value: EventEmitterAsyncResource, enumerable: true })

function abortError (signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), { name: 'AbortError', code: 'ABORT_ERR' })
}

/** Node's events.on: an async iterator of the argument arrays of each `event`; 'error' rejects it. */
export function on (emitter: EventEmitter, event: string | symbol, options: { signal?: AbortSignal } = {}): AsyncIterableIterator<unknown[]> {
  const signal = options.signal
  if (signal?.aborted === true) throw abortError(signal)
  const queued: unknown[][] = []
  const waiting: Array<{ resolve: (r: IteratorResult<unknown[]>) => void, reject: (e: unknown) => void }> = []
  let failure: unknown
  let finished = false
  const onEvent = (...args: unknown[]): void => {
    const next = waiting.shift()
    if (next !== undefined) next.resolve({ value: args, done: false })
    else queued.push(args)
  }
  const onError = (error: unknown): void => {
    finished = true
    const next = waiting.shift()
    if (next !== undefined) next.reject(error)
    else failure = error
    cleanup()
  }
  const onAbort = (): void => onError(abortError(signal as AbortSignal))
  const cleanup = (): void => {
    emitter.off(event, onEvent)
    if (event !== 'error') emitter.off('error', onError)
    signal?.removeEventListener('abort', onAbort)
    for (const next of waiting.splice(0)) next.resolve({ value: undefined, done: true })
  }
  emitter.on(event, onEvent)
  if (event !== 'error') emitter.on('error', onError)
  signal?.addEventListener('abort', onAbort, { once: true })
  return {
    next () {
      const value = queued.shift()
      if (value !== undefined) return Promise.resolve({ value, done: false })
      if (failure !== undefined) {
        const error = failure
        failure = undefined
        return Promise.reject(error)
      }
      if (finished) return Promise.resolve({ value: undefined, done: true })
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
    },
    return () {
      finished = true
      cleanup()
      return Promise.resolve({ value: undefined, done: true })
    },
    throw (error: unknown) {
      finished = true
      cleanup()
      return Promise.reject(error)
    },
    [Symbol.asyncIterator] () { return this }
  }
}

/** Node's events.getEventListeners, for EventEmitters (EventTargets do not expose their listeners). */
export function getEventListeners (emitter: EventEmitter, name: string | symbol): Function[] {
  if (typeof (emitter as { listeners?: unknown })?.listeners !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "emitter" argument must be an instance of EventEmitter')
  }
  return emitter.listeners(name)
}

export function setMaxListeners (n = 10, ...targets: EventEmitter[]): void {
  if (targets.length === 0) EventEmitter.defaultMaxListeners = n
  for (const target of targets) target.setMaxListeners(n)
}

export default EventEmitter
