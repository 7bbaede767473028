// createHook / AsyncHook / AsyncResource: Node's shapes. Hooks hear the resources this module knows about
// (AsyncResource instances: init on construction, before/after around runInAsyncScope, destroy on
// emitDestroy); the webview's own promises and timers are not hook resources (they carry context only:
// propagation.ts).
import { currentFrame, executionAsyncIdNow, newAsyncId, runInFrame, triggerAsyncIdNow, type Frame } from './context.ts'

export interface HookCallbacks {
  init?: (asyncId: number, type: string, triggerAsyncId: number, resource: object) => void
  before?: (asyncId: number) => void
  after?: (asyncId: number) => void
  destroy?: (asyncId: number) => void
  promiseResolve?: (asyncId: number) => void
}

const enabled = new Set<AsyncHook>()

function emit (event: keyof HookCallbacks, ...args: unknown[]): void {
  for (const hook of [...enabled]) (hook.callbacks[event] as ((...a: unknown[]) => void) | undefined)?.(...args)
}

export class AsyncHook {
  readonly callbacks: HookCallbacks
  constructor (callbacks: HookCallbacks = {}) {
    for (const name of ['init', 'before', 'after', 'destroy', 'promiseResolve'] as const) {
      if (callbacks[name] !== undefined && typeof callbacks[name] !== 'function') {
        throw Object.assign(new TypeError(`The "hook.${name}" property must be of type function. Received ${typeof callbacks[name]}`), { code: 'ERR_ASYNC_CALLBACK' })
      }
    }
    this.callbacks = callbacks
  }

  enable (): this { enabled.add(this); return this }
  disable (): this { enabled.delete(this); return this }
}

export function createHook (callbacks: HookCallbacks): AsyncHook {
  return new AsyncHook(callbacks)
}

const topLevel: object = {}
export function executionAsyncId (): number { return executionAsyncIdNow() }
export function triggerAsyncId (): number { return triggerAsyncIdNow() }
const resources = new Map<number, object>()
export function executionAsyncResource (): object { return resources.get(executionAsyncIdNow()) ?? topLevel }

export interface AsyncResourceOptions { triggerAsyncId?: number, requireManualDestroy?: boolean }

export class AsyncResource {
  readonly type: string
  readonly #asyncId: number
  readonly #triggerId: number
  readonly #frame: Frame
  #destroyed = false

  constructor (type: string, options: AsyncResourceOptions | number = {}) {
    if (typeof type !== 'string') {
      throw Object.assign(new TypeError(`The "type" argument must be of type string. Received ${typeof type}`), { code: 'ERR_INVALID_ARG_TYPE' })
    }
    const opts = typeof options === 'number' ? { triggerAsyncId: options } : options
    this.type = type
    this.#asyncId = newAsyncId()
    this.#triggerId = opts.triggerAsyncId ?? executionAsyncIdNow()
    this.#frame = currentFrame()
    emit('init', this.#asyncId, type, this.#triggerId, this)
  }

  /** `fn` bound to the context where the resource was made. */
  static bind<F extends (...args: any[]) => any> (fn: F, type?: string, thisArg?: unknown): F {
    return new AsyncResource(type ?? (fn.name !== '' ? fn.name : 'bound-anonymous-fn')).bind(fn, thisArg)
  }

  bind<F extends (...args: any[]) => any> (fn: F, thisArg?: unknown): F {
    if (typeof fn !== 'function') {
      throw Object.assign(new TypeError(`The "fn" argument must be of type function. Received ${typeof fn}`), { code: 'ERR_INVALID_ARG_TYPE' })
    }
    const resource = this
    const bound = function (this: unknown, ...args: unknown[]): unknown {
      return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args)
    }
    Object.defineProperty(bound, 'length', { value: fn.length })
    Object.defineProperty(bound, 'asyncResource', { value: this, enumerable: true, configurable: true, writable: true })
    return bound as unknown as F
  }

  runInAsyncScope<R> (fn: (...args: any[]) => R, thisArg?: unknown, ...args: unknown[]): R {
    resources.set(this.#asyncId, this)
    emit('before', this.#asyncId)
    try {
      return runInFrame(this.#frame, { asyncId: this.#asyncId, triggerId: this.#triggerId }, () => fn.apply(thisArg, args))
    } finally {
      emit('after', this.#asyncId)
      resources.delete(this.#asyncId)
    }
  }

  emitDestroy (): this {
    if (!this.#destroyed) {
      this.#destroyed = true
      // Node queues destroy hooks and runs them later, never inside emitDestroy itself.
      const id = this.#asyncId
      setTimeout(() => emit('destroy', id), 0)
    }
    return this
  }

  asyncId (): number { return this.#asyncId }
  triggerAsyncId (): number { return this.#triggerId }
}
