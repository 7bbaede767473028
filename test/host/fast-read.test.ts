// The fast file read (native/linux/fast_read.hh, runtime-js/ipc/fast-read.ts): socket:fs readFile of a path gets
// the file from the host as a read-only descriptor through the web-process extension and reads it in the web
// process, without the bytes going through WebKit's resource loading. Exact bytes for small, 10 MB and > 16 MiB
// files (above the scheme's one-call limit), typed errors, app frames, and the ordinary path when the extension is
// switched off (SOCKET_HOST_FAST_READ=0). Real host, real WebKitGTK window, real files.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { hostBinary, makeApp, reports, runHost, testPage } from './helpers.ts'

const pattern = (i: number): number => (i * 31 + (i >> 9)) & 0xff

function patterned (size: number): Uint8Array {
  const data = new Uint8Array(size)
  for (let i = 0; i < size; i++) data[i] = pattern(i)
  return data
}

// The page: reads through socket:fs/promises and reports what came back, and whether the extension answered.
const page = (dir: string): string => testPage(`
  const dir = ${JSON.stringify(dir)}
  const fs = await import('socket:fs/promises')
  const expected = (i) => (i * 31 + (i >> 9)) & 0xff
  const check = (bytes) => { for (let i = 0; i < bytes.length; i++) if (bytes[i] !== expected(i)) return 'mismatch at ' + i; return 'ok' }
  report('fast', !document.dispatchEvent(new CustomEvent('__socket_fast_read_probe', { cancelable: true })))
  report('global', typeof globalThis.__socketFastRead)
  for (const name of ['small.bin', 'ten.bin', 'huge.bin', 'empty.bin']) {
    const bytes = await fs.readFile(dir + '/' + name)
    report(name, { length: bytes.length, check: check(bytes) })
  }
  report('text', await fs.readFile(dir + '/small.bin', 'latin1').then((text) => text.length))
  report('bundled', await fs.readFile('index.html', 'utf8').then((text) => text.includes('<title>test</title>')))
  const codes = async (promise) => promise.then(() => 'resolved', (error) => ({ code: error.code, name: error.name, syscall: error.syscall }))
  report('missing', await codes(fs.readFile(dir + '/missing')))
  report('directory', await codes(fs.readFile(dir)))
  report('outside', await codes(fs.readFile('/etc/passwd')))
  const together = await Promise.all(['small.bin', 'ten.bin', 'small.bin'].map((name) => fs.readFile(dir + '/' + name)))
  report('parallel', together.map((bytes) => bytes.length + ':' + check(bytes)))
  // The raw protocol, to show which path answered: a Uint8Array of the page's world comes back only from the extension.
  const raw = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no answer'), 3000)
    document.addEventListener('__socket_fast_read_reply', function once (event) {
      if (event.detail?.[0] !== 'raw1') return
      document.removeEventListener('__socket_fast_read_reply', once)
      clearTimeout(timer)
      const value = event.detail[1]
      resolve(value instanceof Uint8Array ? { length: value.length, check: check(value) } : String(value))
    })
    document.dispatchEvent(new CustomEvent('__socket_fast_read', { detail: 'raw1 ipc://fs.readFile?seq=R1&index=0&path=' + encodeURIComponent(dir + '/huge.bin') }))
  })
  report('raw', raw)
  // An app frame (same origin, its own document) reads through its own isolated world.
  report('frame', await new Promise((resolve) => {
    const frame = document.createElement('iframe')
    const timer = setTimeout(() => resolve('no answer'), 20000)
    window.addEventListener('message', function once (event) {
      if (event.source !== frame.contentWindow) return
      window.removeEventListener('message', once)
      clearTimeout(timer)
      resolve(event.data)
    })
    frame.src = 'frame.html'
    document.body.append(frame)
  }))
  const ipc = await import('socket:ipc')
  report('descriptors', (await ipc.send('fs.getOpenDescriptors')).data.length)
`)

test('readFile through the web-process extension, and the ordinary path without it', async () => {
  assert.ok(existsSync(join(dirname(hostBinary), 'socket-webext', 'libsocket-fast-read.so')), 'the extension is built beside the host')
  const work = mkdtempSync(join(tmpdir(), 'socket-host-fastread-'))
  const small = 1000
  const ten = 10 * 1024 * 1024
  const huge = 16 * 1024 * 1024 + 4099
  writeFileSync(join(work, 'small.bin'), patterned(small))
  writeFileSync(join(work, 'ten.bin'), patterned(ten))
  writeFileSync(join(work, 'huge.bin'), patterned(huge))
  writeFileSync(join(work, 'empty.bin'), new Uint8Array(0))
  const frame = `<!doctype html><script type="module">
    const fs = await import('socket:fs/promises')
    const fast = !document.dispatchEvent(new CustomEvent('__socket_fast_read_probe', { cancelable: true }))
    const bytes = await fs.readFile(${JSON.stringify(join(work, 'ten.bin'))})
    let check = 'ok'
    for (let i = 0; i < bytes.length; i++) if (bytes[i] !== ((i * 31 + (i >> 9)) & 0xff)) { check = 'mismatch at ' + i; break }
    parent.postMessage({ fast, length: bytes.length, check }, '*')
  </script>`
  const app = makeApp({ 'main.js': page(work), 'frame.html': frame }, { filesystem_allow: work })
  try {
    for (const fast of [true, false]) {
      const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 180_000, env: fast ? {} : { SOCKET_HOST_FAST_READ: '0' } })
      assert.equal(run.code, 0, run.stderr)
      const r = reports(run) as Record<string, any>
      assert.equal(r.fast, fast, fast ? 'the extension answers in an app page' : 'switched off, nothing answers')
      assert.equal(r.global, 'undefined', 'the page world never sees the extension function')
      assert.deepEqual(r['small.bin'], { length: small, check: 'ok' })
      assert.deepEqual(r['ten.bin'], { length: ten, check: 'ok' })
      assert.deepEqual(r['huge.bin'], { length: huge, check: 'ok' })
      assert.deepEqual(r['empty.bin'], { length: 0, check: 'ok' })
      assert.equal(r.text, small)
      assert.equal(r.bundled, true)
      assert.equal(r.missing?.code, 'ENOENT')
      assert.equal(r.missing?.syscall, 'open')
      assert.equal(r.directory?.code, 'EISDIR')
      assert.equal(r.outside?.code, 'EACCES', JSON.stringify(r.outside))
      assert.deepEqual(r.parallel, [`${small}:ok`, `${ten}:ok`, `${small}:ok`])
      assert.deepEqual(r.raw, fast ? { length: huge, check: 'ok' } : 'no answer')
      assert.deepEqual(r.frame, { fast, length: ten, check: 'ok' }, 'an app frame reads too')
      assert.equal(r.descriptors, 0, 'no descriptor is left open in the window')
    }
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})

// A file that shrinks and grows while it is read: every read ends with some length (what the file held, or the
// ordinary path's answer when it grew past the size fstat gave), and nothing crashes (no mmap, so no SIGBUS).
test('readFile of a file that changes size while read', async () => {
  const { openSync, ftruncateSync, closeSync } = await import('node:fs')
  const work = mkdtempSync(join(tmpdir(), 'socket-host-fastread-resize-'))
  const big = 32 * 1024 * 1024
  writeFileSync(join(work, 'moving.bin'), new Uint8Array(big).fill(1))
  const app = makeApp({
    'main.js': testPage(`
      const fs = await import('socket:fs/promises')
      report('fast', !document.dispatchEvent(new CustomEvent('__socket_fast_read_probe', { cancelable: true })))
      console.log('READING')
      const lengths = []
      for (let i = 0; i < 20; i++) lengths.push((await fs.readFile(${JSON.stringify(join(work, 'moving.bin'))})).length)
      report('lengths', lengths)
    `)
  }, { filesystem_allow: work })
  const fd = openSync(join(work, 'moving.bin'), 'r+')
  let timer: NodeJS.Timeout | undefined
  try {
    let flip = false
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      timeoutMs: 180_000,
      onLine: (line) => {
        if (line !== 'READING') return
        timer = setInterval(() => { flip = !flip; ftruncateSync(fd, flip ? 1024 : big) }, 3)
      }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.fast, true)
    assert.equal(r.lengths.length, 20)
    for (const length of r.lengths) assert.ok(length >= 0 && length <= big, `length ${length}`)
  } finally {
    clearInterval(timer)
    closeSync(fd)
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})
