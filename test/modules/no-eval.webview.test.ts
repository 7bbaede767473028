// With the default CSP (no `[webview] allow_eval`), or a `[webview] csp` lacking 'unsafe-eval', code compiled at run
// time cannot run: socket:module's
// require() of JavaScript and socket:vm throw NotSupportedError naming the key, instead of an opaque EvalError.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

const csp = "default-src 'self' socket: node: ipc: blob: data:; script-src 'self' socket: node: blob: 'unsafe-inline'; connect-src 'self' socket: ipc:; frame-src 'self' socket: blob: data:"

for (const [name, config] of [['the default CSP', {}], ['a [webview] csp without it', { webview_csp: csp }]] as const) {
test(`without unsafe-eval (${name}), require() of JS and vm throw NotSupportedError naming the keys`, { skip: webviewUnavailable() }, async () => {
  const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'no-eval.page.ts'), {
    config,
    files: { 'lib.js': 'module.exports = 1\n', 'data.json': '{"ok":true}', 'main.js': '' }
  })
  const facts = result as Record<string, any>
  assert.equal(facts['require js'].threw.name, 'NotSupportedError')
  assert.equal(facts['require js message'], true)
  assert.deepEqual(facts['require json'], { ok: true })
  assert.equal(facts['require builtin'], 'b.txt')
  for (const name of ['vm.runInNewContext', 'vm.runInThisContext', 'vm.compileFunction']) assert.equal(facts[name].threw?.name, 'NotSupportedError', name)
})
}
