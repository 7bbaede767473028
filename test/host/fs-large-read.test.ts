// Large fs.read calls run on the worker pool, on the descriptor's serial queue (native/linux/serial_queue.cc):
// the bytes are exact, positioned and positionless reads keep their meaning, and closing the id while a read
// is in flight neither crashes the host nor corrupts the answer.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

test('large reads are exact, keep position semantics and survive a concurrent close', async () => {
  const size = 3 * 1024 * 1024 + 17
  const data = new Uint8Array(size)
  for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 9)) & 0xff
  const app = makeApp({
    'big.bin': data,
    'main.js': testPage(`
      const expected = (i) => (i * 31 + (i >> 9)) & 0xff
      const check = (bytes, from) => { for (let i = 0; i < bytes.length; i++) if (bytes[i] !== expected(from + i)) return 'mismatch at ' + (from + i); return 'ok' }
      const opened = await call('fs.open', { id: '9', path: 'big.bin', flags: '0', mode: '438' })
      if (opened.err) throw new Error(JSON.stringify(opened.err))
      const whole = await call('fs.read', { id: '9', size: String(${size} + 100), offset: '0' })
      report('whole', { length: whole.bytes.length, check: check(whole.bytes, 0) })
      const middle = await call('fs.read', { id: '9', size: '1048576', offset: '1000001' })
      report('middle', { length: middle.bytes.length, check: check(middle.bytes, 1000001) })
      const first = await call('fs.read', { id: '9', size: '1048576', offset: '-1' })
      const second = await call('fs.read', { id: '9', size: '1048576', offset: '-1' })
      report('sequential', { a: check(first.bytes, 0), b: check(second.bytes, 1048576) })
      const reading = call('fs.read', { id: '9', size: '2097152', offset: '0' })
      const closed = await call('fs.close', { id: '9' })
      const raced = await reading
      report('race', { closed: closed.err ?? null, bytes: raced.bytes ? check(raced.bytes, 0) : raced.err?.type })
      const after = await call('fs.read', { id: '9', size: '2097152', offset: '0' })
      report('afterClose', after.err?.type ?? 'read')
    `)
  })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'] })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.deepEqual(r.whole, { length: size, check: 'ok' })
    assert.deepEqual(r.middle, { length: 1048576, check: 'ok' })
    assert.deepEqual(r.sequential, { a: 'ok', b: 'ok' })
    assert.equal(r.race.closed, null)
    assert.doesNotMatch(String(r.race.bytes), /mismatch/, 'a read raced by a close returns exact bytes or an error')
    assert.notEqual(r.afterClose, 'read', 'a closed id cannot be read')
  } finally {
    app.remove()
  }
})
