// socket:async_hooks' context propagation in Node, against Node's real AsyncLocalStorage: the same case file
// (cases/async-context.cases.ts) on both. Ours runs second: it wraps this process's Promise.prototype.then
// and timers when first used, which Node's own implementation does not notice.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as nodeHooks from 'node:async_hooks'
import { EventEmitter as NodeEventEmitter, EventEmitterAsyncResource as NodeEventEmitterAsyncResource } from 'node:events'
import { awaitInNode, observeAsyncContext, observeAwait } from './cases/async-context.cases.ts'
import { assertSameObservations } from './harness/compare.ts'

test('socket:async_hooks carries the store as node:async_hooks does (in Node)', async () => {
  const expected = await observeAsyncContext({ hooks: nodeHooks, setImmediate, nextTick: process.nextTick, EventEmitter: NodeEventEmitter, EventEmitterAsyncResource: NodeEventEmitterAsyncResource })
  const hooks = await import('../../runtime-js/modules/async_hooks.ts')
  const timers = await import('../../runtime-js/modules/timers.ts')
  const { nextTick } = await import('../../runtime-js/modules/process.ts')
  const { EventEmitter, EventEmitterAsyncResource } = await import('../../runtime-js/modules/events.ts')
  const actual = await observeAsyncContext({ hooks: hooks as never, setImmediate: timers.setImmediate, nextTick, EventEmitter: EventEmitter as never, EventEmitterAsyncResource: EventEmitterAsyncResource as never })
  assertSameObservations(expected, actual, 'async_hooks')
})

test('after a native await: Node keeps the store, socket:async_hooks has none (stated difference)', async () => {
  const node = await observeAwait({ hooks: nodeHooks })
  assert.deepEqual(node, awaitInNode)
  const ours = await observeAwait({ hooks: await import('../../runtime-js/modules/async_hooks.ts') as never })
  assert.deepEqual(ours, Object.fromEntries(Object.keys(awaitInNode).map((k) => [k, { undefined: true }])))
})
