// close() ends a read stuck on a FIFO nobody writes to (native/linux/fifo_wait.cc): the close answers, the read
// fails with EBADF, and its pool thread is free again. On the old host the close waited behind the read on the
// descriptor's queue for good, and five such reads held all four fs threads: no fs call of the window was
// answered again (docs/host.md, Threads). The descriptor still closes last on its queue: calls sent before the
// close run first, on the open descriptor, and a file opened afterwards (which may get the same number) is
// read correctly.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeApp, reports, runHost, runtimeDir, testPage } from './helpers.ts'

const hasRuntime = existsSync(join(runtimeDir, 'fs', 'promises.js'))

test('close interrupts reads stuck on FIFOs; the pool is free again', { skip: !hasRuntime && 'build/runtime/socket is not built' }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-fs-fifo-close-'))
  for (let i = 0; i < 5; i++) execFileSync('mkfifo', [join(work, `stuck-${i}.fifo`)])
  execFileSync('mkfifo', [join(work, 'echo.fifo'), join(work, 'api.fifo')])
  writeFileSync(join(work, 'plain.txt'), 'plain file')
  const app = makeApp({
    'main.js': testPage(`
      const dir = ${JSON.stringify(work)}
      // A hang on the old host shows as 'pending' rather than as the whole run timing out.
      const within = (promise, ms = 20000) => Promise.race([promise, sleep(ms).then(() => 'pending')])
      const code = (r) => r === 'pending' ? 'pending' : r.err ? r.err.code ?? r.err.type : r.bytes ? new TextDecoder().decode(r.bytes) : 'ok'
      // Five reads with no writer (O_RDWR: the open does not wait, the read does): more than the pool's four threads.
      // All opened first: an open needs a pool thread too.
      for (let i = 0; i < 5; i++) {
        const opened = await call('fs.open', { id: String(10 + i), path: dir + '/stuck-' + i + '.fifo', flags: '2', mode: '438' })
        if (opened.err) throw new Error(JSON.stringify(opened.err))
      }
      const reads = []
      for (let i = 0; i < 5; i++) reads.push(call('fs.read', { id: String(10 + i), size: '16', offset: '-1' }))
      await sleep(1000)
      // An fstat sent before the close runs before it, on the open descriptor.
      const before = call('fs.fstat', { id: '10' })
      const closes = []
      for (let i = 0; i < 5; i++) closes.push(call('fs.close', { id: String(10 + i) }))
      report('closes', (await within(Promise.all(closes))).map?.(code) ?? 'pending')
      const read = await within(Promise.all(reads))
      report('reads', read.map?.(code) ?? 'pending')
      report('message', read[0]?.err?.message ?? '')
      const fstat = await within(before)
      report('fstatBefore', fstat === 'pending' ? 'pending' : typeof fstat.data?.mode)
      // The pool answers again: a path call, a regular file opened now (its number may be one just freed).
      report('stat', code(await within(call('fs.stat', { path: dir + '/plain.txt' }))))
      await within(call('fs.open', { id: '20', path: dir + '/plain.txt', flags: '0', mode: '438' }))
      report('plain', code(await within(call('fs.read', { id: '20', size: '64', offset: '-1' }))))
      await call('fs.close', { id: '20' })
      // A FIFO still works as one: written, then read, through one descriptor.
      await within(call('fs.open', { id: '30', path: dir + '/echo.fifo', flags: '2', mode: '438' }))
      const wrote = await within(call('fs.write', { id: '30', offset: '-1' }, { method: 'POST', body: new TextEncoder().encode('hi there') }))
      report('echo', { wrote: code(wrote), read: code(await within(call('fs.read', { id: '30', size: '8', offset: '-1' }))) })
      report('echoClose', code(await within(call('fs.close', { id: '30' }))))
      // Through socket:fs/promises: close() resolves, the pending read rejects with an Error whose code is EBADF.
      const fs = await import('socket:fs/promises')
      const handle = await fs.open(dir + '/api.fifo', 'r+')
      const pending = handle.read(new Uint8Array(4), 0, 4, null).then(() => 'resolved', (error) => error)
      await sleep(500)
      const closed = await within(handle.close().then(() => 'closed', (error) => String(error)))
      const failure = await within(pending)
      report('api', { closed, failure: failure instanceof Error ? { code: failure.code, syscall: failure.syscall } : String(failure) })
    `)
  }, { filesystem_allow: work })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 180000 })
    assert.equal(run.code, 0, run.stdout + run.stderr)
    const r = reports(run) as Record<string, any>
    assert.deepEqual(r.closes, ['ok', 'ok', 'ok', 'ok', 'ok'])
    assert.deepEqual(r.reads, ['EBADF', 'EBADF', 'EBADF', 'EBADF', 'EBADF'])
    assert.equal(r.fstatBefore, 'number')
    assert.equal(r.stat, 'ok')
    assert.equal(r.plain, 'plain file')
    assert.deepEqual(r.echo, { wrote: 'ok', read: 'hi there' })
    assert.equal(r.echoClose, 'ok')
    assert.deepEqual(r.api, { closed: 'closed', failure: { code: 'EBADF', syscall: 'read' } })
    assert.match(r.message, /closed while the read waited/)
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})
