// Symbolic-link escapes from the app's folders, tried as a hostile page would, through the real host in a real
// window: every file the attack aims at sits in a folder the app was never granted ("outside", standing in for
// ~/.config/autostart). Each case runs twice: with openat2 (RESOLVE_BENEATH) and with the O_NOFOLLOW walk the
// host falls back to on kernels without it (SOCKET_FS_RESOLVER=walk).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { makeApp, makeAcks, reports, runHost, runtimeDir, testPage } from '../host/helpers.ts'

const hasRuntime = existsSync(join(runtimeDir, 'fs', 'promises.js'))
const skip = !hasRuntime && 'build/runtime/socket is not built'

interface Layout { work: string, outside: string, remove: () => void }

function layout (): Layout {
  const work = mkdtempSync(join(tmpdir(), 'socket-sec-work-'))
  const outside = mkdtempSync(join(tmpdir(), 'socket-sec-outside-'))
  writeFileSync(join(outside, 'secret.txt'), 'outside secret')
  writeFileSync(join(outside, 'target.txt'), 'original')
  // Links planted inside the granted folder (by an archive the app unpacked, a sync client, an earlier bug...).
  symlinkSync(join(outside, 'evil.desktop'), join(work, 'dangling-abs'))
  symlinkSync(relative(work, join(outside, 'evil-rel.desktop')), join(work, 'dangling-rel'))
  symlinkSync('..', join(work, 'up'))
  symlinkSync(outside, join(work, 'dirlink'))
  symlinkSync(join(outside, 'target.txt'), join(work, 'victim'))
  mkdirSync(join(work, 'real'))
  writeFileSync(join(work, 'real', 'inside.txt'), 'inside')
  symlinkSync(join(work, 'real', 'inside.txt'), join(work, 'abs-inside'))
  symlinkSync('real/inside.txt', join(work, 'rel-inside'))
  return { work, outside, remove: () => { rmSync(work, { recursive: true, force: true }); rmSync(outside, { recursive: true, force: true }) } }
}

const page = (work: string, outside: string): string => testPage(`
  const fs = await import('socket:fs/promises')
  const W = ${JSON.stringify(work)}
  const outsideName = ${JSON.stringify(outside.split('/').pop())}
  const attempt = async (what, run) => {
    try { const value = await run(); report(what, { ok: true, value }) } catch (error) { report(what, { ok: false, name: error.name, code: error.code, message: String(error.message) }) }
  }
  // The chain: a link deep inside that points back up to W, then a link made "inside" it whose relative target
  // counts its dots from the deep folder the path names, while the link really lands in W.
  const deep = W + '/a/b/c/d/e/f/g/h/i/j'
  await fs.mkdir(deep, { recursive: true })
  await attempt('chainTop', () => fs.symlink('../'.repeat(10), deep + '/top'))
  const escape = '../'.repeat(11) + ${JSON.stringify(outside.slice(1))} + '/evil-chain.desktop'
  await attempt('chainLink', () => fs.symlink(escape, deep + '/top/esc'))
  await attempt('chainWrite', () => fs.writeFile(W + '/esc', '[Desktop Entry]'))
  await attempt('danglingAbs', () => fs.writeFile(W + '/dangling-abs', '[Desktop Entry]'))
  await attempt('danglingRel', () => fs.writeFile(W + '/dangling-rel', '[Desktop Entry]'))
  await attempt('exclusive', () => fs.writeFile(W + '/dangling-abs', 'x', { flag: 'wx' }))
  await attempt('danglingOpen', async () => { const h = await fs.open(W + '/dangling-abs', 'w'); await h.close() })
  await attempt('parentRead', () => fs.readFile(W + '/up/' + outsideName + '/secret.txt', 'utf8'))
  await attempt('parentList', () => fs.readdir(W + '/up'))
  await attempt('parentStat', () => fs.stat(W + '/up'))
  await attempt('parentLink', () => fs.symlink('..', W + '/up2'))
  await attempt('dirlinkWrite', () => fs.writeFile(W + '/dirlink/evil.desktop', '[Desktop Entry]'))
  await attempt('dirlinkMkdir', () => fs.mkdir(W + '/dirlink/autostart/x', { recursive: true }))
  await attempt('victimRead', () => fs.readFile(W + '/victim', 'utf8'))
  await attempt('victimWrite', () => fs.writeFile(W + '/victim', 'overwritten'))
  await attempt('victimChmod', () => fs.chmod(W + '/victim', 0o777))
  await attempt('victimLstat', async () => (await fs.lstat(W + '/victim')).isSymbolicLink())
  await attempt('victimReadlink', () => fs.readlink(W + '/victim'))
  await fs.writeFile(W + '/new.txt', 'replacement')
  await attempt('renameOver', () => fs.rename(W + '/new.txt', W + '/victim'))
  await attempt('afterRename', () => fs.readFile(W + '/victim', 'utf8'))
  await attempt('hardlinkOut', () => fs.link(W + '/dirlink/secret.txt', W + '/stolen.txt'))
  await attempt('copyOut', () => fs.copyFile(W + '/real/inside.txt', W + '/dirlink/copied.txt'))
  await attempt('absInside', () => fs.readFile(W + '/abs-inside', 'utf8'))
  await attempt('relInside', () => fs.readFile(W + '/rel-inside', 'utf8'))
  await attempt('linkInside', async () => { await fs.symlink('real', W + '/to-real'); return await fs.readFile(W + '/to-real/inside.txt', 'utf8') })
  await attempt('realpathOut', () => fs.realpath(W + '/dirlink'))
  await attempt('removeRoot', () => fs.rmdir(W))
  await attempt('resourcesLink', () => fs.readFile('leak.txt', 'utf8'))
  report('rawOpen', (await call('fs.open', { id: '5', path: W + '/dangling-abs', flags: String(0o101), mode: '420' })).err)
`)

function assertRefused (r: any, name: string): void {
  assert.equal(r[name]?.ok, false, `${name} must be refused: ${JSON.stringify(r[name])}`)
  // socket:fs speaks Node: the host's NotAllowedError reaches the page as EACCES.
  assert.ok(r[name].name === 'NotAllowedError' || r[name].code === 'EACCES', `${name}: ${JSON.stringify(r[name])}`)
}

for (const resolver of ['openat2', 'walk']) {
  test(`symlink chains, dangling links, links to a parent and rename over a link stay inside (${resolver})`, { skip }, async () => {
    const { work, outside, remove } = layout()
    const app = makeApp({ 'main.js': page(work, outside) }, { filesystem_allow: work })
    // The app's own read-only folder gets no exception: a link there is not followed out of it either.
    symlinkSync(join(outside, 'secret.txt'), join(app.dir, 'leak.txt'))
    try {
      const env = resolver === 'walk' ? { SOCKET_FS_RESOLVER: 'walk' } : {}
      const run = await runHost(app.dir, { args: ['--test=main.js'], env })
      assert.equal(run.code, 0, run.stderr)
      const r = reports(run) as Record<string, any>
      assert.equal(r.chainTop.ok, true, JSON.stringify(r.chainTop))
      for (const name of ['chainLink', 'danglingAbs', 'danglingRel', 'danglingOpen', 'parentRead', 'parentList',
        'parentStat', 'parentLink', 'dirlinkWrite', 'dirlinkMkdir', 'victimRead', 'victimWrite', 'victimChmod',
        'hardlinkOut', 'copyOut', 'realpathOut', 'removeRoot', 'resourcesLink']) assertRefused(r, name)
      // O_CREAT | O_EXCL on a link is EEXIST, as open(2) says, never a file made where it points.
      assert.equal(r.exclusive.code, 'EEXIST', JSON.stringify(r.exclusive))
      // The chain's last link was never made, so writing its name makes a plain file inside.
      assert.equal(r.chainWrite.ok, true, JSON.stringify(r.chainWrite))
      assert.equal(lstatSync(join(work, 'esc')).isFile(), true)
      // The host's own answer names the path and what would be needed.
      assert.equal(r.rawOpen.type, 'NotAllowedError')
      assert.equal(r.rawOpen.path, join(work, 'dangling-abs'))
      assert.match(r.rawOpen.message, /dangling-abs.*symbolic link.*outside the app's folders/)
      // Reading the link itself is fine: it names where it points, nothing more.
      assert.deepEqual(r.victimLstat, { ok: true, value: true })
      assert.deepEqual(r.victimReadlink, { ok: true, value: join(outside, 'target.txt') })
      // Renaming onto a link replaces the link, not what it points at.
      assert.equal(r.renameOver.ok, true, JSON.stringify(r.renameOver))
      assert.deepEqual(r.afterRename, { ok: true, value: 'replacement' })
      assert.equal(lstatSync(join(work, 'victim')).isFile(), true)
      // Links that stay inside still work, absolute or relative.
      assert.deepEqual(r.absInside, { ok: true, value: 'inside' })
      assert.deepEqual(r.relInside, { ok: true, value: 'inside' })
      assert.deepEqual(r.linkInside, { ok: true, value: 'inside' })
      // Nothing reached the outside folder.
      assert.deepEqual(readdirSync(outside).sort(), ['secret.txt', 'target.txt'])
      assert.equal(readFileSync(join(outside, 'target.txt'), 'utf8'), 'original')
      assert.equal(lstatSync(join(outside, 'target.txt')).mode & 0o777, 0o644)
      assert.equal(existsSync(join(work, 'up2')), false)
    } finally {
      app.remove()
      remove()
    }
  })
}

// A link swapped between "inside" and "outside" as fast as a second process can, while the page writes through
// it: the check and the use are one lookup, so no write may ever land outside.
test('a link swapped while the page writes through it never lets a write out', { skip }, async () => {
  const { work, outside, remove } = layout()
  const acks = makeAcks()
  const swapper = `
    const fs = require('node:fs')
    const [work, outside, stop] = process.argv.slice(1)
    const end = Date.now() + 60000
    let i = 0
    while (Date.now() < end && !fs.existsSync(stop)) {
      const next = work + '/race-next-' + (i % 2)
      try { fs.unlinkSync(next) } catch {}
      fs.symlinkSync(i % 2 ? outside : 'real', next)
      fs.renameSync(next, work + '/race')
      i++
    }
    console.log(i)
  `
  const app = makeApp({
    'main.js': testPage(`
      const fs = await import('socket:fs/promises')
      const W = ${JSON.stringify(work)}
      await step('start')
      let written = 0, refused = 0, other = []
      const until = Date.now() + 6000
      for (let i = 0; i < 600 && Date.now() < until; i++) {
        try { await fs.writeFile(W + '/race/f-' + i + '.txt', 'x'); written++ }
        catch (error) { if (error.name === 'NotAllowedError' || error.code === 'EACCES') refused++; else other.push(error.code ?? error.name) }
      }
      report('race', { written, refused, other: [...new Set(other)] })
    `, acks.dir)
  }, { filesystem_allow: work, filesystem_read: acks.dir })
  const stop = join(work, '..', `${work.split('/').pop()}-stop`)
  let swaps = ''
  try {
    const child = spawn(process.execPath, ['-e', swapper, work, outside, stop], { stdio: ['ignore', 'pipe', 'inherit'] })
    child.stdout.on('data', (chunk) => { swaps += chunk })
    const closed = new Promise((resolve) => child.on('close', resolve))
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      onLine: (line) => { if (line === 'STEP start') acks.ack('start') }
    })
    writeFileSync(stop, '')
    await closed
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.ok(Number(swaps) > 10, `the swapper ran (${swaps})`)
    assert.ok(r.race.written + r.race.refused > 10, JSON.stringify(r.race))
    assert.deepEqual(readdirSync(outside).filter((name) => name.startsWith('f-')), [], JSON.stringify(r.race))
  } finally {
    rmSync(stop, { force: true })
    app.remove()
    acks.remove()
    remove()
  }
})
