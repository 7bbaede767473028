// Hostile files against socket:// serving (native/linux/scheme_socket.cc), which runs on threads of its own
// (worker_pool.hh: four, apart from the four of fs). A FIFO named like a runtime module (socket/<name>.js) must be
// refused, never opened: opening it waits for a writer that never comes, and each `import('socket:<name>')` would
// hold a thread for good, until the app's own files wait behind them. On the host as merged the module proxy
// read the file with g_file_get_contents (open(2) on the FIFO): six imports left nothing to serve small.txt;
// before serving moved off the main thread, the first one froze the window.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
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

// The app quits while large files stream (each response holds a descriptor GLib reads on its threads) and while a
// recursive watch walks a large tree on the pool: nothing may touch the window, the request or the app's
// permissions after they are gone (run under scripts/test-asan.sh, where any such use aborts the host).
test('quitting mid-stream and mid-walk exits cleanly', async () => {
  const big = Buffer.alloc(8 * 1024 * 1024, 7)
  const tree = mkdtempSync(join(tmpdir(), 'socket-sec-quit-'))
  for (let a = 0; a < 12; a++) for (let b = 0; b < 12; b++) for (let c = 0; c < 12; c++) mkdirSync(join(tree, `a${a}`, `b${b}`, `c${c}`), { recursive: true })
  const app = makeApp({
    'big.bin': big,
    'main.js': testPage(`
      for (let i = 0; i < 6; i++) fetch('socket://com.example.hosttest/big.bin?' + i).then((r) => r.arrayBuffer()).catch(() => {})
      call('fs.watch', { id: '1', path: ${JSON.stringify(tree)}, recursive: 'true' })
      await sleep(20)
      report('quitting', true)
    `)
  }, { filesystem_read: tree }, { runtime: false })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 120000 })
    assert.equal((reports(run) as Record<string, unknown>).quitting, true)
    assert.equal(run.code, 0, `signal ${run.signal}: ${run.stderr.slice(-3000)}`)
  } finally {
    app.remove()
    rmSync(tree, { recursive: true, force: true })
  }
})

// A FIFO planted in a folder the app reads (by anyone who may write there): the app's own fs.open of it waits for
// a writer, on the pool, as Node's does. Four such opens used to hold every pool thread, and since serving moved
// to the pool the window could then no longer load the app's own files or modules. Serving has threads of its own.
test('fs calls stuck on a planted FIFO do not stop the app\'s files from being served', async () => {
  const shared = mkdtempSync(join(tmpdir(), 'socket-sec-fifo-'))
  execFileSync('mkfifo', [join(shared, 'planted')])
  const app = makeApp({
    'small.txt': 'small',
    'main.js': testPage(`
      const answer = (promise) => Promise.race([promise, sleep(20000).then(() => 'no answer in 20 s')])
      for (let i = 0; i < 6; i++) call('fs.open', { id: String(10 + i), path: ${JSON.stringify(join(shared, 'planted'))}, flags: '0', mode: '0' })
      await sleep(300)
      report('file', await answer(fetch('socket://com.example.hosttest/small.txt').then((r) => r.text())))
    `)
  }, { filesystem_read: shared }, { runtime: false })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 120000 })
    assert.equal((reports(run) as Record<string, unknown>).file, 'small', run.stderr.slice(-2000))
  } finally {
    app.remove()
    rmSync(shared, { recursive: true, force: true })
  }
})
