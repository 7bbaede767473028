// The runtime's service workers cannot be used to answer other pages' requests or to run code from elsewhere:
// the container-only routes refuse every window but the hidden container (the app's own page included), a
// script or scope off the app's origin or outside its folder is refused, and a data: frame neither reaches
// the routes nor gets the worker's answers. The host survives every attempt.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from '../modules/harness/webview.ts'

const page = join(import.meta.dirname, 'service-worker.page.ts')
const WORKER = `self.addEventListener('fetch', (event) => {
  const path = new URL(event.request.url).pathname
  if (path === '/sw/hello') event.respondWith(new Response('worker secret'))
  if (path === '/sw/never') event.respondWith(new Promise(() => {}))
})`

test('service worker routes refuse hostile callers', { skip: webviewUnavailable() }, async (t) => {
  const run = await runInWebview(page, {
    timeoutMs: 120_000,
    config: { webview_service_worker_fetch_timeout: '2000', webview_navigator_policies_frames: 'data:' },
    files: { 'sw.js': WORKER }
  })
  const facts = run.result as Record<string, any>
  await t.test('the worker is running', () => assert.equal(facts.activated, 'activated'))
  await t.test('the app page cannot answer a pending fetch or drive the lifecycle', () => {
    for (const id of [1, 2, 3]) assert.equal(facts[`page answers fetch ${id}`].threw.name, 'NotAllowedError')
    assert.equal(facts['page calls attach'].threw.name, 'NotAllowedError')
    assert.equal(facts['page calls updateState'].threw.name, 'NotAllowedError')
    assert.equal(facts['still activated'], 'activated')
    assert.equal(facts['pending fetch'][0], 504, 'the pending fetch was not answered by the page: ' + JSON.stringify(facts['pending fetch']))
  })
  await t.test('scripts and scopes off the app origin or outside its folder are refused', () => {
    for (const label of ['foreign origin', 'https origin', 'file url', 'dot dot', 'encoded dot dot', 'protocol-relative', 'backslash']) {
      assert.equal(facts[`register ${label}`].threw?.name, 'NotAllowedError', `${label}: ${JSON.stringify(facts[`register ${label}`])}`)
    }
    assert.equal(facts['scope on another origin'].threw.name, 'NotAllowedError')
  })
  await t.test('a data: frame reaches neither the routes nor the worker', () => {
    const seen = facts['data: frame']
    // Refused with 403 and no CORS grant, so the frame sees a network error (TypeError) at most.
    for (const route of ['service_worker.register?', 'service_worker.respond?s']) assert.ok([403, 'TypeError'].includes(seen[route]), `${route}: ${seen[route]}`)
    assert.match(run.stderr, /refused ipc:\/\/ from null/)
    assert.ok(typeof seen.hello === 'string' || seen.hello[1] !== 'worker secret', JSON.stringify(seen.hello))
  })
  await t.test('the container page is served only to the container window', () => assert.equal(facts['container page in an app iframe'], 404))
  await t.test('the worker still answers the app', () => assert.deepEqual(facts['worker still answers the app'], [200, 'worker secret']))
  await t.test('the refusals are logged', () => assert.match(run.stderr, /refused service_worker\.respond/))
})
