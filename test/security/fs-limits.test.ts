// Sizes a request names are clamped: fs.read?size=4294967295 on a 311-byte file must answer at once with 311
// bytes, not allocate 4 GB first; one call never returns more than the documented maximum; readdir counts and
// watcher counts are bounded. Through the real host's IPC, measuring the host process itself.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeAcks, makeApp, reports, runHost, testPage } from '../host/helpers.ts'

// docs/security.md: the most bytes one fs.read returns.
const MAX_READ = 16 * 1024 * 1024

function peakKiB (pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN)
}

test('fs.read with a 4 GB size on a small file allocates what exists; every size is clamped', async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-sec-limits-'))
  writeFileSync(join(work, 'small.txt'), 'x'.repeat(311))
  writeFileSync(join(work, 'big.bin'), Buffer.alloc(MAX_READ + 4096, 7))
  for (let i = 0; i < 5; i++) writeFileSync(join(work, `e${i}`), '')
  const acks = makeAcks()
  const app = makeApp({
    'main.js': testPage(`
      const W = ${JSON.stringify(work)}
      await call('fs.open', { id: '1', path: W + '/small.txt' })
      let started = performance.now()
      const small = await call('fs.read', { id: '1', size: '4294967295', offset: '0' })
      report('small', { bytes: small.bytes?.length ?? small.err, ms: performance.now() - started })
      await step('measure')
      const again = await call('fs.read', { id: '1', size: '4294967295' })
      report('current', again.bytes?.length ?? again.err)
      report('badOffset', (await call('fs.read', { id: '1', size: '4', offset: '-2' })).err?.type)
      await call('fs.open', { id: '2', path: W + '/big.bin' })
      const big = await call('fs.read', { id: '2', size: '4294967295', offset: '0' })
      report('big', big.bytes?.length ?? big.err)
      await call('fs.opendir', { id: '3', path: W })
      report('readdirZero', (await call('fs.readdir', { id: '3', entries: '0' })).err?.type)
      report('readdirHuge', (await call('fs.readdir', { id: '3', entries: '4294967295' })).data?.length)
      let watchers = 0, refusal
      for (let i = 0; i < 300; i++) {
        const made = await call('fs.watch', { id: String(100 + i), path: W })
        if (made.err) { refusal = made.err; break }
        watchers++
      }
      report('watchers', { watchers, refusal: refusal?.type })
    `, acks.dir)
  }, { filesystem_allow: work, filesystem_read: acks.dir })
  try {
    let peak = NaN
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      onLine: (line, child) => {
        if (line !== 'STEP measure') return
        peak = peakKiB(child.pid ?? -1)
        acks.ack('measure')
      }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.small.bytes, 311)
    // A 4 GB zero-filled buffer takes seconds and 4 GB of memory; the clamped read takes neither.
    assert.ok(r.small.ms < 2000, `read took ${r.small.ms} ms`)
    assert.ok(peak < 1024 * 1024, `host peak memory ${peak} KiB after the read`)
    // pread leaves the position alone: a read at the current position sees the whole file too.
    assert.equal(r.current, 311)
    assert.equal(r.badOffset, 'RangeError')
    assert.equal(r.big, MAX_READ)
    assert.equal(r.readdirZero, 'RangeError')
    assert.equal(r.readdirHuge, 7)
    assert.deepEqual(r.watchers, { watchers: 256, refusal: 'RangeError' })
  } finally {
    app.remove()
    acks.remove()
    rmSync(work, { recursive: true, force: true })
  }
})

test('child_process.exec stops a child whose output passes 64 MiB and fails with RangeError', async () => {
  const app = makeApp({
    'main.js': testPage(`
      const started = performance.now()
      const result = await call('child_process.exec', { args: JSON.stringify(['head', '-c', String(70 * 1024 * 1024), '/dev/zero']) })
      report('exec', { type: result.err?.type, message: result.err?.message, ms: performance.now() - started })
      const small = await call('child_process.exec', { args: JSON.stringify(['printf', 'ok']) })
      report('small', small.data?.stdout ?? small.err)
    `)
  }, { permissions_allow_child_process: 'true' })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'] })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.exec.type, 'RangeError', JSON.stringify(r.exec))
    assert.match(r.exec.message, /stdout exceeded 67108864 bytes/)
    assert.equal(r.small, 'ok')
  } finally {
    app.remove()
  }
})
