// The async context behind socket:async and socket:async_hooks. The current context is an immutable map from
// storage to value, swapped in for the duration of a synchronous call and restored afterwards. Nothing global
// is patched (no Promise.prototype.then or setTimeout wrappers: they slowed every page and kept timers
// alive): context reaches later callbacks only when they are bound explicitly (AsyncResource.bind,
// AsyncLocalStorage.bind/snapshot, AsyncContext.Snapshot.wrap). docs/modules.md says so.

export type Frame = ReadonlyMap<object, unknown>

let current: Frame = new Map()
let executionId = 1
let triggerId = 0
let nextId = 2

export function currentFrame (): Frame { return current }
export function newAsyncId (): number { return nextId++ }
export function executionAsyncIdNow (): number { return executionId }
export function triggerAsyncIdNow (): number { return triggerId }

/** Runs `fn` with `frame` (and the given ids) as the current context, restoring the previous one after. */
export function runInFrame<R> (frame: Frame, ids: { asyncId: number, triggerId: number } | undefined, fn: () => R): R {
  const saved = { frame: current, executionId, triggerId }
  current = frame
  if (ids !== undefined) { executionId = ids.asyncId; triggerId = ids.triggerId }
  try {
    return fn()
  } finally {
    current = saved.frame
    executionId = saved.executionId
    triggerId = saved.triggerId
  }
}

/** A copy of `frame` with `key` set to `value` (or removed when `remove`). */
export function withValue (frame: Frame, key: object, value: unknown, remove = false): Frame {
  const next = new Map(frame)
  if (remove) next.delete(key)
  else next.set(key, value)
  return next
}

/** enterWith: replaces the current frame until the enclosing runInFrame returns (or for good at top level). */
export function replaceFrame (frame: Frame): void { current = frame }
