// socket:dgram in a real WebKitGTK window over real UDP sockets: the dgram case file gives the same
// observations (datagrams, addresses, ERR_SOCKET_* and errno errors) as node:dgram gives in Node.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as nodeDgram from 'node:dgram'
import { join } from 'node:path'
import { observeDgram } from './cases/dgram.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'
import type { Observations } from './harness/observe.ts'

test('socket:dgram (webview) gives the same observations as node:dgram', { skip: webviewUnavailable() }, async () => {
  const expected = await observeDgram(nodeDgram)
  const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'dgram.page.ts'), { timeoutMs: 60_000 })
  const actual = result as Observations & { failedToRun?: unknown, message?: string }
  if (actual.failedToRun !== undefined) assert.fail(`socket:dgram threw in the webview: ${actual.message}`)
  assertSameObservations(expected, actual, 'dgram')
})
