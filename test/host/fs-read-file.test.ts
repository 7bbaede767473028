// fs.readFile answers a whole file in one call (read on the worker pool above 256 KiB) with the same sandbox as
// fs.open: exact bytes for small and large files, EISDIR for a directory, EFBIG above the 16 MiB per-call limit,
// and a refusal for paths outside the app's roots, including through a link inside the root that points out.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

test('fs.readFile returns whole files in one call and keeps the fs sandbox', async () => {
  const size = 3 * 1024 * 1024 + 17
  const data = new Uint8Array(size)
  for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 9)) & 0xff
  const work = mkdtempSync(join(tmpdir(), 'socket-host-readfile-'))
  const outside = mkdtempSync(join(tmpdir(), 'socket-host-readfile-out-'))
  writeFileSync(join(work, 'huge.bin'), new Uint8Array(16 * 1024 * 1024 + 1))
  writeFileSync(join(work, 'limit.bin'), new Uint8Array(16 * 1024 * 1024))
  writeFileSync(join(outside, 'secret.txt'), 'secret')
  symlinkSync(join(outside, 'secret.txt'), join(work, 'escape.txt'))
  const app = makeApp({
    'big.bin': data,
    'small.txt': 'hello',
    'main.js': testPage(`
      const dir = ${JSON.stringify(work)}
      const expected = (i) => (i * 31 + (i >> 9)) & 0xff
      const check = (bytes) => { for (let i = 0; i < bytes.length; i++) if (bytes[i] !== expected(i)) return 'mismatch at ' + i; return 'ok' }
      const big = await call('fs.readFile', { path: 'big.bin' })
      report('big', big.bytes ? { length: big.bytes.length, check: check(big.bytes) } : big.err)
      const small = await call('fs.readFile', { path: 'small.txt' })
      report('small', small.bytes ? new TextDecoder().decode(small.bytes) : small.err)
      const limit = await call('fs.readFile', { path: dir + '/limit.bin' })
      report('limit', limit.bytes ? limit.bytes.length : limit.err)
      report('huge', (await call('fs.readFile', { path: dir + '/huge.bin' })).err)
      report('directory', (await call('fs.readFile', { path: dir })).err)
      report('missing', (await call('fs.readFile', { path: dir + '/missing' })).err)
      report('outside', (await call('fs.readFile', { path: ${JSON.stringify(join(outside, 'secret.txt'))} })).err)
      report('escape', (await call('fs.readFile', { path: dir + '/escape.txt' })).err)
      report('passwd', (await call('fs.readFile', { path: '/etc/passwd' })).err)
      report('dotdot', (await call('fs.readFile', { path: dir + '/../' + ${JSON.stringify(outside.split('/').pop())} + '/secret.txt' })).err)
      report('descriptors', (await call('fs.getOpenDescriptors')).data.length)
    `)
  }, { filesystem_allow: work })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 120_000 })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.deepEqual(r.big, { length: size, check: 'ok' })
    assert.equal(r.small, 'hello')
    assert.equal(r.limit, 16 * 1024 * 1024)
    assert.equal(r.huge?.code, 'EFBIG')
    assert.equal(r.directory?.code, 'EISDIR')
    assert.equal(r.missing?.code, 'ENOENT')
    for (const name of ['outside', 'escape', 'passwd', 'dotdot']) {
      assert.equal(r[name]?.type, 'NotAllowedError', `${name}: ${JSON.stringify(r[name])}`)
      assert.doesNotMatch(JSON.stringify(r[name]), /secret"/)
    }
    assert.equal(r.descriptors, 0, 'readFile leaves no descriptor open in the window')
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  }
})
