// The pure modules (and socket:os, socket:process) in a real WebKitGTK window: the same case files as pure.test.ts, run on socket:<name>
// in the webview, must give exactly what they give on node:<name> in Node.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import * as nodeOs from 'node:os'
import * as nodeProcess from 'node:process'
import { pureCases } from './cases/index.ts'
import { observeOs } from './cases/os.cases.ts'
import { observeProcess } from './cases/process.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'
import type { Observations } from './harness/observe.ts'

test('socket: pure modules and socket:os in the webview give the same observations as Node', { skip: webviewUnavailable() }, async (t) => {
  const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'pure.page.ts'))
  const inWebview = result as Record<string, Observations>
  for (const [name, observe] of Object.entries(pureCases)) {
    await t.test(`socket:${name} (webview) = node:${name}`, async () => {
      const failed = inWebview[name]?.failedToRun
      if (failed !== undefined) assert.fail(`socket:${name} threw in the webview: ${String(inWebview[name].message)}`)
      assertSameObservations(await observe(await import(`node:${name}`)), inWebview[name], name)
    })
  }
  // The host and the test runner are the same machine, so platform facts agree.
  await t.test('socket:os (webview) = node:os', () => {
    if (inWebview.os?.failedToRun !== undefined) assert.fail(`socket:os threw in the webview: ${String(inWebview.os.message)}`)
    assertSameObservations(observeOs(nodeOs), inWebview.os, 'os')
  })
  await t.test('socket:process (webview) = node:process', async () => {
    if (inWebview.process?.failedToRun !== undefined) assert.fail(`socket:process threw in the webview: ${String(inWebview.process.message)}`)
    assertSameObservations(await observeProcess(nodeProcess as never), inWebview.process, 'process')
  })
})
