// socket:extension end to end: `ssc build` compiles a tiny C extension listed in [build.extensions]
// (fixtures/extension-app/ext/ping.c), the app runs headless in a real window, and its socket:test file loads
// the extension, calls its routes over IPC (at once, later from another thread, errors), checks stats and
// unloads it. Two more builds show the refusals: a page that may write the app's folder, and an app that
// withholds the `extensions` permission.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO, ssc } from '../cli/helpers.ts'
import { webviewUnavailable } from './harness/webview.ts'

const unavailable = webviewUnavailable() ?? (existsSync(join(REPO, 'build', 'runtime', 'socket')) ? undefined : 'build/runtime/socket is not built')

async function buildAndRun (t: { after: (fn: () => void) => void }, extraIni: string): Promise<{ status: number | null, stdout: string, stderr: string, dir: string }> {
  const home = mkdtempSync(join(tmpdir(), 'extension-home-'))
  const dir = join(mkdtempSync(join(tmpdir(), 'extension-app-')), 'extension-app')
  t.after(() => { rmSync(home, { recursive: true, force: true }); rmSync(join(dir, '..'), { recursive: true, force: true }) })
  cpSync(join(import.meta.dirname, 'fixtures', 'extension-app'), dir, { recursive: true })
  appendFileSync(join(dir, 'socket.ini'), extraIni)
  const run = await ssc(['build', '-r', '-q', '--headless', '--test=test/index.js', dir], { env: { HOME: home }, timeoutMs: 120_000 })
  return { ...run, dir }
}

function assertTapPassed (run: { status: number | null, stdout: string, stderr: string }, count: number): void {
  assert.equal(run.status, 0, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`)
  assert.match(run.stdout, new RegExp(`^1\\.\\.${count}$`, 'm'))
  assert.doesNotMatch(run.stdout, /^not ok/m)
}

test('a C extension from [build.extensions] loads and answers over IPC', { skip: unavailable }, async (t) => {
  const run = await buildAndRun(t, '')
  assertTapPassed(run, 27)
  assert.match(run.stderr, /refused ipc:\/\/ from null: not the app's origin/, 'the host, not only the frame, refused the data: frame')
  const built = join(run.dir, 'build', 'linux', 'extension-app-dev_v1.0.0-1_amd64', 'opt', 'extension-app-dev', 'socket', 'extensions', 'ping', 'libping.so')
  assert.ok(existsSync(built), `ssc build wrote ${built}`)
})

test('an extension the page could overwrite is refused', { skip: unavailable }, async (t) => {
  const run = await buildAndRun(t, '\n[filesystem]\nallow[] = .\n\n[env]\nEXPECT = refused\nREASON = is writable by the page\nSTATS = resolved\n')
  assertTapPassed(run, 3)
})

test('[permissions] allow_extensions = false refuses every extension route', { skip: unavailable }, async (t) => {
  const run = await buildAndRun(t, "\n[permissions]\nallow_extensions = false\n\n[env]\nEXPECT = refused\nREASON = allow_extensions\nSTATS = NotAllowedError\n")
  assertTapPassed(run, 3)
})
