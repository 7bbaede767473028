// socket:fs in a real WebKitGTK window against real files: the fs case file gives the same observations
// on socket:fs (webview, through the host's fs service) as on node:fs (Node), each in its own directory.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as nodeFs from 'node:fs'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { observeFs } from './cases/fs.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'
import type { Observations } from './harness/observe.ts'

test('socket:fs (webview) gives the same observations as node:fs, errors included', { skip: webviewUnavailable() }, async () => {
  const base = mkdtempSync(join(tmpdir(), 'socket-fs-test-'))
  try {
    const nodeDir = join(base, 'node')
    const webviewDir = join(base, 'webview')
    mkdirSync(nodeDir)
    mkdirSync(webviewDir)
    const expected = await observeFs(nodeFs, nodeDir)
    const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'fs.page.ts'), {
      config: { filesystem_allow: webviewDir },
      define: { FS_TEST_DIR: webviewDir },
      timeoutMs: 120_000
    })
    const actual = result as Observations & { failedToRun?: unknown, message?: string }
    if (actual.failedToRun !== undefined) assert.fail(`socket:fs threw in the webview: ${actual.message}`)
    assertSameObservations(expected, actual, 'fs')
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
})
