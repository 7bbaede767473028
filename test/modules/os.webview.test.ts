// socket:os in a real WebKitGTK window: the same machine facts as node:os reports to the test runner.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as nodeOs from 'node:os'
import { join } from 'node:path'
import { observeOs } from './cases/os.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'
import type { Observations } from './harness/observe.ts'

test('socket:os (webview) gives the same observations as node:os', { skip: webviewUnavailable() }, async () => {
  const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'os.page.ts'))
  const actual = result as Observations & { failedToRun?: unknown, message?: string }
  if (actual.failedToRun !== undefined) assert.fail(`socket:os threw in the webview: ${actual.message}`)
  assertSameObservations(observeOs(nodeOs), actual, 'os')
})
