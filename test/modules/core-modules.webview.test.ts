// The original's core modules in a real WebKitGTK window (hooks, diagnostics, signal, ipc, gc, errno/errors),
// socket:test's platform filters and timeouts in test mode, and the host's --test-timeout for a page that
// never finishes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

const skip = webviewUnavailable()
const page = (name: string): string => join(import.meta.dirname, 'webview', name)

test('core modules in the webview', { skip }, async () => {
  const { result, stderr } = await runInWebview(page('core-modules.page.ts'), { timeoutMs: 60_000 })
  const r = result as Record<string, any>
  assert.deepEqual(r['hooks init/load/ready happen once, also for late listeners'], [['init', 'load', 'ready'], true, true])
  assert.deepEqual(r['hooks forward global events; the returned function removes the callback'],
    [['online', 'online'], ['data', { n: 1 }], ['error', 'page error']])
  assert.deepEqual(r['hooks reject an unknown hook'], { threw: { name: 'TypeError' } })
  assert.deepEqual(r['diagnostics.window counts fetches and XHRs while enabled, and unwraps when disabled'],
    [1, 1, [['/index.html?diagnostics', 200], ['/index.html?xhr', 200]], 'number', true, 1])
  assert.deepEqual(r['diagnostics.runtime.query reads the host'], [true, true, [0]])
  assert.deepEqual(r['signal listeners hear the socket.runtime.signal channel'], [10, 'SIGUSR1'])
  assert.deepEqual(r['ipc Headers.from, parseSeq, resolve'], ['text/plain', '1', { b: '2' }, 12, true, [{ ok: true }], 'linux'])
  assert.deepEqual(r['errno and errors load in the window'], [2, 'Permission denied', 'EACCES', 8])
  assert.deepEqual(r['gc finalize and release in the window'], [['a', 'b'], 0])
  assert.deepEqual(r['path.Path resolves against the app folder'], [true, 'y'])
  assert.equal(r['crypto.murmur3'], 0xba6bd213)
  assert.deepEqual(r['application/client describes this window'], [true, 'window', 'top-level', 0, true, 'string', 16, 'org.socket.modules.test'])
  assert.deepEqual(r['require() knows async_hooks, and socket:async, socket:errno, socket:gc'], ['function', 'function', 2, 'function', 'function'])
  // WebKit's rejection does not name the module; the host prints which one it could not find.
  assert.equal((r['dynamic import of an unknown socket: module rejects'] as { threw?: unknown }).threw !== undefined, true)
  assert.match(stderr, /socket:definitely-not-a-module: no such module/)
})

test('socket:test in test mode: platform filters skip with a reason, a hanging test times out, the run ends with status 1', { skip }, async () => {
  const run = await runInWebview(page('socket-test.page.ts'), { waitForExit: true, timeoutMs: 60_000 })
  const lines = run.stdout.split('\n')
  assert.equal(run.exitCode, 1, run.stdout + run.stderr)
  for (const line of ['ok 1 linux ran', 'ok 2 desktop ran', '# SKIP mac only (macosx only)', '# SKIP mobile only (mobile only)',
    '# SKIP windows only (win32 only)', 'not ok 3 TimeoutError: test "never ends" did not end within 300 ms',
    'ok 4 fast-deep-equal', 'ok 5 dom-helpers waitForText', 'ok 6 dom-helpers elementVisible', 'ok 7 dom-helpers elementInvisible',
    '1..7', '# pass  6', '# fail  1']) {
    assert.ok(lines.includes(line), `missing "${line}" in:\n${run.stdout}\n${run.stderr}`)
  }
})

test('a test page that never finishes is ended by --test-timeout with status 124 and a message', { skip }, async () => {
  const started = Date.now()
  const run = await runInWebview(page('hang.page.ts'), { waitForExit: true, argv: ['--test-timeout=3000'], timeoutMs: 60_000 })
  assert.equal(run.exitCode, 124, run.stdout + run.stderr)
  assert.match(run.stdout, /hang page started/)
  assert.match(run.stderr, /the test \(--test=page\.js\) did not finish within 3000 ms \(--test-timeout\); exiting with status 124/)
  assert.ok(Date.now() - started >= 3000)
})

test('a deep link on the command line reaches socket:hooks onApplicationURL after load', { skip }, async () => {
  const run = await runInWebview(page('deeplink.page.ts'), {
    argv: ['org-socket-modules-test:open/item?id=7', 'other:ignored'],
    timeoutMs: 60_000,
    files: {
      'index.html': '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="listen.js"></script></head><body>deep link</body></html>\n',
      'listen.js': "import { onApplicationURL } from 'socket:hooks'\nglobalThis.__links = []\n" +
        'onApplicationURL((event) => globalThis.__links.push([event.type, event.detail.url, event.sourceEvent.url.protocol]))\n'
    }
  })
  assert.deepEqual(run.result, [['applicationurl', 'org-socket-modules-test:open/item?id=7', 'org-socket-modules-test:']])
})
