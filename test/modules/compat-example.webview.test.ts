// examples/compat, built and run by `ssc` headless with its own socket:test file: require() from
// node_modules, a worker_threads worker, i18n messages, a window hotkey and a service worker.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, sep } from 'node:path'
import { REPO, ssc } from '../cli/helpers.ts'
import { webviewUnavailable } from './harness/webview.ts'

const unavailable = webviewUnavailable() ?? (existsSync(join(REPO, 'build', 'runtime', 'socket')) ? undefined : 'build/runtime/socket is not built')

test('examples/compat passes its own tests in a headless window built by ssc', { skip: unavailable }, async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'compat-home-'))
  const dir = join(mkdtempSync(join(tmpdir(), 'compat-app-')), 'compat')
  t.after(() => { rmSync(home, { recursive: true, force: true }); rmSync(dirname(dir), { recursive: true, force: true }) })
  cpSync(join(REPO, 'examples', 'compat'), dir, { recursive: true, filter: (src) => !src.includes(`compat${sep}build`) })
  const run = await ssc(['build', '-r', '-q', '--headless', '--test=test/index.js', dir], { env: { HOME: home }, timeoutMs: 120_000 })
  assert.equal(run.status, 0, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`)
  assert.match(run.stdout, /^1\.\.10$/m)
  assert.match(run.stdout, /^# pass +10$/m)
  assert.doesNotMatch(run.stdout, /^not ok/m)
})
