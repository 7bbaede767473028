// How far AsyncLocalStorage's store travels: the same code runs on Node's real async_hooks and on
// socket:async_hooks (in Node and in a WebKitGTK window). `observeAsyncContext` must give the same
// observations everywhere; `observeAwait` is where they differ (JavaScriptCore resumes a native `await`
// without anything a script can wrap, so the code after it runs in the empty context): the tests state both.
import type * as NodeAsyncHooks from 'node:async_hooks'
import type { EventEmitter as NodeEventEmitter, EventEmitterAsyncResource as NodeEventEmitterAsyncResource } from 'node:events'
import { Observer, type Observations } from '../harness/observe.ts'

export interface AsyncContextModules {
  hooks: typeof NodeAsyncHooks
  setImmediate: (fn: () => void) => unknown
  nextTick: (fn: () => void) => void
  EventEmitter: typeof NodeEventEmitter
  EventEmitterAsyncResource: typeof NodeEventEmitterAsyncResource
}

const later = async <T>(schedule: (done: (value: T) => void) => void): Promise<T> => await new Promise<T>((resolve) => schedule(resolve))

export async function observeAsyncContext ({ hooks, setImmediate, nextTick, EventEmitter, EventEmitterAsyncResource }: AsyncContextModules): Promise<Observations> {
  const o = new Observer()
  const { AsyncLocalStorage, AsyncResource } = hooks
  const als = new AsyncLocalStorage<string>()
  const get = (): string | undefined => als.getStore()
  await o.seeAsync('then callback', async () => await als.run('then', () => Promise.resolve().then(get)))
  await o.seeAsync('catch callback', async () => await als.run('catch', () => Promise.reject(new Error('x')).catch(get)))
  await o.seeAsync('finally callback', async () => {
    let seen: unknown
    await als.run('finally', () => Promise.resolve().finally(() => { seen = get() }))
    return seen
  })
  await o.seeAsync('a chain built inside run', async () =>
    await als.run('chain', () => Promise.resolve(1).then((v) => v + 1).then((v) => [v, get()])))
  await o.seeAsync('then called in another run than the promise was made in', async () => {
    const made = als.run('maker', () => Promise.resolve())
    return await als.run('caller', () => made.then(get))
  })
  await o.seeAsync('then called outside any run', async () => {
    const made = als.run('maker', () => Promise.resolve())
    return await made.then(get)
  })
  await o.seeAsync('a pending promise resolved outside run', async () => {
    let resolve!: () => void
    const pending = new Promise<void>((r) => { resolve = r })
    const seen = als.run('waiting', () => pending.then(get))
    resolve()
    return await seen
  })
  await o.seeAsync('setTimeout', async () => await later((done) => als.run('timeout', () => setTimeout(() => done(get()), 1))))
  await o.seeAsync('setTimeout with arguments', async () =>
    await later((done) => als.run('timeout-args', () => setTimeout((a: number, b: number) => done([get(), a + b]), 1, 2, 3))))
  await o.seeAsync('setInterval', async () => await later((done) => als.run('interval', () => {
    const id = setInterval(() => { clearInterval(id); done(get()) }, 1)
  })))
  await o.seeAsync('clearTimeout still cancels', async () => await later((done) => {
    let fired = false
    als.run('cancelled', () => clearTimeout(setTimeout(() => { fired = true }, 1)))
    setTimeout(() => done(fired), 20)
  }))
  await o.seeAsync('queueMicrotask', async () => await later((done) => als.run('microtask', () => queueMicrotask(() => done(get())))))
  await o.seeAsync('setImmediate', async () => await later((done) => als.run('immediate', () => setImmediate(() => done(get())))))
  await o.seeAsync('process.nextTick', async () => await later((done) => als.run('tick', () => nextTick(() => done(get())))))
  await o.seeAsync('nested runs across timers', async () => await later((done) => als.run('outer', () => {
    setTimeout(() => {
      const before = get()
      als.run('inner', () => setTimeout(() => done([before, get()]), 1))
    }, 1)
  })))
  await o.seeAsync('after run returns, the scheduling code is outside again', async () => {
    als.run('gone', () => {})
    return await later((done) => setTimeout(() => done(get()), 1))
  })
  await o.seeAsync('enterWith inside a timer stays in that callback', async () => {
    await later((done) => setTimeout(() => { als.enterWith('entered'); done(undefined) }, 1))
    return await later((done) => setTimeout(() => done(get()), 1))
  })
  await o.seeAsync('exit inside a then callback', async () =>
    await als.run('exit', () => Promise.resolve().then(() => [als.exit(get), get()])))
  await o.seeAsync('two storages travel together', async () => {
    const other = new AsyncLocalStorage<number>()
    return await als.run('a', () => other.run(2, () => later((done) => setTimeout(() => done([get(), other.getStore()]), 1))))
  })
  await o.seeAsync('EventEmitter: a listener runs in the emitter\'s context', async () => {
    const emitter = new EventEmitter()
    const seen: unknown[] = []
    als.run('added', () => emitter.on('x', () => seen.push(get())))
    emitter.emit('x')
    als.run('emitted', () => emitter.emit('x'))
    return seen
  })
  await o.seeAsync('EventEmitterAsyncResource: listeners run where the emitter was made', async () => {
    const emitter = als.run('made', () => new EventEmitterAsyncResource({ name: 'Thing' }))
    const seen: unknown[] = []
    emitter.on('x', () => seen.push(get()))
    emitter.emit('x')
    als.run('emitted', () => emitter.emit('x'))
    const named = new EventEmitterAsyncResource('Named' as never)
    return [seen, emitter.asyncResource.eventEmitter === emitter, emitter.asyncId === emitter.asyncResource.asyncId(),
      typeof emitter.triggerAsyncId, named.asyncId !== emitter.asyncId, emitter instanceof EventEmitter]
  })
  await o.seeAsync('EventTarget: a script\'s dispatchEvent keeps the dispatcher\'s context', async () => {
    const target = new EventTarget()
    const seen: unknown[] = []
    const listener = (): void => { seen.push(get()) }
    als.run('added', () => target.addEventListener('x', listener))
    target.dispatchEvent(new Event('x'))
    als.run('dispatched', () => target.dispatchEvent(new Event('x')))
    target.removeEventListener('x', listener)
    target.dispatchEvent(new Event('x'))
    return seen
  })
  await o.seeAsync('AsyncResource.bind carries its context through a timer', async () => {
    const bound = als.run('resource', () => AsyncResource.bind(() => get()))
    return await later((done) => als.run('timer', () => setTimeout(() => done([bound(), get()]), 1)))
  })
  await o.seeAsync('a snapshot taken before an await restores the store after it', async () =>
    await als.run('snapshot', async () => {
      const restore = AsyncLocalStorage.snapshot()
      await new Promise((resolve) => setTimeout(resolve, 1))
      return restore(get)
    }))
  await o.seeAsync('getStore before the first await', async () =>
    await als.run('sync-part', async () => { const seen = get(); await null; return seen }))
  return o.results
}

/** What Node's real AsyncLocalStorage gives in `observeAwait` (socket:async_hooks: undefined for each). */
export const awaitInNode = {
  'after await of a resolved promise': 'await',
  'after await of a timer': 'await-timer',
  'after await of a plain value': 'await-value',
  'after await of a thenable': 'await-thenable',
  'after await of a Promise subclass': 'await-subclass',
  'a timer scheduled after an await': 'await-then-timer'
}

/** The continuation after a native `await`: Node keeps the store, JavaScriptCore (and V8 without hooks) cannot. */
export async function observeAwait ({ hooks }: Pick<AsyncContextModules, 'hooks'>): Promise<Observations> {
  const o = new Observer()
  const als = new hooks.AsyncLocalStorage<string>()
  const get = (): string | undefined => als.getStore()
  await o.seeAsync('after await of a resolved promise', async () => await als.run('await', async () => { await Promise.resolve(); return get() }))
  await o.seeAsync('after await of a timer', async () =>
    await als.run('await-timer', async () => { await new Promise((resolve) => setTimeout(resolve, 1)); return get() }))
  await o.seeAsync('after await of a plain value', async () => await als.run('await-value', async () => { await 1; return get() }))
  await o.seeAsync('after await of a thenable', async () =>
    await als.run('await-thenable', async () => { await { then: (resolve: (v: number) => void) => resolve(1) }; return get() }))
  // A subclass is awaited through its (wrapped) `then`, yet the engine still resumes from a job of its own.
  class Subclass<T> extends Promise<T> {}
  await o.seeAsync('after await of a Promise subclass', async () =>
    await als.run('await-subclass', async () => { await new Subclass((resolve) => setTimeout(resolve, 1)); return get() }))
  await o.seeAsync('a timer scheduled after an await', async () => await als.run('await-then-timer', async () => {
    await null
    return await new Promise((resolve) => setTimeout(() => resolve(get()), 1))
  }))
  return o.results
}
