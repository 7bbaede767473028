// Observations of timers/promises: the same file runs against node:timers/promises and
// socket:timers/promises. Values, order, AbortSignal handling (before and during the wait) and the
// AbortError's shape; no timing is observed.
import type * as NodeTimersPromises from 'node:timers/promises'
import { Observer, errorShape, type Observations } from '../harness/observe.ts'

const settle = async (promise: Promise<unknown>): Promise<unknown> => await promise.then((value) => ['value', value], (error) => ['error', errorShape(error), (error as Error).message, String((error as { cause?: unknown }).cause)])

export async function observeTimersPromises (timers: typeof NodeTimersPromises): Promise<Observations> {
  const o = new Observer()
  o.see('exports', () => ['setTimeout', 'setImmediate', 'setInterval'].map((name) => typeof (timers as Record<string, unknown>)[name]))
  await o.seeAsync('setTimeout resolves with the value', async () => await timers.setTimeout(1, 'later'))
  await o.seeAsync('setImmediate resolves with the value', async () => await timers.setImmediate('soon'))
  await o.seeAsync('setTimeout without a value', async () => await timers.setTimeout(1))
  await o.seeAsync('setImmediate before setTimeout(5)', async () => {
    const order: string[] = []
    await Promise.all([timers.setTimeout(5).then(() => order.push('timeout')), timers.setImmediate().then(() => order.push('immediate'))])
    return order
  })
  await o.seeAsync('an already aborted signal rejects', async () => await settle(timers.setTimeout(1, 'x', { signal: AbortSignal.abort('why') })))
  await o.seeAsync('aborting during the wait rejects', async () => {
    const controller = new AbortController()
    const pending = settle(timers.setTimeout(10_000, 'x', { signal: controller.signal }))
    controller.abort('stop')
    return await pending
  })
  await o.seeAsync('setImmediate aborted', async () => {
    const controller = new AbortController()
    const pending = settle(timers.setImmediate('x', { signal: controller.signal }))
    controller.abort('halt') // a reason of our own: the default one's message is the engine's
    return await pending
  })
  await o.seeAsync('setInterval yields until the loop breaks', async () => {
    const seen: unknown[] = []
    for await (const value of timers.setInterval(1, 'tick')) {
      seen.push(value)
      if (seen.length === 3) break
    }
    return seen
  })
  await o.seeAsync('setInterval aborted', async () => {
    const controller = new AbortController()
    const seen: unknown[] = []
    try {
      for await (const value of timers.setInterval(1, 'tick', { signal: controller.signal })) {
        seen.push(value)
        controller.abort()
      }
    } catch (error) {
      seen.push(errorShape(error))
    }
    return seen
  })
  return o.results
}
