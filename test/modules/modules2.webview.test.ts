// The browser-side modules of the original's surface in a real WebKitGTK window: socket:vm and socket:http
// against node:vm and node:http (an echo server on 127.0.0.1), and what worker_threads, i18n, language,
// location, navigation, window/hotkey and the NotSupportedError modules do.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import * as nodeHttp from 'node:http'
import * as nodeVm from 'node:vm'
import { join } from 'node:path'
import { observeVm } from './cases/vm.cases.ts'
import { echoHandler, observeHttp } from './cases/http.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

const files = {
  'worker.js': [
    "import { parentPort, workerData, isMainThread, getEnvironmentData } from 'socket:worker_threads'",
    "parentPort.postMessage({ workerData, isMainThread, environment: getEnvironmentData('greeting') })",
    'parentPort.on(\'message\', (value) => parentPort.postMessage(value * 2))'
  ].join('\n'),
  'locales/en/messages.json': JSON.stringify({
    hello: { message: 'Hello, $1!', description: 'A greeting' },
    named: { message: 'You have $count$ new messages', placeholders: { count: { content: '$1' } } },
    onlyEnglish: { message: 'English only' }
  }),
  'locales/fr/messages.json': JSON.stringify({ hello: { message: 'Bonjour, $1 !' } }),
  'i18n/deutsch.json': JSON.stringify({ hello: { message: 'Hallo, $1!' } })
}

async function listen (): Promise<[Server, number]> {
  const server = createServer(echoHandler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return [server, (server.address() as { port: number }).port]
}

test('socket:vm, http, worker_threads, i18n and the rest in a window', { skip: webviewUnavailable() }, async (t) => {
  const [server, port] = await listen()
  const [closed, closedPort] = await listen()
  await new Promise((resolve) => closed.close(resolve))
  try {
    const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'modules2.page.ts'), {
      files,
      timeoutMs: 40_000,
      define: { PORT: String(port), CLOSED_PORT: String(closedPort) },
      config: { webview_allow_eval: 'true', i18n_locales_de: 'i18n/deutsch.json', 'webview_protocol-handlers_ipfs': '/ipfs-worker.js', filesystem_allow: '.' }
    })
    const run = result as Record<string, any>
    const facts = run.facts as Record<string, any>
    await t.test('socket:vm = node:vm', () => assertSameObservations(observeVm(nodeVm), run.vm, 'vm'))
    await t.test('socket:http = node:http (echo server on 127.0.0.1)', async () => assertSameObservations(await observeHttp(nodeHttp, port, closedPort), run.http, 'http'))
    await t.test('vm timeout is NotSupportedError', () => assert.equal(facts['vm timeout option'].threw.name, 'NotSupportedError'))
    await t.test('worker_threads', () => {
      assert.deepEqual(facts.isMainThread, [true, null, 0])
      assert.deepEqual(facts['worker round trip'], [{ workerData: { n: 20 }, isMainThread: false, environment: 'hi' }, 10, 1, 1, ['online'], 'number'])
      assert.equal(facts['worker eval'], 42)
      assert.deepEqual(facts['worker script missing'], ['error', true])
      assert.equal(facts.MessageChannel, 'function')
      assert.equal(run.workerModule, true)
      assert.equal(run.sharedWorker, 'function')
    })
    await t.test('i18n', () => {
      assert.deepEqual(facts['i18n messages'], ['Hello, Ada!', 'Bonjour, Ada !', 'You have 3 new messages', 'English only', 'Hallo, Ada!', '', 'A greeting', 'en'])
      assert.equal(facts['i18n missing locale'], null)
      assert.deepEqual(facts['i18n direction'], ['rtl', 'ltr'])
      assert.deepEqual(facts['i18n ui language'], ['string', true])
      assert.equal(facts['i18n bad name'].threw.name, 'TypeError')
    })
    await t.test('language', () => {
      assert.deepEqual(facts.language, [184, [{ code: 'en', name: 'English', tag: 'en-US' }], ['fr'], []])
    })
    await t.test('location', () => assert.deepEqual(facts.location, ['socket://org.socket.modules.test', 'socket:', '/']))
    await t.test('navigation', () => assert.deepEqual(facts.navigation, ['#two', { n: 3 }, true, 2, ['#two', '#two']]))
    await t.test('window/hotkey', () => {
      assert.deepEqual(facts['hotkey window binding'], ['ctrl + shift + k', true, ['binding', 'bindings:ctrl + shift + k'], 0])
      assert.equal(facts['hotkey bad expression'].threw.name, 'TypeError')
      assert.deepEqual(facts['hotkey global'], ['number', true])
    })
    await t.test('a missing service worker script and an unlisted extension are not found; a bad conduit id is a TypeError', () => {
      assert.equal(facts['service-worker register'].threw.name, 'NotFoundError')
      assert.deepEqual(facts['protocol-handlers'], [[['ipfs', '/ipfs-worker.js']], true])
      assert.equal(facts['conduit constructor'].threw.name, 'TypeError')
      assert.equal(facts['extension load'].threw.name, 'NotFoundError')
    })
    await t.test('unknown socket: module fails the import', () => assert.ok(facts['unknown socket: module'].threw !== undefined))
    await t.test('fetch', () => assert.deepEqual(facts['fetch module'], [200, 'function']))
    await t.test('bootstrap', () => {
      assert.equal(facts['bootstrap hash mismatch'].threw.code, 'ERR_HASH_MISMATCH')
      assert.deepEqual(facts['bootstrap ok'], ['boot.bin', true, '/b'])
    })
  } finally {
    server.close()
  }
})
