// Blocking fs calls run on the worker pool, not on the GTK main thread (native/linux/fs.cc, serial_queue.cc):
// - opening a FIFO that has no writer blocks open(2); meanwhile the page still gets answers to other IPC calls,
//   its timers fire and other fs calls complete. On the old host the main thread hung in that open.
// - many writes sent at once to one descriptor land in the order they were sent;
// - a close sent while a read of the same FIFO id waits for bytes ends that read (EBADF, fifo_wait.cc) instead of
//   waiting behind it for a writer that may never write; the close succeeds and the id is gone afterwards. Bytes
//   written before the close are still read.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

test('a blocked open does not block the window; writes keep their order; close ends a waiting FIFO read', async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-fs-offmain-'))
  execFileSync('mkfifo', [join(work, 'slow.fifo')])
  writeFileSync(join(work, 'other.txt'), 'other')
  const app = makeApp({
    'main.js': testPage(`
      const dir = ${JSON.stringify(work)}
      const fifo = dir + '/slow.fifo'
      let settled = false
      const reader = call('fs.open', { id: '5', path: fifo, flags: '0', mode: '438' }).then((r) => { settled = true; return r })
      let ticks = 0
      const timer = setInterval(() => { ticks++ }, 10)
      let uptimes = 0
      for (let i = 0; i < 20; i++) if (typeof (await call('os.uptime')).data === 'number') uptimes++
      const other = await call('fs.stat', { path: dir + '/other.txt' })
      const small = await call('fs.readFile', { path: dir + '/other.txt' })
      await sleep(100)
      clearInterval(timer)
      report('whileBlocked', { settled, uptimes, timersFired: ticks > 0, otherSize: other.data?.size ?? other.err, small: small.bytes ? new TextDecoder().decode(small.bytes) : small.err })

      // A writer opens the other end (O_WRONLY): both opens complete.
      const writer = await call('fs.open', { id: '6', path: fifo, flags: '1', mode: '438' })
      const opened = await reader
      report('unblocked', { reader: String(opened.err ? JSON.stringify(opened.err) : opened.data?.id), writer: String(writer.err ? JSON.stringify(writer.err) : writer.data?.id) })

      // Bytes written are read; then a close while the next read waits for more ends that read, then closes.
      const wrote = await call('fs.write', { id: '6', offset: '-1' }, { method: 'POST', body: new TextEncoder().encode('hello') })
      const first = await call('fs.read', { id: '5', size: '5', offset: '-1' })
      const reading = call('fs.read', { id: '5', size: '5', offset: '-1' })
      await sleep(200)
      const closed = await call('fs.close', { id: '5' })
      const read = await reading
      const after = await call('fs.read', { id: '5', size: '5', offset: '-1' })
      report('closeDuringRead', { wrote: wrote.err ?? wrote.data?.bytes, first: first.bytes ? new TextDecoder().decode(first.bytes) : first.err, read: read.err?.code ?? 'read', closed: closed.err ?? 'ok', after: after.err?.code ?? 'read' })
      await call('fs.close', { id: '6' })

      // 300 writes sent at once (no awaiting in between) to one descriptor land in order.
      const O_WRONLY = 1, O_CREAT = 0o100, O_TRUNC = 0o1000
      const out = await call('fs.open', { id: '7', path: dir + '/ordered.txt', flags: String(O_WRONLY | O_CREAT | O_TRUNC), mode: '420' })
      if (out.err) throw new Error(JSON.stringify(out.err))
      const writes = []
      for (let i = 0; i < 300; i++) writes.push(call('fs.write', { id: '7', offset: '-1' }, { method: 'POST', body: new TextEncoder().encode('line ' + i + '\\n') }))
      const results = await Promise.all(writes)
      const closedOut = await call('fs.close', { id: '7' })
      report('ordered', { failed: results.filter((r) => r.err).length, closed: closedOut.err ?? 'ok' })
    `)
  }, { filesystem_allow: work })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 120000 })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.deepEqual(r.whileBlocked, { settled: false, uptimes: 20, timersFired: true, otherSize: '5', small: 'other' })
    assert.deepEqual(r.unblocked, { reader: '5', writer: '6' })
    assert.deepEqual(r.closeDuringRead, { wrote: 5, first: 'hello', read: 'EBADF', closed: 'ok', after: 'EBADF' })
    assert.deepEqual(r.ordered, { failed: 0, closed: 'ok' })
    const expected = Array.from({ length: 300 }, (_, i) => `line ${i}\n`).join('')
    assert.equal(readFileSync(join(work, 'ordered.txt'), 'utf8'), expected)
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})

test('the app exits while an open is still blocked on the worker pool', async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-fs-offmain-'))
  execFileSync('mkfifo', [join(work, 'never.fifo')])
  const app = makeApp({
    'main.js': testPage(`
      call('fs.open', { id: '1', path: ${JSON.stringify(join(work, 'never.fifo'))}, flags: '0', mode: '438' })
      await sleep(100)
      report('alive', typeof (await call('os.uptime')).data)
    `)
  }, { filesystem_allow: work })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 60000 })
    assert.equal(run.code, 0, run.stderr)
    assert.equal(reports(run).alive, 'number')
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})
