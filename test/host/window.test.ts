// Window operations change what the X server (xwininfo, xprop), the window manager (openbox) and a screenshot
// (ImageMagick's import) show; two windows exchange events. Runs in its own Xvfb with openbox.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeAcks, makeApp, reports, runHost, startXvfb, testPage } from './helpers.ts'

const tools = ['Xvfb', 'openbox', 'xwininfo', 'xprop', 'import'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)

function inspect (display: string, title: string): { width: number, height: number, x: number, y: number, map: string, state: string } {
  const info = spawnSync('xwininfo', ['-name', title], { encoding: 'utf8', env: { ...process.env, DISPLAY: display } }).stdout
  const number = (label: string) => Number(new RegExp(`${label}:\\s+(-?\\d+)`).exec(info)?.[1])
  const id = /Window id: (0x[0-9a-f]+)/.exec(info)?.[1]
  const state = id ? spawnSync('xprop', ['-id', id, 'WM_STATE', '_NET_WM_STATE'], { encoding: 'utf8', env: { ...process.env, DISPLAY: display } }).stdout : ''
  return { width: number('Width'), height: number('Height'), x: number('Absolute upper-left X'), y: number('Absolute upper-left Y'), map: /Map State: (\w+)/.exec(info)?.[1] ?? 'none', state }
}

function pixel (display: string, x: number, y: number): string {
  const out = spawnSync('import', ['-window', 'root', '-crop', `1x1+${x}+${y}`, '-depth', '8', 'txt:-'], { encoding: 'utf8', env: { ...process.env, DISPLAY: display } }).stdout
  return /#([0-9A-F]{6})/i.exec(out)?.[1]?.toUpperCase() ?? out
}

// Re-checks `probe` until `done` says yes or `ms` pass (windows map, move and paint asynchronously).
function settle<T> (probe: () => T, done: (value: T) => boolean, ms = 10000): T {
  const until = Date.now() + ms
  let value = probe()
  while (!done(value) && Date.now() < until) {
    spawnSync('sleep', ['0.1'])
    value = probe()
  }
  return value
}

test('window operations are visible to the window manager and on screen; two windows exchange events', { skip: tools.length > 0 && `missing ${tools.join(', ')}` }, async () => {
  const x = await startXvfb({ windowManager: true })
  // The page and the test take turns: the page prints STEP <name> and waits for the file <acks>/<name>.
  const acks = makeAcks()
  const seen: Record<string, ReturnType<typeof inspect> & { pixel?: string }> = {}
  const app = makeApp({
    'second.html': `<!doctype html><meta charset="utf-8"><title>second</title><script type="module">
      addEventListener('reply', (event) => {
        console.log('REPORT ' + JSON.stringify(['secondGot', event.detail]))
        fetch('ipc://window.send?seq=R9&index=1&event=ack&targetWindowIndex=0&value=' + encodeURIComponent(JSON.stringify({ from: __args.index })))
      })
      fetch('ipc://window.send?seq=R8&index=1&event=hello&targetWindowIndex=0&value=' + encodeURIComponent(JSON.stringify({ from: __args.index, text: 'hi ✓' })))
    </script>`,
    'main.js': testPage(`
      document.body.style.background = 'rgb(255, 0, 0)'
      document.body.style.margin = '0'
      report('title', (await call('window.setTitle', { value: 'Window Test One' })).data.title)
      await call('window.setSize', { width: '500', height: '400' })
      await call('window.setPosition', { x: '120', y: '90' })
      await step('placed')
      await call('window.hide')
      await step('hidden')
      await call('window.show')
      await step('shown')
      await call('window.maximize')
      await step('maximized')
      await call('window.restore')
      await step('restored')
      await call('window.minimize')
      await step('minimized')
      await call('window.restore')

      const messages = []
      const hello = new Promise((resolve) => addEventListener('hello', (event) => resolve(event.detail), { once: true }))
      const ack = new Promise((resolve) => addEventListener('ack', (event) => resolve(event.detail), { once: true }))
      const closed = new Promise((resolve) => addEventListener('windowclosed', (event) => resolve(event.detail), { once: true }))
      const created = await call('window.create', { options: JSON.stringify({ targetWindowIndex: 1, url: 'second.html', width: 300, height: 200, title: 'Window Test Two', backgroundColorLight: 'rgb(0, 0, 255)' }) })
      report('created', created.data ?? created.err)
      report('duplicate', (await call('window.create', { options: JSON.stringify({ targetWindowIndex: 1, url: 'second.html' }) })).err?.type)
      report('hello', await hello)
      await call('window.send', { event: 'reply', targetWindowIndex: '1', value: JSON.stringify({ back: 'to one' }) })
      report('ack', await ack)
      report('eval', (await call('window.eval', { value: 'document.title + ":" + __args.index', targetWindowIndex: '1' })).data)
      report('windows', (await call('application.getWindows')).data.map((w) => w.index))
      report('secondBg', (await call('window.getBackgroundColor', { targetWindowIndex: '1' })).data)
      report('screen', (await call('application.getScreenSize')).data)
      report('menu', (await call('application.setSystemMenu', { value: 'File:\\n  Say Hi: h\\n  ---\\n  Quit: q;\\nEdit:\\n  Copy: c;' })).err ?? 'ok')
      report('badMenu', (await call('application.setSystemMenu', { value: 'no title line' })).err?.type)
      report('bg', (await call('window.setBackgroundColor', { red: '1', green: '2', blue: '3' })).err ?? (await call('window.getBackgroundColor')).data)
      report('external', (await call('platform.openExternal', { value: 'javascript:alert(1)' })).err?.type)
      await call('window.close', { targetWindowIndex: '1' })
      report('closed', await closed)
      report('missing', (await call('window.show', { targetWindowIndex: '7' })).err?.type)
    `, acks.dir)
  }, { filesystem_read: acks.dir, permissions_allow_open_external: 'true' })
  try {
    const run = await runHost(app.dir, {
      headless: false,
      args: ['--test=main.js'],
      env: { DISPLAY: x.display },
      onLine: (line) => {
        if (!line.startsWith('STEP ')) return
        const name = line.slice(5)
        const expected: Record<string, (s: ReturnType<typeof inspect>) => boolean> = {
          placed: (s) => s.map === 'IsViewable' && s.width === 500 && s.height === 400,
          hidden: (s) => s.map === 'IsUnMapped',
          shown: (s) => s.map === 'IsViewable',
          maximized: (s) => s.width > 1000,
          restored: (s) => s.width === 500,
          minimized: (s) => /Iconic|HIDDEN/.test(s.state)
        }
        const state = settle(() => inspect(x.display, 'Window Test One'), expected[name] ?? (() => true))
        seen[name] = name === 'placed'
          ? { ...state, pixel: settle(() => pixel(x.display, state.x + 250, state.y + 200), (p) => p === 'FF0000') }
          : state
        acks.ack(name)
      }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.title, 'Window Test One')
    assert.equal(seen.placed.map, 'IsViewable')
    assert.equal(seen.placed.width, 500)
    assert.equal(seen.placed.height, 400)
    assert.equal(seen.placed.pixel, 'FF0000', 'the page is drawn in the window')
    assert.equal(seen.hidden.map, 'IsUnMapped')
    assert.equal(seen.shown.map, 'IsViewable')
    assert.ok(seen.maximized.width > 1000 && seen.maximized.height > 800, `maximized: ${JSON.stringify(seen.maximized)}`)
    assert.equal(seen.restored.width, 500)
    assert.match(seen.minimized.state, /Iconic|HIDDEN/, `minimized: ${JSON.stringify(seen.minimized)}`)
    assert.equal(r.created.index, 1)
    assert.equal(r.duplicate, 'TypeError')
    assert.deepEqual(r.hello, { from: 1, text: 'hi ✓' })
    assert.deepEqual(r.secondGot, { back: 'to one' })
    assert.deepEqual(r.ack, { from: 1 })
    assert.equal(r.eval, 'second:1')
    assert.deepEqual(r.windows, [0, 1])
    assert.deepEqual(r.secondBg, { red: 0, green: 0, blue: 255, alpha: 1 })
    assert.deepEqual(r.screen, { width: 1280, height: 1024 })
    assert.equal(r.menu, 'ok')
    assert.equal(r.badMenu, 'TypeError')
    assert.deepEqual(r.bg, { red: 1, green: 2, blue: 3, alpha: 1 })
    assert.equal(r.external, 'TypeError')
    assert.equal(r.closed.index, 1)
    assert.equal(r.missing, 'NotFoundError')
  } finally {
    x.stop()
    app.remove()
    acks.remove()
  }
})

test('closing the last window from the window manager ends the app with status 0', { skip: (tools.length > 0 || spawnSync('sh', ['-c', 'command -v xdotool']).status !== 0) && 'needs Xvfb, openbox and xdotool' }, async () => {
  const x = await startXvfb({ windowManager: true })
  const app = makeApp({
    'index.html': '<!doctype html><meta charset="utf-8"><script type="module">console.log("SHOWN")</script>'
  }, { meta_title: 'Close Me' })
  try {
    let closing = false
    let retry: NodeJS.Timeout | undefined
    const env = { ...process.env, DISPLAY: x.display }
    // Alt+F4 through openbox: GTK gets a delete-event, as when a user closes the window. The window must have
    // the focus first; on a loaded machine that can take a moment, so the key is pressed again until it works.
    const pressClose = (): void => {
      spawnSync('xdotool', ['search', '--name', 'Close Me', 'windowactivate', '--sync'], { env, timeout: 5000 })
      spawnSync('sleep', ['0.5'])
      spawnSync('xdotool', ['key', 'alt+F4'], { env, timeout: 5000 })
    }
    const run = await runHost(app.dir, {
      headless: false,
      env: { DISPLAY: x.display },
      timeoutMs: 60000,
      onLine: (line) => {
        if (line !== 'SHOWN' || closing) return
        closing = true
        pressClose()
        retry = setInterval(pressClose, 3000)
      }
    })
    clearInterval(retry)
    assert.equal(closing, true)
    assert.equal(run.code, 0, run.stderr)
  } finally {
    x.stop()
    app.remove()
  }
})

test('a file the user picks in the GTK open dialog becomes readable by the page', { skip: (tools.length > 0 || spawnSync('sh', ['-c', 'command -v xdotool']).status !== 0) && 'needs Xvfb, openbox and xdotool' }, async () => {
  const x = await startXvfb({ windowManager: true })
  const outside = mkdtempSync(join(tmpdir(), 'socket-host-picked-'))
  const picked = join(outside, 'picked.txt')
  writeFileSync(picked, 'chosen by the user')
  const app = makeApp({
    'main.js': testPage(`
      const read = async () => {
        const opened = await call('fs.open', { id: '1', path: ${JSON.stringify(picked)} })
        if (opened.err) return opened.err.type
        const bytes = (await call('fs.read', { id: '1', size: '100', offset: '0' })).bytes
        await call('fs.close', { id: '1' })
        return new TextDecoder().decode(bytes)
      }
      report('before', await read())
      console.log('PICKER')
      const chosen = await call('window.showFileSystemPicker', { options: JSON.stringify({ type: 'open', title: 'Pick For Test' }) })
      report('chosen', chosen.data ?? chosen.err)
      report('after', await read())
    `)
  })
  try {
    const env = { ...process.env, DISPLAY: x.display }
    const run = await runHost(app.dir, {
      headless: false,
      args: ['--test=main.js'],
      env: { DISPLAY: x.display },
      timeoutMs: 60000,
      onLine: (line) => {
        if (line !== 'PICKER') return
        // Type the path into the dialog's location bar, as a user would, then press Enter.
        settle(() => spawnSync('xdotool', ['search', '--name', 'Pick For Test', 'windowactivate', '--sync'], { env, timeout: 5000 }).status, (status) => status === 0)
        spawnSync('sleep', ['0.5'])
        spawnSync('xdotool', ['key', 'ctrl+l'], { env })
        spawnSync('sleep', ['0.3'])
        spawnSync('xdotool', ['type', '--delay', '20', picked], { env })
        spawnSync('sleep', ['0.3'])
        spawnSync('xdotool', ['key', 'Return'], { env })
      }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.before, 'NotAllowedError')
    assert.deepEqual(r.chosen, [picked])
    assert.equal(r.after, 'chosen by the user')
  } finally {
    x.stop()
    app.remove()
    rmSync(outside, { recursive: true, force: true })
  }
})
