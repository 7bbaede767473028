// Carries the async context (context.ts) to later callbacks, as Node's async hooks do, in an engine without
// them: each scheduling function is wrapped so the callback runs in the context current when it was
// scheduled. Installed once, the first time a context is entered (AsyncLocalStorage.run/enterWith,
// AsyncContext.Variable.run): a page that never uses one pays nothing.
//
// Wrapped: Promise.prototype.then (catch and finally call it), setTimeout, setInterval, queueMicrotask,
// requestAnimationFrame, requestIdleCallback, and EventTarget listeners added inside a context (they run in
// it for events the webview dispatches; an event a script dispatches keeps the dispatcher's context, as
// Node's EventTarget and EventEmitter do). setImmediate and process.nextTick bind through `bindCurrent`.
// Not reachable: a native `await` (JavaScriptCore resumes the function from an internal reaction, never
// through `then`), `on<event>` handler properties, and callbacks the engine itself schedules.
import { applyInFrame, currentFrame, type Frame } from './context.ts'

let installed = false

/** Whether the wrappers are in place (after the first context was entered). */
export function propagationInstalled (): boolean { return installed }

function inFrame<F extends Function> (fn: F, frame: Frame): F {
  return function (this: unknown) { return applyInFrame(frame, fn, this, arguments) } as unknown as F
}

/** `fn` bound to the current context once propagation is on; `fn` itself before (nothing to carry). */
export function bindCurrent<F extends Function> (fn: F): F {
  return installed ? inFrame(fn, currentFrame()) : fn
}

type Scheduler = (handler: unknown, ...rest: unknown[]) => unknown

function wrapScheduler (name: string): void {
  const target = globalThis as unknown as Record<string, Scheduler | undefined>
  const original = target[name]
  if (typeof original !== 'function') return
  const wrapped = {
    [name] (this: unknown, handler: unknown, ...rest: unknown[]): unknown {
      return original.call(this ?? globalThis, typeof handler === 'function' ? inFrame(handler, currentFrame()) : handler, ...rest)
    }
  }[name]
  Object.defineProperty(wrapped, 'length', { value: original.length })
  // Node's setTimeout carries util.promisify.custom; keep such extras.
  for (const key of Object.getOwnPropertySymbols(original)) Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(original, key)!)
  target[name] = wrapped
}

function wrapThen (): void {
  const then = Promise.prototype.then
  const wrap = (fn: unknown, frame: Frame): unknown => typeof fn === 'function' ? inFrame(fn, frame) : fn
  Object.defineProperty(Promise.prototype, 'then', {
    value: { then (this: Promise<unknown>, onFulfilled: unknown, onRejected: unknown) {
      const frame = currentFrame()
      return then.call(this, wrap(onFulfilled, frame) as never, wrap(onRejected, frame) as never)
    } }.then,
    writable: true,
    configurable: true,
    enumerable: false
  })
}

type Listener = EventListenerOrEventListenerObject
// target → "type capture" → listener → the wrapper registered for it, so removeEventListener finds it.
const registered = new WeakMap<EventTarget, Map<string, Map<Listener, EventListener>>>()

function listenerKey (type: string, options: boolean | EventListenerOptions | undefined): string {
  const capture = typeof options === 'boolean' ? options : options?.capture === true
  return `${type} ${capture ? 1 : 0}`
}

function wrapEventTarget (): void {
  const proto = (globalThis as { EventTarget?: { prototype: EventTarget } }).EventTarget?.prototype
  if (proto === undefined) return
  const add = proto.addEventListener
  const remove = proto.removeEventListener
  proto.addEventListener = function addEventListener (this: EventTarget, type: string, listener: Listener | null, options?: boolean | AddEventListenerOptions) {
    const frame = currentFrame()
    if (listener === null || listener === undefined || frame.size === 0 || this === null || this === undefined) {
      return add.call(this, type, listener, options)
    }
    const target: EventTarget = this
    let byKey = registered.get(target)
    if (byKey === undefined) registered.set(target, byKey = new Map())
    const key = listenerKey(type, options)
    let byListener = byKey.get(key)
    if (byListener === undefined) byKey.set(key, byListener = new Map())
    let wrapper = byListener.get(listener)
    if (wrapper === undefined) {
      const call = (self: unknown, event: Event): unknown => typeof listener === 'function'
        ? listener.call(self, event)
        : listener.handleEvent(event)
      wrapper = function (this: unknown, event: Event) {
        // The webview's own events have no dispatcher context: they run in the listener's.
        if (event?.isTrusted === true) applyInFrame(frame, call, undefined, [this, event])
        else call(this, event)
      }
      byListener.set(listener, wrapper)
    }
    return add.call(this, type, wrapper, options)
  }
  proto.removeEventListener = function removeEventListener (this: EventTarget, type: string, listener: Listener | null, options?: boolean | EventListenerOptions) {
    const byListener = listener === null || listener === undefined ? undefined : registered.get(this)?.get(listenerKey(type, options))
    const wrapper = byListener?.get(listener!)
    if (wrapper !== undefined) {
      byListener!.delete(listener!)
      remove.call(this, type, wrapper, options)
    }
    return remove.call(this, type, listener, options)
  }
}

/** Wraps the global scheduling functions; idempotent. */
export function installPropagation (): void {
  if (installed) return
  installed = true
  wrapThen()
  for (const name of ['setTimeout', 'setInterval', 'queueMicrotask', 'requestAnimationFrame', 'requestIdleCallback']) wrapScheduler(name)
  wrapEventTarget()
}
