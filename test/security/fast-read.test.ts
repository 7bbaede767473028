// Attacks on the fast file read (native/linux/fast_read.hh, native/linux/webext/fast_read_extension.cc), tried as a
// hostile page would, in a real window of the real host: the extension's function lives only in the host's
// isolated world, a frame of another origin has no way to it, the channel answers fs.readFile and nothing else,
// and the host refuses every path outside the app's folders exactly as the ordinary path does.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { hostBinary, makeApp, reports, runHost, testPage } from '../host/helpers.ts'

const built = existsSync(join(dirname(hostBinary), 'socket-webext', 'libsocket-fast-read.so'))

// A frame tries the channel on its own document: the probe, a raw request, and whether anything answers.
const framePayload = (path: string): string => `<script>
  const probe = !document.dispatchEvent(new CustomEvent('__socket_fast_read_probe', { cancelable: true }))
  let replied = 'no answer'
  document.addEventListener('__socket_fast_read_reply', (event) => { replied = String(event.detail?.[1]).slice(0, 200) })
  document.dispatchEvent(new CustomEvent('__socket_fast_read', { detail: '1 ipc://fs.readFile?seq=R1&index=0&path=' + encodeURIComponent(${JSON.stringify(path)}) }))
  setTimeout(() => parent.postMessage({ probe, replied, global: typeof globalThis.__socketFastRead}, '*'), 1500)
</script>`

test('the fast read: page world, foreign frames, other routes and paths outside the sandbox', { skip: !built && 'the extension is not built' }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-sec-fastread-'))
  const outside = mkdtempSync(join(tmpdir(), 'socket-sec-fastread-out-'))
  writeFileSync(join(work, 'inside.txt'), 'inside')
  writeFileSync(join(outside, 'secret.txt'), 'outside secret')
  symlinkSync(join(outside, 'secret.txt'), join(work, 'escape.txt'))
  const app = makeApp({
    'frame.html': framePayload(join(work, 'inside.txt')),
    'main.js': testPage(`
      const W = ${JSON.stringify(work)}
      const O = ${JSON.stringify(outside)}
      report('global', typeof globalThis.__socketFastRead)
      report('probe', !document.dispatchEvent(new CustomEvent('__socket_fast_read_probe', { cancelable: true })))
      // The raw channel, as a hostile script in the app's page would use it.
      let n = 0
      const raw = (uri) => new Promise((resolve) => {
        const id = 'x' + (++n)
        const timer = setTimeout(() => resolve('no answer'), 5000)
        document.addEventListener('__socket_fast_read_reply', function once (event) {
          if (event.detail?.[0] !== id) return
          document.removeEventListener('__socket_fast_read_reply', once)
          clearTimeout(timer)
          const value = event.detail[1]
          if (value instanceof Uint8Array) resolve({ bytes: new TextDecoder().decode(value) })
          else { try { resolve(JSON.parse(value)) } catch { resolve(String(value)) } }
        })
        document.dispatchEvent(new CustomEvent('__socket_fast_read', { detail: id + ' ' + uri }))
      })
      const readUri = (path) => 'ipc://fs.readFile?seq=R9&index=0&path=' + encodeURIComponent(path)
      report('inside', await raw(readUri(W + '/inside.txt')))
      for (const [name, path] of [['passwd', '/etc/passwd'], ['outside', O + '/secret.txt'], ['escape', W + '/escape.txt'],
        ['dotdot', W + '/../' + O.split('/').pop() + '/secret.txt'], ['proc', '/proc/self/environ']]) {
        report(name, await raw(readUri(path)))
      }
      // Other routes through the same channel: refused before anything runs.
      report('write', await raw('ipc://fs.writeFile?seq=R9&index=0&path=' + encodeURIComponent(W + '/planted.txt') + '&data=x'))
      report('open', await raw('ipc://fs.open?seq=R9&index=0&id=5&path=' + encodeURIComponent(W + '/inside.txt') + '&flags=0&mode=0'))
      report('malformed', await raw('ipc://fs.readFile?seq=R9&index=%zz'))
      report('missingPath', await raw('ipc://fs.readFile?seq=R9&index=0'))
      report('notUtf8', await raw('ipc://fs.readFile?seq=R9&index=0&path=' + encodeURIComponent(W) + '/%FF%FE'))
      // Through socket:fs as the app calls it: the same refusals, in Node's shape.
      const fs = await import('socket:fs/promises')
      report('module', await fs.readFile(O + '/secret.txt').then(() => 'read', (error) => error.code))
      // Loads a frame (set up by \`load\`) and waits for the report it posts.
      const frameResult = (load) => new Promise((resolve) => {
        const frame = document.createElement('iframe')
        const timer = setTimeout(() => resolve('did not load'), 8000)
        window.addEventListener('message', function once (event) {
          if (event.source !== frame.contentWindow) return
          window.removeEventListener('message', once)
          clearTimeout(timer)
          resolve(event.data)
        })
        load(frame)
        document.body.append(frame)
      })
      const payload = await (await fetch('frame.html')).text()
      report('appFrame', await frameResult((frame) => { frame.src = 'frame.html' }))
      report('dataFrame', await frameResult((frame) => { frame.src = 'data:text/html,' + encodeURIComponent(payload) }))
      report('srcdocFrame', await frameResult((frame) => { frame.setAttribute('sandbox', 'allow-scripts'); frame.srcdoc = payload }))
    `)
  }, { filesystem_allow: work })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 180_000 })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.global, 'undefined', 'the page world never sees the extension function')
    assert.equal(r.probe, true, 'the app page has the fast read')
    assert.deepEqual(r.inside, { bytes: 'inside' })
    for (const name of ['passwd', 'outside', 'escape', 'dotdot', 'proc']) {
      assert.equal(r[name]?.err?.type, 'NotAllowedError', `${name}: ${JSON.stringify(r[name])}`)
      assert.doesNotMatch(JSON.stringify(r[name]), /outside secret|root:/)
    }
    for (const name of ['write', 'open']) assert.equal(r[name]?.err?.type, 'NotAllowedError', `${name}: ${JSON.stringify(r[name])}`)
    assert.ok(!existsSync(join(work, 'planted.txt')))
    assert.equal(r.malformed?.err?.type, 'TypeError')
    assert.equal(r.missingPath?.err?.type, 'TypeError')
    assert.ok(r.notUtf8?.err?.type, `a path that is not UTF-8 is a typed error: ${JSON.stringify(r.notUtf8)}`)
    assert.equal(r.module, 'EACCES')
    assert.deepEqual(r.appFrame, { probe: true, replied: '105,110,115,105,100,101', global: 'undefined' }, 'an app frame has it')
    assert.ok(r.dataFrame !== 'did not load' || r.srcdocFrame !== 'did not load', 'at least one foreign frame loaded')
    for (const name of ['dataFrame', 'srcdocFrame']) {
      if (r[name] === 'did not load') continue
      assert.deepEqual(r[name], { probe: false, replied: 'no answer', global: 'undefined' }, `${name}: a foreign frame must have no fast read`)
    }
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  }
})

// WebKit loads every library in the extension folder into the web process, so code a page could write there would
// run there: the host refuses the folder when the page may write it, or when it holds anything but its library.
test('the host refuses an extension folder a page could write or that holds another library', { skip: !built && 'the extension is not built' }, async () => {
  const { copyFileSync, chmodSync, mkdirSync } = await import('node:fs')
  const folder = mkdtempSync(join(tmpdir(), 'socket-sec-webext-'))
  const host = join(folder, 'socket-host')
  copyFileSync(hostBinary, host)
  chmodSync(host, 0o755)
  mkdirSync(join(folder, 'socket-webext'))
  copyFileSync(join(dirname(hostBinary), 'socket-webext', 'libsocket-fast-read.so'), join(folder, 'socket-webext', 'libsocket-fast-read.so'))
  const probe = testPage(`report('probe', !document.dispatchEvent(new CustomEvent('__socket_fast_read_probe', { cancelable: true })))`)
  const run = async (config: Record<string, string>): Promise<{ probe: unknown, stderr: string }> => {
    const app = makeApp({ 'main.js': probe }, config)
    try {
      const { spawn } = await import('node:child_process')
      const child = spawn(host, [`--resources=${app.dir}`, '--headless', '--test=main.js'], { stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => { stdout += chunk })
      child.stderr.on('data', (chunk) => { stderr += chunk })
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
      const code = await new Promise((resolve) => child.on('close', resolve))
      clearTimeout(timer)
      assert.equal(code, 0, stderr)
      return { probe: (reports({ code: 0, signal: null, stdout, stderr, pid: 0 }) as Record<string, unknown>).probe, stderr }
    } finally {
      app.remove()
    }
  }
  try {
    assert.equal((await run({})).probe, true, 'a folder of its own is loaded')
    const writable = await run({ filesystem_allow: folder })
    assert.equal(writable.probe, false, 'a folder the page may write is not loaded')
    assert.match(writable.stderr, /not loading the web-process extension .*the page may write there/)
    writeFileSync(join(folder, 'socket-webext', 'planted.so'), 'not a library')
    const planted = await run({})
    assert.equal(planted.probe, false, 'a folder holding another file is not loaded')
    assert.match(planted.stderr, /holds more than libsocket-fast-read.so/)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
