// socket:gc — the original's finalizer registry: an object with a `[gc.finalizer]()` method returning
// `{ args, handle }` (or a Finalizer) can be `ref`'d; when it is collected (FinalizationRegistry) or
// `finalize`d/`release`d explicitly, `handle(...args)` runs once. A finalizer that throws is reported as a
// FinalizationRegistryCallbackError `error` event on globalThis, never thrown into the collector.
import { FinalizationRegistryCallbackError } from './errors.ts'

export const kFinalizer = Symbol.for('socket.runtime.gc.finalizer')
export const finalizer = kFinalizer

type Handle = (...args: unknown[]) => unknown
interface Finalizable { [kFinalizer]: (...args: unknown[]) => Finalizer | { args?: unknown[], handle: Handle } | Promise<Finalizer | { args?: unknown[], handle: Handle }> }

export class Finalizer {
  args: unknown[]
  handle: Handle
  /** `Finalizer.from(handle)` or `Finalizer.from({ args, handle })`. */
  static from (handler: Handle | { args?: unknown[], handle: Handle }): Finalizer {
    if (typeof handler === 'function') return new Finalizer([], handler)
    if (handler === null || typeof handler !== 'object' || typeof handler.handle !== 'function') {
      throw new TypeError('gc.Finalizer.from: expected a function or { args, handle }')
    }
    return new Finalizer(Array.isArray(handler.args) ? handler.args : [], handler.handle)
  }

  constructor (args: unknown[], handle: Handle) {
    this.args = args
    this.handle = handle
  }
}

interface Entry { finalizer: Finalizer, token: object, ref: WeakRef<object> }
/** Every ref'd object, weakly: ref() adds, unref()/finalize() remove; release() finalizes what is left. */
export const pool = new Set<Entry>()
export const finalizers = new WeakMap<object, Entry>()

async function runFinalizer (entry: Entry): Promise<void> {
  pool.delete(entry)
  try {
    await entry.finalizer.handle(...entry.finalizer.args)
  } catch (error) {
    const wrapped = new FinalizationRegistryCallbackError((error as Error)?.message ?? String(error))
    ;(wrapped as { cause?: unknown }).cause = error
    if (typeof globalThis.dispatchEvent === 'function' && typeof ErrorEvent !== 'undefined') {
      globalThis.dispatchEvent(new ErrorEvent('error', { error: wrapped, message: wrapped.message }))
    } else {
      console.error(wrapped)
    }
  }
}

export const registry = new FinalizationRegistry<Entry>((entry) => { void runFinalizer(entry) })

/** Tracks `object`; true when it was added (it has a `[gc.finalizer]` method and was not tracked yet). */
export async function ref (object: unknown, ...args: unknown[]): Promise<boolean> {
  if (object === null || (typeof object !== 'object' && typeof object !== 'function')) return false
  if (typeof (object as Finalizable)[kFinalizer] !== 'function' || finalizers.has(object)) return false
  const made = await (object as Finalizable)[kFinalizer](...args)
  const final = made instanceof Finalizer ? made : Finalizer.from(made)
  const entry: Entry = { finalizer: final, token: {}, ref: new WeakRef(object) }
  finalizers.set(object, entry)
  pool.add(entry)
  registry.register(object, entry, entry.token)
  return true
}

/** Stops tracking `object` without running its finalizer; true when it was tracked. */
export function unref (object: unknown): boolean {
  if (object === null || typeof object !== 'object') return false
  const entry = finalizers.get(object)
  if (entry === undefined) return false
  finalizers.delete(object)
  pool.delete(entry)
  registry.unregister(entry.token)
  return true
}

/** How many objects are tracked. */
export function refs (): number {
  return pool.size
}

/** Runs `object`'s finalizer now (once) and stops tracking it; `ref`s it first if needed. */
export async function finalize (object: unknown, ...args: unknown[]): Promise<boolean> {
  if (object === null || typeof object !== 'object') return false
  if (!finalizers.has(object) && !(await ref(object, ...args))) return false
  const entry = finalizers.get(object) as Entry
  unref(object)
  await runFinalizer(entry)
  return true
}

/** Runs the finalizer of every tracked object that is still alive (e.g. before the window closes). */
export async function release (): Promise<void> {
  for (const entry of [...pool]) {
    const object = entry.ref.deref()
    if (object !== undefined) unref(object)
    else pool.delete(entry)
    await runFinalizer(entry)
  }
}

export const gc = { ref, unref, refs, finalize, release, finalizer, kFinalizer, Finalizer, pool, registry, finalizers }
export default gc
