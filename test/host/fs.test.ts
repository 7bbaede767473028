// A page imports socket:fs/promises and works on real files through the host's fs service; reading outside the
// app's allowed folders is refused; fs.watch reports changes; descriptors close with the window.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeApp, reports, runHost, runtimeDir, testPage } from './helpers.ts'

const hasRuntime = existsSync(join(runtimeDir, 'fs', 'promises.js'))

test('socket:fs/promises reads, writes, stats, lists and removes real files', { skip: !hasRuntime && 'build/runtime/socket is not built' }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-host-fs-'))
  writeFileSync(join(work, 'given.txt'), 'written by node')
  const app = makeApp({
    'main.js': testPage(`
      const fs = await import('socket:fs/promises')
      const dir = ${JSON.stringify(work)}
      report('given', await fs.readFile(dir + '/given.txt', 'utf8'))
      await fs.writeFile(dir + '/made.txt', 'made by the page ✓')
      const stat = await fs.stat(dir + '/made.txt')
      report('stat', { size: stat.size, isFile: stat.isFile(), isDirectory: stat.isDirectory() })
      await fs.mkdir(dir + '/sub/deeper', { recursive: true })
      await fs.writeFile(dir + '/sub/deeper/bin', new Uint8Array([0, 1, 2, 255]))
      report('bin', Array.from(await fs.readFile(dir + '/sub/deeper/bin')))
      report('list', (await fs.readdir(dir)).sort())
      await fs.unlink(dir + '/given.txt')
      await fs.rm(dir + '/sub', { recursive: true })
      report('after', (await fs.readdir(dir)).sort())
      report('ownIndex', (await fs.readFile('index.html', 'utf8')).includes('<title>test</title>'))
      const denied = async (what, run) => { try { await run(); report(what, 'allowed') } catch (error) { report(what, { name: error.name, code: error.code, message: error.message }) } }
      await denied('readOutside', () => fs.readFile('/etc/hostname', 'utf8'))
      await denied('writeOwnFolder', () => fs.writeFile('index.html', 'overwritten'))
      await denied('escapeByDots', () => fs.readFile(dir + '/../../etc/passwd', 'utf8'))
      await denied('missing', () => fs.readFile(dir + '/nope.txt'))
      const handle = await fs.open(dir + '/made.txt', 'r')
      const { bytesRead, buffer } = await handle.read(new Uint8Array(4), 0, 4, 0)
      report('handle', new TextDecoder().decode(buffer.subarray(0, bytesRead)))
      await handle.close()
    `)
  }, { filesystem_allow: work })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'] })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.given, 'written by node')
    assert.equal(readFileSync(join(work, 'made.txt'), 'utf8'), 'made by the page ✓')
    assert.deepEqual(r.stat, { size: Buffer.byteLength('made by the page ✓'), isFile: true, isDirectory: false })
    assert.deepEqual(r.bin, [0, 1, 2, 255])
    assert.deepEqual(r.list, ['given.txt', 'made.txt', 'sub'])
    assert.deepEqual(r.after, ['made.txt'])
    assert.equal(existsSync(join(work, 'given.txt')), false)
    assert.equal(r.ownIndex, true)
    for (const name of ['readOutside', 'writeOwnFolder', 'escapeByDots']) {
      assert.notEqual(r[name], 'allowed', `${name} must be refused`)
      assert.match(`${r[name].name} ${r[name].code} ${r[name].message}`, /NotAllowed|EACCES|EPERM|not allowed/i, `${name}: ${JSON.stringify(r[name])}`)
    }
    assert.match(readFileSync(join(app.dir, 'index.html'), 'utf8'), /<title>test<\/title>/, 'the app folder is read-only')
    assert.equal(r.missing.code, 'ENOENT')
    assert.equal(r.handle, 'made')
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})

test('fs.watch events, typed errors from the raw routes, and descriptors closed with the window', async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-host-watch-'))
  const app = makeApp({
    'main.js': testPage(`
      const dir = ${JSON.stringify(work)}
      const changes = []
      addEventListener('fswatch', (event) => changes.push(event.detail))
      const watched = await call('fs.watch', { id: '7', path: dir })
      report('watch', watched.err ?? 'ok')
      const opened = await call('fs.open', { id: '11', path: dir + '/w.txt', flags: String(0o101), mode: '420' })
      report('open', opened.data ?? opened.err)
      await call('fs.write', { id: '11', offset: '0' }, { method: 'POST', body: new TextEncoder().encode('hello') })
      for (let i = 0; i < 200 && !changes.some((c) => c.path === 'w.txt'); i++) await sleep(50)
      report('changes', changes.map((c) => c.path + ':' + c.kind))
      report('badId', (await call('fs.read', { id: '999', size: '4' })).err)
      report('badSize', (await call('fs.read', { id: '11', size: '-1' })).err)
      report('missingArg', (await call('fs.open', { id: '12' })).err)
      report('hugeId', (await call('fs.open', { id: '1'.repeat(40), path: 'x' })).err)
      report('descriptors', (await call('fs.getOpenDescriptors')).data.map((d) => d.id))
      // Left open on purpose: the host must close it when the window goes away.
    `)
  }, { filesystem_allow: work })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'] })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.watch, 'ok')
    assert.equal(r.open.id, '11')
    assert.ok(r.changes.some((c: string) => c.startsWith('w.txt:')), JSON.stringify(r.changes))
    assert.equal(r.badId.code, 'EBADF')
    assert.equal(r.badSize.type, 'RangeError')
    assert.equal(r.missingArg.type, 'TypeError')
    assert.match(r.missingArg.message, /path/)
    assert.match(r.hugeId.type, /RangeError|TypeError/)
    assert.deepEqual(r.descriptors, ['11'])
    assert.equal(readFileSync(join(work, 'w.txt'), 'utf8'), 'hello')
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})
