// `ssc build -w` reloads (SIGUSR2) a page at any moment, also while its module is waiting on ipc:// calls. In
// WebKitGTK 2.50 the reload could then leave the web process spinning forever and the reloaded page never running
// (native/linux/preload.cc says why): about 2% of reloads of a page polling ipc:// under load, and every one of a
// page whose module always has a call in flight, as here. The preload now holds back a leaving page's fetches.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { makeAcks, makeApp, runHost, testPage } from './helpers.ts'

test('a reload while the page\'s module awaits ipc:// calls runs the reloaded page', async () => {
  // sessionStorage outlives the reload: the first run polls ipc:// from its module until reloaded, the second ends.
  const body = `
    if (sessionStorage.getItem('ran') !== '1') {
      sessionStorage.setItem('ran', '1')
      console.log('STEP polling')
      for (;;) await call('fs.stat', { path: 'index.html' }).catch(() => {})
    }
    console.log('STEP running again')`
  const app = makeApp({ 'main.js': testPage(body) }, {}, { runtime: false })
  try {
    let reloads = 0
    const run = await runHost(app.dir, {
      args: ['--test=main.js', '--test-timeout=60000'],
      timeoutMs: 120000,
      onLine: (line, child) => {
        if (line !== 'STEP polling') return
        // A few calls answered first, so that one is in flight whenever the signal lands.
        setTimeout(() => { reloads++; child.kill('SIGUSR2') }, 200)
      }
    })
    assert.equal(run.code, 0, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`)
    assert.equal(reloads, 1)
    assert.match(run.stderr, /reloaded 1 window\(s\)/)
    assert.deepEqual(run.stdout.split('\n').filter((line) => line.startsWith('STEP ')), ['STEP polling', 'STEP running again'])
  } finally {
    app.remove()
  }
})

test('a reload signal reloads every window', async () => {
  // Window 0 opens window 1; after the signal both pages run again (each counts its runs in its sessionStorage).
  const acks = makeAcks()
  const body = `
    if (sessionStorage.getItem('ran') !== '1') {
      sessionStorage.setItem('ran', '1')
      await call('window.create', { options: JSON.stringify({ targetWindowIndex: 1, url: 'second.html', headless: true }) })
      console.log('STEP first')
      await new Promise(() => {})
    }
    console.log('STEP first again')
    await step('done')`
  const second = `<!doctype html><script>
    const runs = Number(sessionStorage.getItem('runs') ?? 0) + 1
    sessionStorage.setItem('runs', String(runs))
    console.log('STEP second ' + runs)
  </script>`
  const app = makeApp({ 'main.js': testPage(body, acks.dir), 'second.html': second }, { filesystem_read: acks.dir }, { runtime: false })
  try {
    const seen = new Set<string>()
    const run = await runHost(app.dir, {
      args: ['--test=main.js', '--test-timeout=60000'],
      timeoutMs: 120000,
      onLine: (line, child) => {
        if (!line.startsWith('STEP ')) return
        seen.add(line)
        if (line === 'STEP second 1' || line === 'STEP first') {
          if (seen.has('STEP second 1') && seen.has('STEP first')) child.kill('SIGUSR2')
        }
        if (seen.has('STEP first again') && seen.has('STEP second 2')) acks.ack('done')
      }
    })
    assert.equal(run.code, 0, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`)
    assert.match(run.stderr, /reloaded 2 window\(s\)/)
    assert.ok(seen.has('STEP first again') && seen.has('STEP second 2'), run.stdout)
  } finally {
    app.remove()
    acks.remove()
  }
})

test('a page that reloads itself while its module awaits ipc:// calls runs again', async () => {
  // The same WebKit loop without the signal: the page's own location.reload() (or any navigation away).
  const body = `
    if (sessionStorage.getItem('ran') !== '1') {
      sessionStorage.setItem('ran', '1')
      console.log('STEP polling')
      setTimeout(() => location.reload(), 200)
      for (;;) await call('fs.stat', { path: 'index.html' }).catch(() => {})
    }
    console.log('STEP running again')`
  const app = makeApp({ 'main.js': testPage(body) }, {}, { runtime: false })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js', '--test-timeout=60000'], timeoutMs: 120000 })
    assert.equal(run.code, 0, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`)
    assert.deepEqual(run.stdout.split('\n').filter((line) => line.startsWith('STEP ')), ['STEP polling', 'STEP running again'])
  } finally {
    app.remove()
  }
})

test('a reload signal while the host is starting does not end it', async () => {
  const app = makeApp({ 'main.js': testPage(`console.log('STEP ran')`) }, {}, { runtime: false })
  try {
    let sent = false
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      env: { SOCKET_TRACE_STARTUP: '1' },
      // main()'s first trace line: long before the reload handler exists (after the web context is made).
      onErrorLine: (line, child) => {
        if (sent || !/^socket-host: trace 0\.0 ms main /.test(line)) return
        sent = true
        child.kill('SIGUSR2')
      }
    })
    assert.ok(sent, run.stderr)
    assert.equal(run.signal, null, `the host was ended by ${run.signal}`)
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /^STEP ran$/m)
  } finally {
    app.remove()
  }
})
