// Service workers run by the runtime (socket:service-worker, navigator.serviceWorker) in a real window: the
// host forwards the page's requests under an activated scope to the worker in its hidden container window.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

const page = join(import.meta.dirname, 'webview', 'service-worker.page.ts')

// The app's worker: generated text for /sw/hello, the request body back for /sw/echo, and each way to fail.
export const WORKER = `
const CONTROLLED = '<!doctype html><script type="module">' +
  'const registration = await navigator.serviceWorker.ready;' +
  'parent.postMessage({ controlled: [registration.scope, navigator.serviceWorker.controller?.scriptURL ?? null] }, "*")' +
  '</script>'
let count = 0
let lastMessage = 'none'
self.addEventListener('install', (event) => event.waitUntil(new Promise((resolve) => setTimeout(resolve, 10))))
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))
self.addEventListener('message', (event) => { lastMessage = JSON.stringify(event.data) })
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  const answer = (text) => event.respondWith(new Response(text, { headers: { 'x-worker': 'yes' } }))
  if (url.pathname === '/sw/hello') answer('hello from the worker, call ' + (++count) + url.search)
  else if (url.pathname === '/sw/echo') event.respondWith(event.request.text().then((body) => new Response(event.request.method + ' ' + body)))
  else if (url.pathname === '/sw/throw') throw new Error('the worker broke')
  else if (url.pathname === '/sw/reject') event.respondWith(Promise.reject(new TypeError('no answer today')))
  else if (url.pathname === '/sw/not-a-response') event.respondWith('just a string')
  else if (url.pathname === '/sw/never') event.respondWith(new Promise(() => {}))
  else if (url.pathname === '/sw/last-message') answer(lastMessage)
  else if (url.pathname === '/sw/controlled') event.respondWith(new Response(CONTROLLED, { headers: { 'content-type': 'text/html' } }))
  else if (url.pathname === '/sw/page') event.respondWith(new Response('<!doctype html><body>page from the worker</body>', { headers: { 'content-type': 'text/html' } }))
  else if (url.pathname === '/sw/cache') event.respondWith((async () => {
    const cache = await caches.open('v1')
    let local = 'stored'
    try { await cache.put('/sw/cached', new Response('local')) } catch (error) { local = error.name }
    await cache.put('https://example.com/cached', new Response('from the cache ' + local))
    return (await cache.match('https://example.com/cached')) ?? new Response('cache miss')
  })())
})
`

test('a service worker answers the page under its scope, and only while registered', { skip: webviewUnavailable() }, async (t) => {
  const run = await runInWebview(page, {
    timeoutMs: 120_000,
    config: { webview_service_worker_fetch_timeout: '1500' },
    files: { 'sw.js': WORKER, 'sw/file.txt': 'the file', 'outside.txt': 'outside' }
  })
  const facts = run.result as Record<string, any>
  await t.test('navigator.serviceWorker is the runtime container', () => assert.deepEqual(facts['navigator.serviceWorker is the runtime container'], [true, 'function']))
  // Without a worker, /sw/hello (no such file, no extension) is the app's index.html, as for single-page apps.
  await t.test('before registering, /sw/hello is the app\'s index', () => assert.match(facts['before registering'][1], /modules test/))
  await t.test('register activates the worker through every state', () => {
    assert.deepEqual(facts.register, ['socket://org.socket.modules.test/sw/', 'socket://org.socket.modules.test/sw.js', true])
    assert.deepEqual(facts.states, ['installing', 'installed', 'activating', 'activated'])
  })
  await t.test('the worker answers /sw/hello with generated text', () => {
    assert.deepEqual(facts.hello, [[200, 'hello from the worker, call 1', 'yes'], [200, 'hello from the worker, call 2?again', 'yes']])
  })
  await t.test('no respondWith serves the file; outside the scope the file too', () => {
    assert.deepEqual(facts['file under the scope'], [200, 'the file', null])
    assert.deepEqual(facts['file outside the scope'], [200, 'outside', null])
  })
  await t.test('a frame navigating under the scope shows the worker\'s page, with the app\'s CSP', () => {
    assert.deepEqual(facts['frame navigation'], ['page from the worker', true])
  })
  await t.test('a page under the scope: ready resolves and the worker is its controller', () => {
    assert.deepEqual(facts['controlled page'], ['socket://org.socket.modules.test/sw/', 'socket://org.socket.modules.test/sw.js'])
  })
  await t.test('a POST body reaches the worker', () => assert.deepEqual(facts['POST body reaches the worker'], [200, 'POST ping', null]))
  await t.test('a throwing worker, a rejected respondWith and a non-Response are 500 with the error', () => {
    assert.equal(facts['throwing worker'][0], 500)
    assert.match(facts['throwing worker'][1], /the worker broke/)
    assert.equal(facts['rejected respondWith'][0], 500)
    assert.match(facts['rejected respondWith'][1], /TypeError: no answer today/)
    assert.equal(facts['not a Response'][0], 500)
    assert.match(facts['not a Response'][1], /not a Response/)
  })
  await t.test('a worker that never answers is a 504 after the timeout', () => {
    assert.equal(facts['never answers'][0], 504)
    assert.match(facts['never answers'][1], /did not answer within 1500 ms/)
  })
  // WebKit's CacheStorage: http(s) requests only, so an app's own socket: URLs cannot be cached (docs/host.md).
  await t.test('caches (WebKit\'s CacheStorage) works in the worker for https: URLs only', () => assert.deepEqual(facts.caches, [200, 'from the cache TypeError', null]))
  await t.test('postMessage reaches the worker', () => assert.equal(facts['message to the worker'], '{"note":"hi worker"}'))
  await t.test('getRegistrations lists it', () => assert.deepEqual(facts.getRegistrations, [['socket://org.socket.modules.test/sw/', 'activated']]))
  await t.test('a foreign script is a SecurityError; a missing one NotFoundError', () => {
    assert.equal(facts['foreign script'].threw.name, 'SecurityError')
    assert.equal(facts['missing script'].threw.name, 'NotFoundError')
  })
  await t.test('unregister restores the files', () => {
    assert.deepEqual(facts.unregister, [true, 0])
    assert.match(facts['after unregistering'][0][1], /modules test/)
    assert.deepEqual(facts['after unregistering'][1], [200, 'the file', null])
  })
})

test('[webview.service-workers] registers at start; allow_service_worker = false refuses', { skip: webviewUnavailable() }, async (t) => {
  const page = join(import.meta.dirname, 'webview', 'service-worker-config.page.ts')
  const files = { 'cfg-sw.js': `self.onfetch = (event) => event.respondWith(new Response('configured worker for ' + new URL(event.request.url).pathname))` }
  const config = { 'webview_service-workers_/cfg/': '/cfg-sw.js' }
  const allowed = (await runInWebview(page, { timeoutMs: 120_000, config, files })).result as Record<string, any>
  await t.test('the configured worker answers its scope', () => {
    assert.deepEqual(allowed['configured worker'], [['socket://org.socket.modules.test/cfg/'], 'configured worker for /cfg/anything'])
    assert.equal(allowed.register, 'socket://org.socket.modules.test/other/')
    assert.equal(allowed['controller of a page outside every scope'], null)
  })
  const denied = (await runInWebview(page, { timeoutMs: 120_000, config: { ...config, permissions_allow_service_worker: 'false' }, files })).result as Record<string, any>
  await t.test('allow_service_worker = false: nothing registered, register() is NotAllowedError', () => {
    assert.equal(denied['configured worker'].threw?.name ?? denied['configured worker'], 'NotAllowedError')
    assert.equal(denied.register.threw.name, 'NotAllowedError')
  })
})
