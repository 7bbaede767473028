// Calls on one descriptor wait in order behind the one running (native/linux/serial_queue.cc); when that one never
// ends (a read of a FIFO nobody writes to), at most FsServiceImpl::kMaxQueuedCalls (1024) wait behind it and any
// further call fails at once with EAGAIN, a typed error the page sees as an Error with `code` (the old host let
// them pile up without bound, each holding its request). close() is always taken, even then: the id is gone at
// once (later calls get EBADF at once); the stuck read is interrupted (EBADF: fifo_wait.cc), the calls sent
// before the close run, and then the close answers (docs/host.md, Threads).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeApp, reports, runHost, runtimeDir, testPage } from './helpers.ts'

const kMaxQueuedCalls = 1024
const hasRuntime = existsSync(join(runtimeDir, 'fs', 'promises.js'))

test('calls queued behind a stuck descriptor are bounded; close is still taken', { skip: !hasRuntime && 'build/runtime/socket is not built' }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-fs-bound-'))
  execFileSync('mkfifo', [join(work, 'raw.fifo'), join(work, 'api.fifo')])
  const app = makeApp({
    'main.js': testPage(`
      const dir = ${JSON.stringify(work)}
      const max = ${kMaxQueuedCalls}
      // A hang on the old host shows as 'pending' rather than as the whole run timing out.
      const within = (promise, ms = 30000) => Promise.race([promise, sleep(ms).then(() => 'pending')])
      // O_RDWR: the open does not wait for a writer, and the read then waits for bytes nobody sends.
      const opened = await call('fs.open', { id: '1', path: dir + '/raw.fifo', flags: '2', mode: '438' })
      if (opened.err) throw new Error(JSON.stringify(opened.err))
      let readDone = false
      const reading = call('fs.read', { id: '1', size: '5', offset: '-1' }).then((r) => { readDone = true; return r })
      await sleep(1000)  // the read has left the queue and waits in read(2)
      let settled = 0
      const queued = []
      for (let i = 0; i < max; i++) queued.push(call('fs.fstat', { id: '1' }).then((r) => { settled++; return r }))
      const over = [call('fs.fstat', { id: '1' }), call('fs.write', { id: '1', offset: '-1' }, { method: 'POST', body: new TextEncoder().encode('x') })]
      const refused = await within(Promise.all(over))
      await sleep(300)
      report('overBound', { refused: refused === 'pending' ? 'pending' : refused.map((r) => r.err?.code ?? 'answered'), message: refused === 'pending' ? '' : refused[0].err?.message, settled, readDone })

      // close is taken though the queue is full; the id is gone at once. It interrupts the stuck read (a FIFO:
      // fifo_wait.cc), the calls queued behind it run on the still open descriptor, then it closes and answers.
      const closing = call('fs.close', { id: '1' })
      const after = await within(call('fs.fstat', { id: '1' }))
      const read = await within(reading)
      const answers = await within(Promise.all(queued))
      const closed = await within(closing)
      report('closedWhileStuck', {
        after: after === 'pending' ? 'pending' : after.err?.code ?? 'answered',
        read: read === 'pending' ? 'pending' : read.err?.code ?? 'answered',
        queuedOk: answers === 'pending' ? 'pending' : answers.filter((r) => r.data?.mode !== undefined).length,
        closed: closed === 'pending' ? 'pending' : closed.err ?? 'ok'
      })

      // Through socket:fs/promises: the refusal is an Error with code EAGAIN, as Node reports errno failures.
      const fs = await import('socket:fs/promises')
      const handle = await fs.open(dir + '/api.fifo', 'r+')
      handle.read(new Uint8Array(4), 0, 4, null).catch(() => {})
      await sleep(1000)
      const stats = []
      for (let i = 0; i < max; i++) stats.push(handle.stat().catch(() => {}))
      const failure = await within(handle.stat().then(() => 'answered', (error) => error))
      report('api', failure instanceof Error ? { isError: true, code: failure.code, syscall: failure.syscall } : String(failure))
    `)
  }, { filesystem_allow: work })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 240000 })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.deepEqual({ ...r.overBound, message: undefined }, { refused: ['EAGAIN', 'EAGAIN'], message: undefined, settled: 0, readDone: false })
    assert.match(r.overBound.message, /EAGAIN.*1024 calls already wait/)
    assert.deepEqual(r.closedWhileStuck, { after: 'EBADF', read: 'EBADF', queuedOk: kMaxQueuedCalls, closed: 'ok' })
    assert.deepEqual(r.api, { isError: true, code: 'EAGAIN', syscall: 'fstat' })
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})
