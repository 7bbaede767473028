// Every fs operation is written once, as a generator that yields native calls; a driver runs it either
// asynchronously (promises, callbacks) or synchronously (the *Sync forms). A yielded call names the
// generated binding method, its arguments, and how a failure is reported in Node's shape.
import { fs as binding, createFsClient, fsResults, type FsClient } from '../../../generated/js/fs.ts'
import { capturingClient, runSync } from '../sync-call.ts'
import { toNodeError } from './errors.ts'

export interface NativeCall {
  method: keyof FsClient
  args: unknown[]
  /** Node's name for the failing operation and the paths it names, for the error message. */
  syscall: string
  path?: string
  dest?: string
}

/**
 * A value from the caller's own code (fs.cp's filter) that may be a promise: the async forms wait for it,
 * the sync forms cannot and throw `syncError()` instead.
 */
export interface Awaiting {
  await: unknown
  syncError: () => Error
}

export type Op<T> = Generator<NativeCall | Awaiting, T, unknown>

/** Yields `value` to the driver, which resolves it if it is a promise (async forms only). */
export function * awaitValue<T> (value: T | PromiseLike<T>, syncError: () => Error): Op<T> {
  if (!isThenable(value)) return value
  return (yield { await: value, syncError }) as T
}

function isThenable (value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function'
}

/** Yields one native call and returns its (decoded) result. */
export function * native<T = unknown> (call: NativeCall): Op<T> {
  return (yield call) as T
}

function invoke (client: FsClient, call: NativeCall): Promise<unknown> {
  return (client[call.method] as (...args: unknown[]) => Promise<unknown>)(...call.args)
}

/** Runs `op` asynchronously; argument errors (raised before the first native call) reject. */
export function runAsync<T> (op: Op<T>): Promise<T> {
  try {
    return drive(op, op.next())
  } catch (error) {
    return Promise.reject(error)
  }
}

async function drive<T> (op: Op<T>, first: IteratorResult<NativeCall | Awaiting, T>): Promise<T> {
  let step = first
  while (step.done !== true) {
    const call = step.value
    let result: unknown
    if ('await' in call) {
      try {
        result = await call.await
      } catch (error) {
        step = op.throw(error)
        continue
      }
      step = op.next(result)
      continue
    }
    try {
      result = await invoke(binding, call)
    } catch (error) {
      step = op.throw(toNodeError(error, call))
      continue
    }
    step = op.next(result)
  }
  return step.value
}

let syncClient: FsClient | undefined

export function runSyncOp<T> (op: Op<T>): T {
  syncClient ??= createFsClient(capturingClient())
  const client = syncClient
  let step = op.next()
  while (step.done !== true) {
    const call = step.value
    let result: unknown
    if ('await' in call) {
      step = op.throw(call.syncError())
      continue
    }
    try {
      result = runSync(`fs.${call.method}`, () => invoke(client, call), false, fsResults[call.method])
    } catch (error) {
      step = op.throw(toNodeError(error, call))
      continue
    }
    step = op.next(result)
  }
  return step.value
}

/**
 * The callback form: argument errors throw synchronously (as in Node), the rest is called back
 * error-first. `map` spreads a result into several callback arguments (read gives bytesRead, buffer).
 */
export function runCallback<T> (op: Op<T>, callback: unknown, map: (value: T) => unknown[] = (value) => [value]): void {
  if (typeof callback !== 'function') {
    throw Object.assign(new TypeError(`The "cb" argument must be of type function. Received ${typeof callback}`), { code: 'ERR_INVALID_ARG_TYPE' })
  }
  const call = callback as (...args: unknown[]) => void
  let first: IteratorResult<NativeCall | Awaiting, T>
  try {
    first = op.next()
  } catch (error) {
    // Bad arguments throw here, as in Node; a system error found before any native call (an fd this window
    // never opened: EBADF) is the callback's, asynchronously, as Node reports it. Throwing it instead left
    // callers nested in other callbacks waiting for a callback that never came.
    if (!isSystemError(error)) throw error
    void Promise.resolve().then(() => callUser(call, [error]))
    return
  }
  drive(op, first).then((value) => callUser(call, [null, ...map(value)]), (error: unknown) => callUser(call, [error]))
}

function isSystemError (error: unknown): boolean {
  const e = error as { code?: unknown, errno?: unknown }
  return typeof e?.errno === 'number' && typeof e.code === 'string' && /^E[A-Z0-9]+$/.test(e.code)
}

/**
 * Calls a user callback outside the promise chain: an exception it throws is reported as uncaught (the
 * window's 'error' event, as Node's uncaughtException), not turned into a rejection nobody awaits. A test
 * whose assertion throws inside an fs callback then fails at once instead of waiting forever.
 */
function callUser (callback: (...args: unknown[]) => void, args: unknown[]): void {
  try {
    callback(...args)
  } catch (error) {
    if (typeof globalThis.reportError === 'function') globalThis.reportError(error)
    else setTimeout(() => { throw error })
  }
}
