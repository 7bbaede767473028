// ipc:// answers only the app's own pages, and the preload reaches only them. Each attack below tries to make
// the host exit with its own status (application.exit?value=66..69) and to forge console lines and a fatal
// error through the script message handlers; the app's own fetch, POST and sync XHR keep working.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { makeApp, reports, runHost, testPage } from '../host/helpers.ts'
import { attackScript, startHostileServer } from './hostile-server.ts'

test('a data: iframe and an iframe from another origin get no preload and no answer from ipc://', async () => {
  const hostile = await startHostileServer()
  const dataFrame = `<script>const PORT = ${hostile.port};\n${attackScript('data')}</script>`
  const app = makeApp({
    'main.js': testPage(`
      // The app's own calls keep working: fetch, POST with a body, and a synchronous XHR.
      const get = await fetch('ipc://os.uptime?seq=R1&index=0')
      report('own', get.status)
      report('ownPost', (await call('os.uptime', {}, { method: 'POST', body: new Uint8Array(1000) })).status)
      const xhr = new XMLHttpRequest(); xhr.open('GET', 'ipc://os.uptime?seq=R9&index=0', false); xhr.send()
      report('ownSync', xhr.status)
      const frames = {}
      addEventListener('message', (event) => {
        if (!event.data?.hostile) return
        const { where, name, value } = event.data
        report(where + ':' + name, value)
        if (name === 'done') frames[where] = true
      })
      for (const src of ['data:text/html,' + encodeURIComponent(${JSON.stringify(dataFrame)}), '${hostile.origin}/?as=iframe']) {
        const frame = document.createElement('iframe'); frame.src = src; document.body.append(frame)
      }
      for (let i = 0; i < 600 && !(frames.data && frames.iframe); i++) await sleep(100)
      report('stillHere', location.href)
    `)
  }, { webview_navigator_policies_frames: `data: ${hostile.origin}` })
  try {
    const result = await runHost(app.dir, { args: ['--test=main.js'] })
    assert.equal(result.code, 0, `the host must survive every attack: ${result.stderr}`)
    const r = reports(result) as Record<string, any>
    assert.equal(r.own, 200)
    assert.equal(r.ownPost, 200)
    assert.equal(r.ownSync, 200)
    assert.equal(r.forged, undefined, 'a foreign frame cannot write console lines through __console')
    assert.doesNotMatch(result.stderr, /forged fatal/)
    for (const where of ['data', 'iframe']) {
      const seen = (name: string) => r[`${where}:${name}`]
      assert.equal(seen('done'), true, `${where}: the attack ran to its end`)
      assert.deepEqual(seen('preload'), { args: 'undefined', host: 'undefined' }, `${where}: no preload`)
      assert.ok(seen('fetch').error || seen('fetch').status === 403, `${where}: fetch refused: ${JSON.stringify(seen('fetch'))}`)
      assert.ok(seen('sync').error || seen('sync').status !== 200, `${where}: sync XHR refused: ${JSON.stringify(seen('sync'))}`)
      assert.ok(seen('appFile').error, `${where}: no CORS grant to read the app's files: ${JSON.stringify(seen('appFile'))}`)
    }
    assert.match(result.stderr, /refused ipc:\/\/ from null/, 'the data: frame is logged')
    assert.match(result.stderr, new RegExp(`refused ipc:// from ${hostile.origin}`), 'the other origin is logged')
    assert.match(result.stderr, /refused ipc:\/\/ from \(no origin\)/, '<img> and <script> src=ipc:// are refused')
    assert.equal((result.stderr.match(/refused ipc:\/\/ from null/g) ?? []).length, 1, 'logged once per origin')
    assert.match(result.stderr, /refused a script message on __fatal/)
  } finally {
    app.remove()
    await hostile.close()
  }
})

test('a form POST and a navigation to ipc:// are refused, even from the app page', async () => {
  const app = makeApp({
    'main.js': testPage(`
      const sink = document.createElement('iframe'); sink.name = 'sink'; document.body.append(sink)
      const form = document.createElement('form'); form.method = 'POST'; form.target = 'sink'
      form.action = 'ipc://application.exit?seq=R1&index=0&value=70'; document.body.append(form); form.submit()
      const nav = document.createElement('iframe'); nav.src = 'ipc://application.exit?seq=R2&index=0&value=71'; document.body.append(nav)
      await sleep(1500)
      location.href = 'ipc://application.exit?seq=R3&index=0&value=72'
      await sleep(1500)
      report('stayed', location.href)
    `)
  }, { webview_csp: "default-src 'self' socket: ipc: 'unsafe-inline'; form-action ipc:; frame-src ipc: socket:" })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'] })
    assert.equal(run.code, 0, run.stderr)
    assert.equal((reports(run) as any).stayed, 'socket://com.example.hosttest/')
    assert.match(run.stderr, /refused a navigation to ipc:\/\/application\.exit\?seq=R1/)
    assert.match(run.stderr, /refused a navigation to ipc:\/\/application\.exit\?seq=R3/)
  } finally {
    app.remove()
  }
})
