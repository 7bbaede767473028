// Bounds a wait in a case file: the value, or 'timed out' after `ms`, so code that never settles (a callback
// never called, a stream never closing) fails its case instead of stalling the whole run.
export function within<T> (promise: Promise<T>, ms = 10_000): Promise<T | 'timed out'> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timed out'>((resolve) => { timer = setTimeout(() => resolve('timed out'), ms) })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
