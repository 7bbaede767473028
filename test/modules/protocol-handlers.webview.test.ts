// Protocol handlers in a real window: custom schemes from socket.ini registered with WebKit at start, their
// requests answered by the app's service workers (fetch and a module import), registered at run time for a
// listed scheme, refused for an unlisted or reserved one, and 404 once unregistered.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

const page = join(import.meta.dirname, 'webview', 'protocol-handlers.page.ts')
const DEMO = `self.addEventListener('fetch', (event) => {
  if (event.request.url.startsWith('web+demo:greeting')) event.respondWith(new Response('demo handler answered ' + event.request.url))
})`
const NPM = `self.addEventListener('fetch', (event) => {
  const name = event.request.url.slice('npm:'.length)
  if (name === 'greeter.js') event.respondWith(new Response('export const greet = (who) => "hello " + who', { headers: { 'content-type': 'text/javascript' } }))
  else event.respondWith(new Response(JSON.stringify({ package: name }), { headers: { 'content-type': 'application/json' } }))
})`

test('protocol handlers are answered by service workers', { skip: webviewUnavailable() }, async (t) => {
  const run = await runInWebview(page, {
    timeoutMs: 120_000,
    config: { 'webview_protocol-handlers': 'npm', 'webview_protocol-handlers_web+demo': '/demo-handler.js' },
    files: { 'demo-handler.js': DEMO, 'npm-handler.js': NPM }
  })
  const facts = run.result as Record<string, any>
  await t.test('a configured scheme is answered by its worker, even before it is activated', () => {
    assert.deepEqual(facts['configured scheme, first request'], [200, 'demo handler answered web+demo:greeting?x=1'])
  })
  await t.test('no respondWith is a 404', () => assert.equal(facts['configured scheme, no respondWith'][0], 404))
  await t.test('getHandlers lists socket.ini', () => assert.deepEqual(facts.getHandlers, [['npm', ''], ['web+demo', '/demo-handler.js']]))
  await t.test('a listed scheme without a worker is a 404', () => assert.equal(facts['listed scheme before a worker'][0], 404))
  await t.test('registerProtocolHandler gives it one: fetch and import', () => {
    assert.equal(facts.registerProtocolHandler, 'npm:')
    assert.deepEqual(facts['listed scheme with its worker'], [200, '{"package":"left-pad"}'])
    assert.equal(facts['import from the scheme'], 'hello Ada')
  })
  await t.test('an unlisted scheme is NotSupportedError; a reserved one too', () => {
    assert.equal(facts['unlisted scheme'].threw.name, 'NotSupportedError')
    assert.equal(facts['reserved scheme'].threw.name, 'NotSupportedError')
  })
  await t.test('unregisterProtocolHandler: 404 again', () => assert.deepEqual([facts.unregisterProtocolHandler[0], facts.unregisterProtocolHandler[1][0]], [true, 404]))
})
