// Hostile files in the app's folder against socket:// serving (native/linux/scheme_socket.cc), which runs on the
// worker pool (four threads, shared with fs). A FIFO named like a runtime module (socket/<name>.js) must be
// refused, never opened: opening it waits for a writer that never comes, and each `import('socket:<name>')` would
// hold a pool thread for good, until the app's own files and every fs call wait behind them. On the host before
// this fix the module proxy read the file with g_file_get_contents (open(2) on the FIFO): the fifth import left
// nothing to serve small.txt; before serving moved to the pool, the first one froze the window.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeApp, reports, runHost, testPage } from '../host/helpers.ts'

test('a FIFO named like a socket: module is refused and cannot starve the pool', async () => {
  const app = makeApp({
    'small.txt': 'small',
    'socket/mod.js': 'export const value = 42\n',
    'main.js': testPage(`
      const answer = (promise) => Promise.race([promise, sleep(20000).then(() => 'no answer in 20 s')])
      // More imports than the pool has threads, all at once; none of them may wait on a FIFO.
      const evil = []
      for (let i = 1; i <= 6; i++) evil.push(import('socket:evil' + i).then(() => 'loaded', () => 'refused'))
      await sleep(300)
      report('file', await answer(fetch('socket://com.example.hosttest/small.txt').then((r) => r.text())))
      report('fs', await answer(call('fs.stat', { path: ${JSON.stringify(tmpdir())} }).then((r) => r.err ? r.err.code : 'ok')))
      report('module', await answer(import('socket:mod').then((m) => m.value)))
      report('evil', await answer(Promise.all(evil)))
    `)
  }, { filesystem_read: tmpdir() }, { runtime: false })
  mkdirSync(join(app.dir, 'socket'), { recursive: true })
  for (let i = 1; i <= 6; i++) execFileSync('mkfifo', [join(app.dir, 'socket', `evil${i}.js`)])
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 120000 })
    const r = reports(run) as Record<string, unknown>
    assert.equal(r.file, 'small', run.stderr)
    assert.equal(r.fs, 'ok')
    assert.equal(r.module, 42)
    assert.deepEqual(r.evil, Array(6).fill('refused'))
    assert.equal(run.code, 0, run.stderr)
  } finally {
    app.remove()
  }
})
