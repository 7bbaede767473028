// The original's exports that were missing, and the modules no other test imported, in a real window
// (webview/gaps.page.ts).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { lookup } from 'node:dns/promises'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

test('missing exports of the original, in the webview', { skip: webviewUnavailable() }, async () => {
  const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'gaps.page.ts'), { timeoutMs: 90_000 })
  const r = result as Record<string, any>
  assert.deepEqual(r['application/menu: the container and its menus'], [true, true, true, true, true, 'system', 'tray', 'context', null])
  assert.equal(r['application/menu: setting the system menu goes to the host'], 'File:\n  Say Hi: h\n  ---\n  Quit: q;\nEdit:\n  Copy: c;')
  assert.deepEqual(r['application/menu: a malformed menu is refused by the host'], { threw: { name: 'TypeError' } })
  assert.deepEqual(r['application/menu: bad arguments'], [['TypeError', 'ERR_INVALID_ARG_VALUE']])
  assert.deepEqual(r['application/menu: setMenu without a string value'], { threw: { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' } })
  assert.deepEqual(r['application/menu: a menuItemSelected event reaches the menu of its type'], [['system', 'Say Hi', 'File', true]])
  const notSupported = { threw: { name: 'NotSupportedError', code: 'ERR_NOT_SUPPORTED' } }
  assert.deepEqual(r['crypto.sodium: a use throws NotSupportedError naming it'], notSupported)
  assert.deepEqual(r['crypto.sodium is not a thenable and is on the default export'], [{ undefined: true }, true])
  assert.deepEqual(r['crypto.sodium.ready rejects'], notSupported)
  assert.match(r['crypto.sodium error message'], /^crypto\.sodium\.crypto_box_seal \(libsodium is not bundled/)
  assert.deepEqual(r['url.URLPattern is the engine\'s and matches'], [true, true, '7', true])
  assert.deepEqual(r['path.mounts'], [{}, true, true])
  assert.deepEqual(r['util/types: isModuleNamespaceObject, isExternal, isProxy'], [true, false, false, true])
  assert.deepEqual(r['util/types: isProxy'], notSupported)
  assert.deepEqual(r['diagnostics/window and diagnostics/runtime are diagnostics.window and .runtime'], [true, true, 'number', true, true])
  // dns/promises against Node's resolver on the same machine.
  assert.deepEqual(r['dns/promises lookup'], [await lookup('127.0.0.1'), await lookup('::1')])
  const missing = await lookup('no-such-host.invalid').then(() => undefined, (e: NodeJS.ErrnoException) => ({ threw: { name: e.name, code: e.code, errno: e.errno, syscall: e.syscall } }))
  assert.deepEqual(r['dns/promises lookup of a name that does not exist'], missing)
  assert.deepEqual(r['https.createServer'], notSupported)
  assert.deepEqual(r['https.get to a closed port ends with an error event'], ['error', 'Error'])
})
