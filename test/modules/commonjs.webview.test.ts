// socket:module's require() against Node's: the same file tree and the same observations (cases/commonjs.cases.ts),
// on disk under Node and in a real WebKitGTK window's resources folder.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire, isBuiltin } from 'node:module'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { commonjsTree, observeRequire } from './cases/commonjs.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

function observeInNode (): Record<string, unknown> {
  const root = mkdtempSync(join(tmpdir(), 'socket-commonjs-'))
  try {
    for (const [path, text] of Object.entries(commonjsTree)) {
      mkdirSync(dirname(join(root, path)), { recursive: true })
      writeFileSync(join(root, path), text)
    }
    delete (globalThis as any).__throwsRuns
    return observeRequire(createRequire(join(root, 'main.js')) as any, root, isBuiltin)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

test('socket:module require() resolves and loads like Node', { skip: webviewUnavailable() }, async (t) => {
  const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'commonjs.page.ts'), { files: commonjsTree, timeoutMs: 60_000, config: { webview_allow_eval: 'true' } })
  const run = result as { observations: Record<string, unknown>, failedToRun?: unknown, message?: string, commonjsRequire: number, moduleClass: boolean[], fileUrl: number }
  if (run.failedToRun !== undefined) assert.fail(`socket:module threw: ${run.message}`)
  t.diagnostic(`import('socket:module') took ${(run as any).timings?.importModuleMs} ms; the require() cases (cold: every file read once) ${(run as any).timings?.casesMs} ms`)
  const inNode = observeInNode()
  await t.test('every case gives what Node gives', () => assertSameObservations(inNode, run.observations, 'module'))
  await t.test('socket:commonjs require is anchored at the app root', () => assert.equal(run.commonjsRequire, 42))
  await t.test('createRequire takes a URL', () => assert.equal(run.fileUrl, 42))
  await t.test('Module class shape', () => assert.deepEqual(run.moduleClass, ['function', 'function', true, true]))
})
