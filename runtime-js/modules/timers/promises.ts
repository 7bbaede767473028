// socket:timers/promises — Node's promise timers (setTimeout, setImmediate, setInterval) with AbortSignal.
import { setImmediate as immediate, clearImmediate } from '../../internal/immediate.ts'

function abortError (signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), { name: 'AbortError', code: 'ABORT_ERR' })
}

interface TimerOptions { signal?: AbortSignal, ref?: boolean }

function cancellable<T> (options: TimerOptions | undefined, start: (done: () => void) => () => void, value: T): Promise<T> {
  const signal = options?.signal
  if (signal?.aborted === true) return Promise.reject(abortError(signal))
  return new Promise((resolve, reject) => {
    const onAbort = (): void => { cancel(); reject(abortError(signal as AbortSignal)) }
    const cancel = start(() => { signal?.removeEventListener('abort', onAbort); resolve(value) })
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export function setTimeout<T = void> (delay?: number, value?: T, options?: TimerOptions): Promise<T> {
  return cancellable(options, (done) => {
    const id = globalThis.setTimeout(done, delay)
    return () => globalThis.clearTimeout(id)
  }, value as T)
}

export function setImmediate<T = void> (value?: T, options?: TimerOptions): Promise<T> {
  return cancellable(options, (done) => {
    const handle = immediate(done)
    return () => clearImmediate(handle)
  }, value as T)
}

/** An async iterator yielding `value` every `delay` ms until the loop breaks or the signal aborts. */
export async function * setInterval<T = void> (delay?: number, value?: T, options?: TimerOptions): AsyncGenerator<T> {
  const signal = options?.signal
  if (signal?.aborted === true) throw abortError(signal)
  let pending = 0
  let wake: (() => void) | undefined
  const id = globalThis.setInterval(() => { pending++; wake?.() }, delay)
  const onAbort = (): void => wake?.()
  signal?.addEventListener('abort', onAbort)
  try {
    while (true) {
      if (pending === 0) await new Promise<void>((resolve) => { wake = resolve })
      wake = undefined
      if (isAborted(signal)) throw abortError(signal as AbortSignal)
      if (pending > 0) {
        pending--
        yield value as T
      }
    }
  } finally {
    globalThis.clearInterval(id)
    signal?.removeEventListener('abort', onAbort)
  }
}

/** Read through a call so TypeScript does not assume `aborted` is unchanged across the await above. */
function isAborted (signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true
}

export const scheduler = {
  wait: (delay: number, options?: TimerOptions) => setTimeout(delay, undefined, options),
  yield: () => setImmediate()
}

export default { setTimeout, setImmediate, setInterval, scheduler }
