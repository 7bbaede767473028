// socket:window/hotkey global bindings through the host's hotkey capability: the window binds ctrl+shift+g
// (an XGrabKey on the root window) and xdotool presses it on the Xvfb display until the page reports the
// `hotkey` event. Also the host's TypeErrors for bad expressions and [permissions] allow_hotkeys = false.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

const unavailable = webviewUnavailable() ?? (existsSync('/usr/bin/xdotool') ? undefined : 'xdotool is not installed')
const page = join(import.meta.dirname, 'webview', 'hotkey.page.ts')

test('a global hotkey grabbed on X11 fires when xdotool presses it', { skip: unavailable }, async (t) => {
  const presser = setInterval(() => { spawnSync('xdotool', ['key', 'ctrl+shift+g']) }, 400)
  let facts: Record<string, any>
  try {
    facts = (await runInWebview(page, { timeoutMs: 60_000 })).result as Record<string, any>
  } finally {
    clearInterval(presser)
  }
  await t.test('the press reaches the binding and the bindings object', () => {
    assert.deepEqual(facts['global press'], [true, 'number', ['binding', 'bindings:ctrl + shift + g'], true, 0])
  })
  await t.test('bad expressions are TypeErrors', () => {
    assert.equal(facts['unknown key'].threw.name, 'TypeError')
    assert.equal(facts['two keys'].threw.name, 'TypeError')
  })
  const denied = (await runInWebview(page, { timeoutMs: 60_000, config: { permissions_allow_hotkeys: 'false' } })).result as Record<string, any>
  await t.test('allow_hotkeys = false refuses with NotAllowedError', () => assert.equal(denied['global press'].threw.name, 'NotAllowedError'))
})
