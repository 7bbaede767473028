// The main frame stays on the app's origin: navigations elsewhere are refused, links the page follows go to the
// system browser (observed through the SOCKET_HOST_OPEN_EXTERNAL seam: a script that records the URL instead of
// starting a browser), a page opens no window by itself, and a foreign page the app itself loads gets neither
// the preload nor ipc://. The default CSP has no 'unsafe-eval'.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { makeApp, reports, runHost, startXvfb, testPage } from '../host/helpers.ts'
import { startHostileServer } from './hostile-server.ts'

function recorder (): { program: string, opened: () => string[], remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'socket-open-external-'))
  const program = join(dir, 'record-url')
  writeFileSync(program, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${dir}/opened'\n`)
  chmodSync(program, 0o755)
  const file = join(dir, 'opened')
  return {
    program,
    opened: () => existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [],
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

test('navigation away is refused, followed links open in the system browser, pages open no windows', async () => {
  const hostile = await startHostileServer()
  const browser = recorder()
  const app = makeApp({
    'main.js': testPage(`
      location.href = '${hostile.origin}/?as=navigated'
      await sleep(1500)
      report('afterAssign', location.href)
      const link = document.createElement('a'); link.href = '${hostile.origin}/?as=clicked'; link.textContent = 'x'
      document.body.append(link); link.click()
      await sleep(1500)
      report('afterClick', location.href)
      const blank = document.createElement('a'); blank.href = '${hostile.origin}/?as=blank'; blank.target = '_blank'
      document.body.append(blank); blank.click()
      report('popup', window.open('${hostile.origin}/?as=popup') === null)
      // WebKit itself refuses a socket: page's link to file: ("not allowed to load local resource").
      const file = document.createElement('a'); file.href = 'file:///etc/passwd'; document.body.append(file); file.click()
      await sleep(1500)
      report('afterAll', location.href)
      report('eval', (() => { try { return eval('1 + 1') } catch (error) { return error.name } })())
      report('newFunction', (() => { try { return new Function('return 2')() } catch (error) { return error.name } })())
    `)
  })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], env: { SOCKET_HOST_OPEN_EXTERNAL: browser.program } })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    for (const name of ['afterAssign', 'afterClick', 'afterAll']) assert.equal(r[name], 'socket://com.example.hosttest/', name)
    assert.equal(r.popup, true, 'window.open gives no window')
    // A target=_blank click without a real user gesture is stopped by WebKit's popup blocker before any policy.
    assert.deepEqual(browser.opened(), [`${hostile.origin}/?as=clicked`],
      'a clicked link goes to the system browser; script navigations, popups and file: do not')
    assert.match(run.stderr, new RegExp(`refused a navigation to ${hostile.origin}/\\?as=navigated`))
    assert.equal(hostile.reports.length, 0, `the hostile page never loaded: ${JSON.stringify(hostile.reports)}`)
    assert.equal(r.eval, 'EvalError')
    assert.equal(r.newFunction, 'EvalError')
  } finally {
    app.remove()
    browser.remove()
    await hostile.close()
  }
})

test('[webview.navigator.policies] allowed[] lets the main frame go to a foreign page, which gets no preload and no ipc://', async () => {
  const hostile = await startHostileServer()
  const browser = recorder()
  const app = makeApp({
    'main.js': testPage(`
      console.log('LEAVING')
      location.href = '${hostile.origin}/?as=page'
      await new Promise(() => {})
    `)
  }, { webview_navigator_policies_allowed: `${hostile.origin}/*`, webview_navigator_policies_external: '' })
  try {
    let exited = false
    let host: { kill: (signal: NodeJS.Signals) => boolean } | undefined
    const run = runHost(app.dir, {
      args: ['--test=main.js'], env: { SOCKET_HOST_OPEN_EXTERNAL: browser.program }, timeoutMs: 60000,
      onLine: (line, child) => { if (line === 'LEAVING') host = child }
    })
    void run.then(() => { exited = true })
    const done = await hostile.waitFor('page', 'done', 45000)
    assert.equal(done, true)
    assert.equal(exited, false, 'the foreign page could not make the host exit')
    const seen = (name: string) => hostile.reports.find((entry) => entry.where === 'page' && entry.name === name)?.value as any
    assert.deepEqual(seen('preload'), { args: 'undefined', host: 'undefined' })
    assert.ok(seen('fetch').error || seen('fetch').status === 403, JSON.stringify(seen('fetch')))
    // The app never exits by itself here: end it the way a user would.
    assert.ok(host, 'the app page ran')
    host.kill('SIGTERM')
    const result = await run
    assert.equal(result.code, 128 + 15, result.stderr)
    assert.match(result.stderr, new RegExp(`refused ipc:// from ${hostile.origin}`))
    assert.doesNotMatch(result.stdout, /forged/)
    assert.deepEqual(browser.opened(), [])
  } finally {
    app.remove()
    browser.remove()
    await hostile.close()
  }
})

test('an origin allowed in frames (frames[]) still cannot take the main frame', async () => {
  const hostile = await startHostileServer()
  const app = makeApp({
    'main.js': testPage(`
      location.href = '${hostile.origin}/?as=top'
      await sleep(2500)
      report('stayed', location.href)
    `)
  }, { webview_navigator_policies_frames: hostile.origin })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'] })
    assert.equal(run.code, 0, run.stderr)
    assert.equal((reports(run) as any).stayed, 'socket://com.example.hosttest/')
    assert.match(run.stderr, /refused to show http:\/\/127\.0\.0\.1:\d+\/\?as=top in the window/)
    assert.deepEqual(hostile.reports, [], 'no script of the page ran')
  } finally {
    app.remove()
    await hostile.close()
  }
})

const hasDesktopTools = ['Xvfb', 'openbox', 'xdotool'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0)

test('a user click on a target=_blank link opens the system browser, not a window', { skip: !hasDesktopTools && 'needs Xvfb, openbox and xdotool' }, async () => {
  const x = await startXvfb({ windowManager: true })
  const hostile = await startHostileServer()
  const browser = recorder()
  const app = makeApp({
    'index.html': `<!doctype html><meta charset="utf-8"><title>Click Me</title>
      <a href="${hostile.origin}/?as=newwin" target="_blank" style="position:fixed;inset:0;display:block">link</a>
      <script type="module">console.log('SHOWN')</script>`
  }, { meta_title: 'Click Me' })
  try {
    const env = { ...process.env, DISPLAY: x.display }
    let clicking: NodeJS.Timeout | undefined
    const click = (): void => {
      spawnSync('xdotool', ['search', '--name', 'Click Me', 'windowactivate', '--sync', 'mousemove', '--window', '%1', '100', '100', 'click', '1'], { env, timeout: 5000 })
    }
    const run = runHost(app.dir, {
      headless: false,
      env: { DISPLAY: x.display, SOCKET_HOST_OPEN_EXTERNAL: browser.program },
      timeoutMs: 60000,
      onLine: (line, child) => {
        if (line !== 'SHOWN' || clicking) return
        click()
        // On a loaded machine the first click can land before the window has the focus: click until it opens.
        clicking = setInterval(() => { if (browser.opened().length > 0) { clearInterval(clicking); child.kill('SIGTERM') } else click() }, 1000)
      }
    })
    const result = await run
    clearInterval(clicking)
    assert.deepEqual([...new Set(browser.opened())], [`${hostile.origin}/?as=newwin`], result.stderr)
    assert.equal(hostile.reports.length, 0, 'the page never loaded in a window')
  } finally {
    x.stop()
    app.remove()
    browser.remove()
    await hostile.close()
  }
})

test('a foreign frame cannot drop a file into the user\'s folders through a download; the app still can', async () => {
  const home = mkdtempSync(join(tmpdir(), 'socket-download-home-'))
  const server = http.createServer((request, response) => {
    if (request.url === '/file') {
      response.setHeader('content-type', 'application/octet-stream')
      response.setHeader('content-disposition', 'attachment; filename="evil.desktop"')
      response.end('[Desktop Entry]\nExec=false\n')
      return
    }
    response.setHeader('content-type', 'text/html')
    response.end('<a id="a" href="/file">x</a><script>document.getElementById("a").click()</script>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const app = makeApp({
    'main.js': testPage(`
      const frame = document.createElement('iframe'); frame.src = '${origin}/'; document.body.append(frame)
      const link = document.createElement('a'); link.download = 'saved-by-app.txt'
      link.href = URL.createObjectURL(new Blob(['from the app'], { type: 'application/octet-stream' }))
      document.body.append(link); link.click()
      await sleep(4000)
    `)
  }, { webview_navigator_policies_frames: origin })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], env: { HOME: home } })
    assert.equal(run.code, 0, run.stderr)
    const files = (readdirSync(home, { recursive: true }) as string[]).map(String)
    assert.ok(!files.some((name) => name.includes('evil')), `nothing from the foreign frame: ${files}`)
    assert.ok(files.some((name) => name.endsWith('saved-by-app.txt')), `the app's own download is saved: ${files}`)
    assert.match(run.stderr, new RegExp(`refused a download of ${origin}/file`))
  } finally {
    app.remove()
    server.close()
    rmSync(home, { recursive: true, force: true })
  }
})
