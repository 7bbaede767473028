// The async context behind socket:async and socket:async_hooks. The current context is an immutable map from
// storage to value, swapped in for the duration of a call and restored afterwards. It reaches later
// callbacks through the wrappers in propagation.ts (promise reactions, timers, microtasks, event listeners),
// installed the first time a context is entered, and through explicit binding (AsyncResource.bind,
// AsyncLocalStorage.bind/snapshot, AsyncContext.Snapshot.wrap). JavaScriptCore resumes a native `await`
// without calling anything patchable, so code after an `await` runs in the empty context (docs/modules.md).

export type Frame = ReadonlyMap<object, unknown>

const empty: Frame = new Map()
let current: Frame = empty
let depth = 0
let executionId = 1
let triggerId = 0
let nextId = 2
let resetQueued = false
// Taken before propagation.ts wraps it: the reset must not run inside a captured context.
const queueReset = globalThis.queueMicrotask.bind(globalThis)

export function currentFrame (): Frame { return current }
export function newAsyncId (): number { return nextId++ }
export function executionAsyncIdNow (): number { return executionId }
export function triggerAsyncIdNow (): number { return triggerId }

/** Runs `fn` with `frame` (and the given ids) as the current context, restoring the previous one after. */
export function runInFrame<R> (frame: Frame, ids: { asyncId: number, triggerId: number } | undefined, fn: () => R): R {
  const saved = { frame: current, executionId, triggerId }
  current = frame
  depth++
  if (ids !== undefined) { executionId = ids.asyncId; triggerId = ids.triggerId }
  try {
    return fn()
  } finally {
    depth--
    current = saved.frame
    executionId = saved.executionId
    triggerId = saved.triggerId
  }
}

/** `fn.apply(thisArg, args)` in `frame`: the wrappers' hot path, without a closure per call. */
export function applyInFrame (frame: Frame, fn: Function, thisArg: unknown, args: ArrayLike<unknown>): unknown {
  const saved = current
  current = frame
  depth++
  try {
    return fn.apply(thisArg, args)
  } finally {
    depth--
    current = saved
  }
}

/** A copy of `frame` with `key` set to `value` (or removed when `remove`). */
export function withValue (frame: Frame, key: object, value: unknown, remove = false): Frame {
  const next = new Map(frame)
  if (remove) next.delete(key)
  else next.set(key, value)
  return next
}

/**
 * enterWith: replaces the current frame until the enclosing call returns. Outside any call (a module's top
 * level, code after a native `await`, a handler nothing wrapped) nothing would restore it, so it lasts until
 * the microtasks queued so far have run: later tasks must not inherit it.
 */
export function replaceFrame (frame: Frame): void {
  current = frame
  if (depth === 0 && !resetQueued) {
    resetQueued = true
    queueReset(() => { resetQueued = false; if (depth === 0) current = empty })
  }
}
