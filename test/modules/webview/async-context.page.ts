// Runs in the webview: the async-context case file on socket:async_hooks, what happens after a native
// `await`, listeners for events the webview itself dispatches (MessagePort messages), and the cost of the
// wrappers per promise reaction, before and after the first AsyncLocalStorage.run installs them.
import { observeAsyncContext, observeAwait } from '../cases/async-context.cases.ts'
import { Observer } from '../harness/observe.ts'

const hooks = await import('socket:async_hooks' as string)
const timers = await import('socket:timers' as string)
const { nextTick } = await import('socket:process' as string)
const { EventEmitter, EventEmitterAsyncResource } = await import('socket:events' as string)

/** Microseconds per `then` reaction over a chain of `n` (the mean of `runs` chains and their spread). */
async function thenCost (n: number, runs: number): Promise<{ meanUs: number, sdUs: number }> {
  const samples: number[] = []
  for (let r = 0; r < runs; r++) {
    const start = performance.now()
    let p: Promise<number> = Promise.resolve(0)
    for (let i = 0; i < n; i++) p = p.then((v) => v + 1)
    await p
    samples.push((performance.now() - start) * 1000 / n)
  }
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length
  const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length)
  return { meanUs: Number(mean.toFixed(3)), sdUs: Number(sd.toFixed(3)) }
}

await thenCost(20_000, 3) // warms the JIT, so "before" is not the cold run
const before = await thenCost(20_000, 10)
const thenWasNative = String(Promise.prototype.then).includes('[native code]')

const results: Record<string, unknown> = {}
results.context = await observeAsyncContext({ hooks, setImmediate: timers.setImmediate, nextTick, EventEmitter, EventEmitterAsyncResource })
results.await = await observeAwait({ hooks })

const o = new Observer()
const als = new hooks.AsyncLocalStorage()
const get = (): unknown => als.getStore()
await o.seeAsync('a MessagePort listener added inside run hears messages in its context', async () => {
  const channel = new MessageChannel()
  const seen: unknown[] = []
  const listener = (event: MessageEvent): void => { seen.push([event.data, get()]) }
  als.run('port', () => channel.port1.addEventListener('message', listener))
  channel.port1.start()
  channel.port2.postMessage(1)
  await new Promise((resolve) => setTimeout(resolve, 50))
  channel.port1.removeEventListener('message', listener)
  channel.port2.postMessage(2)
  await new Promise((resolve) => setTimeout(resolve, 50))
  channel.port1.close()
  return seen
})
await o.seeAsync('once and handleEvent listeners', async () => {
  const channel = new MessageChannel()
  const seen: unknown[] = []
  als.run('once', () => channel.port1.addEventListener('message', () => seen.push(['once', get()]), { once: true }))
  als.run('object', () => channel.port1.addEventListener('message', { handleEvent (this: unknown) { seen.push(['object', get(), typeof this]) } }))
  channel.port1.addEventListener('message', () => seen.push(['outside', get()]))
  channel.port1.start()
  channel.port2.postMessage(1)
  channel.port2.postMessage(2)
  await new Promise((resolve) => setTimeout(resolve, 50))
  channel.port1.close()
  return seen
})
const { AsyncContext } = await import('socket:async' as string)
await o.seeAsync('AsyncContext.Variable travels through a timer and a then callback', async () => {
  const variable = new AsyncContext.Variable({ name: 'v', defaultValue: 'default' })
  const viaTimer = await new Promise((resolve) => variable.run('timer', () => setTimeout(() => resolve(variable.get()), 1)))
  const viaThen = await variable.run('then', () => Promise.resolve().then(() => variable.get()))
  return [viaTimer, viaThen, variable.get()]
})
results.events = o.results
results.thenWasNativeBeforeFirstRun = thenWasNative
results.thenCost = { before, after: await als.run('bench', async () => await thenCost(20_000, 10)) }
console.log('%s', '__RESULT__ ' + JSON.stringify(results))
