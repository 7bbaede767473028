// socket:dgram in a real WebKitGTK window over real UDP sockets: the dgram case files give the same
// observations (datagrams, addresses, event order, ERR_SOCKET_* and errno errors) as node:dgram gives in Node.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as nodeDgram from 'node:dgram'
import { join } from 'node:path'
import { observeDgram } from './cases/dgram.cases.ts'
import { observeDgramLifecycle } from './cases/dgram-lifecycle.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'
import type { Observations } from './harness/observe.ts'

test('socket:dgram (webview) gives the same observations as node:dgram', { skip: webviewUnavailable() }, async () => {
  const expected = { dgram: await observeDgram(nodeDgram), lifecycle: await observeDgramLifecycle(nodeDgram) }
  const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'dgram.page.ts'), { timeoutMs: 90_000 })
  const actual = result as { dgram: Observations, lifecycle: Observations, queuedSend: unknown, failedToRun?: unknown, message?: string }
  if (actual.failedToRun !== undefined) assert.fail(`socket:dgram threw in the webview: ${actual.message}`)
  assertSameObservations(expected.dgram, actual.dgram, 'dgram')
  assertSameObservations(expected.lifecycle, actual.lifecycle, 'dgram lifecycle')
  // Where socket:dgram does better than Node: send() then close() at once delivers the datagram.
  assert.deepEqual(actual.queuedSend, { text: 'queued', sent: 6 })
})
