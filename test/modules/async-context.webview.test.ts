// socket:async_hooks in a real WebKitGTK window against Node's real AsyncLocalStorage: the same case file
// runs in both and must agree; after a native `await` the webview has no store (stated, as the docs say);
// listeners added inside run() hear the webview's own events in that context.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import * as nodeHooks from 'node:async_hooks'
import { EventEmitter, EventEmitterAsyncResource } from 'node:events'
import { awaitInNode, observeAsyncContext } from './cases/async-context.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

test('AsyncLocalStorage in the webview carries the store as Node does, except after a native await', { skip: webviewUnavailable() }, async () => {
  const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'async-context.page.ts'), { timeoutMs: 90_000 })
  const r = result as Record<string, any>
  const expected = await observeAsyncContext({ hooks: nodeHooks, setImmediate, nextTick: process.nextTick, EventEmitter, EventEmitterAsyncResource })
  assertSameObservations(expected, r.context, 'async_hooks (webview)')
  assert.deepEqual(r.await, Object.fromEntries(Object.keys(awaitInNode).map((k) => [k, { undefined: true }])))
  assert.deepEqual(r.events['a MessagePort listener added inside run hears messages in its context'], [[1, 'port']])
  assert.deepEqual(r.events['once and handleEvent listeners'],
    [['once', 'once'], ['object', 'object', 'object'], ['outside', { undefined: true }], ['object', 'object', 'object'], ['outside', { undefined: true }]])
  assert.deepEqual(r.events['AsyncContext.Variable travels through a timer and a then callback'], ['timer', 'then', 'default'])
  // Nothing is wrapped until the page first enters a context.
  assert.equal(r.thenWasNativeBeforeFirstRun, true)
  console.log(`then() reaction cost in the webview, 20000-long chains x10: before ${JSON.stringify(r.thenCost.before)}, after ${JSON.stringify(r.thenCost.after)}`)
})
