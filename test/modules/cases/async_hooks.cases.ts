// Observations of async_hooks: the same file runs against node:async_hooks and socket:async_hooks. The
// synchronous API; how far the store travels through promises, timers and events is async-context.cases.ts.
import type * as NodeAsyncHooks from 'node:async_hooks'
import { Observer, type Observations } from '../harness/observe.ts'

export async function observeAsyncHooks (hooks: typeof NodeAsyncHooks): Promise<Observations> {
  const o = new Observer()
  const { AsyncLocalStorage, AsyncResource } = hooks
  o.see('exports', () => ['AsyncLocalStorage', 'AsyncResource', 'createHook', 'executionAsyncId', 'triggerAsyncId', 'executionAsyncResource']
    .map((name) => typeof (hooks as Record<string, unknown>)[name]))
  o.see('run/getStore', () => {
    const als = new AsyncLocalStorage<{ id: number }>()
    const outside = als.getStore()
    const inside = als.run({ id: 1 }, (a: number, b: number) => [als.getStore(), a + b], 2, 3)
    return [outside, inside, als.getStore()]
  })
  o.see('nested run and exit', () => {
    const als = new AsyncLocalStorage<string>()
    return als.run('outer', () => [als.getStore(), als.run('inner', () => als.getStore()), als.exit(() => als.getStore()), als.getStore()])
  })
  o.see('two storages are independent', () => {
    const a = new AsyncLocalStorage<string>()
    const b = new AsyncLocalStorage<string>()
    return a.run('A', () => b.run('B', () => [a.getStore(), b.getStore()]))
  })
  o.see('run restores after a throw', () => {
    const als = new AsyncLocalStorage<string>()
    try { als.run('x', () => { throw new Error('boom') }) } catch {}
    return als.getStore()
  })
  o.see('AsyncLocalStorage.bind', () => {
    const als = new AsyncLocalStorage<string>()
    const bound = als.run('captured', () => AsyncLocalStorage.bind(() => als.getStore()))
    return [bound(), als.run('other', () => bound())]
  })
  o.see('AsyncLocalStorage.snapshot', () => {
    const als = new AsyncLocalStorage<string>()
    const snap = als.run('snap', () => AsyncLocalStorage.snapshot())
    return als.run('now', () => [als.getStore(), snap(() => als.getStore())])
  })
  o.see('disable', () => {
    const als = new AsyncLocalStorage<string>()
    return als.run('x', () => { als.disable(); return als.getStore() })
  })
  o.see('AsyncResource bind and runInAsyncScope', () => {
    const als = new AsyncLocalStorage<string>()
    const resource = als.run('res', () => new AsyncResource('TEST'))
    const bound = (resource.bind as (fn: (this: unknown, x: number) => unknown, thisArg: unknown) => (x: number) => unknown)(function (this: unknown, x: number) { return [als.getStore(), x, this] }, 'self')
    const ids = resource.runInAsyncScope(() => hooks.executionAsyncId() === resource.asyncId())
    return [bound(5), resource.runInAsyncScope((y: number) => [als.getStore(), y], null, 7), ids, typeof resource.triggerAsyncId(),
      resource.asyncId() > 0, (bound as unknown as { asyncResource: unknown }).asyncResource === resource, bound.length]
  })
  o.see('AsyncResource.bind static', () => {
    const als = new AsyncLocalStorage<string>()
    const fn = als.run('static', () => AsyncResource.bind((a: number) => [als.getStore(), a]))
    return fn(1)
  })
  o.see('AsyncResource type check', () => new AsyncResource(42 as unknown as string))
  o.see('bind non-function', () => new AsyncResource('X').bind(1 as unknown as () => void))
  o.see('createHook with a bad callback', () => hooks.createHook({ init: 1 as unknown as () => void }))
  // destroy is reported later, not inside emitDestroy (Node queues it); a short wait lets it arrive.
  await o.seeAsync('createHook hears an AsyncResource', async () => {
    const events: string[] = []
    let observed = -1
    const mine = (id: number, event: string): void => { if (id === observed) events.push(event) }
    const hook = hooks.createHook({
      init: (id, type) => { if (type === 'OBSERVED') { observed = id; events.push('init') } },
      before: (id) => { mine(id, 'before') },
      after: (id) => { mine(id, 'after') },
      destroy: (id) => { mine(id, 'destroy') }
    }).enable()
    const r = new AsyncResource('OBSERVED')
    r.runInAsyncScope(() => {})
    r.emitDestroy()
    const sync = events.length
    await new Promise((resolve) => setTimeout(resolve, 20))
    hook.disable()
    events.push(`sync:${sync}`)
    return events
  })
  return o.results
}
