// Every [window] key the Linux host honours, read back from a real window on an Xvfb screen (1280x1024):
// its size (xwininfo), its size limits, type and frame functions (xprop), its background colour (a pixel).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { hostBinary, makeApp, runHost, startXvfb } from '../host/helpers.ts'

const missing = ['Xvfb', 'xwininfo', 'xprop', 'import'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
const skip = !existsSync(hostBinary) ? 'needs build/native/socket-host' : missing.length > 0 ? `needs ${missing.join(', ')}` : false

interface Probe { width: number, height: number, hints: string, type: string, motif: string, pixel: string }

/** Opens the app's first window with these flattened [window] keys and reads it back once the page loaded. */
async function probeWindow (title: string, config: Record<string, string>): Promise<Probe> {
  const x = await startXvfb()
  const app = makeApp({ 'index.html': '<!doctype html><meta charset="utf-8"><script>addEventListener("load", () => console.log("SHOWN"))</script>' },
    { meta_title: title, ...config }, { runtime: false })
  const env = { ...process.env, DISPLAY: x.display }
  const tool = (command: string, args: string[]): string => spawnSync(command, args, { encoding: 'utf8', env }).stdout
  let probe: Probe | undefined
  try {
    await runHost(app.dir, {
      headless: false,
      env: { DISPLAY: x.display },
      timeoutMs: 60000,
      onLine: (line, child) => {
        if (line !== 'SHOWN' || probe !== undefined) return
        spawnSync('sleep', ['0.5']) // the first paint
        const info = tool('xwininfo', ['-name', title])
        const id = /Window id: (0x[0-9a-f]+)/.exec(info)?.[1] ?? ''
        const number = (label: string): number => Number(new RegExp(`${label}:\\s+(-?\\d+)`).exec(info)?.[1])
        const left = number('Absolute upper-left X')
        const top = number('Absolute upper-left Y')
        const pixel = tool('import', ['-window', 'root', '-crop', `1x1+${left + 20}+${top + 20}`, '-depth', '8', 'txt:-'])
        probe = {
          width: number('Width'),
          height: number('Height'),
          hints: tool('xprop', ['-id', id, 'WM_NORMAL_HINTS']),
          type: tool('xprop', ['-id', id, '_NET_WM_WINDOW_TYPE']),
          motif: tool('xprop', ['-id', id, '_MOTIF_WM_HINTS']),
          pixel: /#([0-9A-F]{6})/i.exec(pixel)?.[1]?.toUpperCase() ?? pixel
        }
        child.kill('SIGTERM')
      }
    })
  } finally {
    app.remove()
    x.stop()
  }
  assert.ok(probe !== undefined, 'the page never loaded')
  return probe
}

test('width and height in percent of the screen: 80% x 50% of 1280x1024', { skip }, async () => {
  const probe = await probeWindow('Percent', { window_width: '80%', window_height: '50%' })
  assert.equal(probe.width, 1024)
  assert.equal(probe.height, 512)
})

test('width and height in px and plain pixels: 700px x 500', { skip }, async () => {
  const probe = await probeWindow('Pixels', { window_width: '700px', window_height: '500' })
  assert.equal(probe.width, 700)
  assert.equal(probe.height, 500)
})

test('min and max sizes become WM_NORMAL_HINTS (px and percent)', { skip }, async () => {
  const probe = await probeWindow('Limits', {
    window_width: '600', window_height: '400', window_min_width: '300px', window_min_height: '200', window_max_width: '50%', window_max_height: '700'
  })
  assert.match(probe.hints, /minimum size: 300 by 200/)
  assert.match(probe.hints, /maximum size: 640 by 700/)
})

test('resizable = false fixes the size (minimum = maximum)', { skip }, async () => {
  const probe = await probeWindow('Fixed', { window_width: '640', window_height: '480', window_resizable: 'false' })
  assert.match(probe.hints, /minimum size: 640 by 480/)
  assert.match(probe.hints, /maximum size: 640 by 480/)
})

test('utility = true makes a utility window', { skip }, async () => {
  const probe = await probeWindow('Utility', { window_width: '400', window_height: '300', window_utility: 'true' })
  assert.match(probe.type, /_NET_WM_WINDOW_TYPE_UTILITY/)
})

test('maximizable, minimizable and closable = false take those functions away from the window manager', { skip }, async () => {
  const probe = await probeWindow('Buttons', {
    window_width: '400', window_height: '300', window_maximizable: 'false', window_minimizable: 'false', window_closable: 'false'
  })
  // _MOTIF_WM_HINTS = flags, functions, …: functions = ALL(1) | MINIMIZE(8) | MAXIMIZE(16) | CLOSE(32) = "all but these".
  const functions = Number(/= (0x[0-9a-f]+|\d+), (0x[0-9a-f]+|\d+)/.exec(probe.motif)?.[2])
  assert.equal(functions & 1, 1, probe.motif)
  assert.equal(functions & (8 | 16 | 32), 8 | 16 | 32, probe.motif)
  const one = await probeWindow('OnlyMax', { window_width: '400', window_height: '300', window_maximizable: 'false' })
  const onlyMax = Number(/= (0x[0-9a-f]+|\d+), (0x[0-9a-f]+|\d+)/.exec(one.motif)?.[2])
  assert.equal(onlyMax & (8 | 16 | 32), 16, one.motif)
})

test('frameless = true asks for no decorations; width/height/title come from socket.ini too', { skip }, async () => {
  const probe = await probeWindow('Bare', { window_width: '500', window_height: '300', window_frameless: 'true' })
  // _MOTIF_WM_HINTS = flags, functions, decorations, …: the decorations flag (2) is set and decorations are 0.
  const fields = /= (.*)$/m.exec(probe.motif)?.[1].split(', ').map(Number) ?? []
  assert.equal(fields[0] & 2, 2, probe.motif)
  assert.equal(fields[2], 0, probe.motif)
  assert.equal(probe.width, 500)
})

test('backgroundColorLight paints behind a page without a background', { skip }, async () => {
  const probe = await probeWindow('Colour', { window_width: '400', window_height: '300', window_backgroundColorLight: '#123456' })
  assert.equal(probe.pixel, '123456')
})

/** Runs a page headless and returns its first line starting with `prefix`. */
async function pageLine (config: Record<string, string>, script: string, prefix: string): Promise<string> {
  const app = makeApp({ 'index.html': `<!doctype html><meta charset="utf-8"><script>${script}</script>` }, config, { runtime: false })
  const x = await startXvfb()
  let found = ''
  try {
    await runHost(app.dir, {
      env: { DISPLAY: x.display },
      timeoutMs: 60000,
      onLine: (line, child) => { if (found === '' && line.startsWith(prefix)) { found = line; child.kill('SIGTERM') } }
    })
  } finally {
    app.remove()
    x.stop()
  }
  return found
}

// allow_geolocation, allow_notifications and allow_camera/microphone are answered in WebKit's permission-request
// handler; WebKitGTK raises no such request for socket:// pages under Xvfb here, so only fullscreen is read back.
test('[permissions] allow_fullscreen = false turns the Fullscreen API off', { skip }, async () => {
  const ask = 'console.log("FULLSCREEN " + (document.fullscreenEnabled === true && "requestFullscreen" in document.documentElement))'
  assert.equal(await pageLine({}, ask, 'FULLSCREEN'), 'FULLSCREEN true')
  assert.equal(await pageLine({ permissions_allow_fullscreen: 'false' }, ask, 'FULLSCREEN'), 'FULLSCREEN false')
})

test('the host checks a hand-written socket-config.json against the same schema (warnings name the key)', { skip }, async () => {
  const x = await startXvfb()
  const app = makeApp({ 'index.html': '<script>console.log("UP")</script>' }, { window_widht: '500', env_ANYTHING: '1' }, { runtime: false })
  try {
    const run = await runHost(app.dir, { env: { DISPLAY: x.display }, timeoutMs: 60000, onLine: (line, child) => { if (line === 'UP') child.kill('SIGTERM') } })
    assert.match(run.stderr, /socket-host: warning: .*socket-config\.json: unknown key "window_widht"/)
    assert.doesNotMatch(run.stderr, /ANYTHING|meta_bundle_identifier|build_name/)
  } finally {
    app.remove()
    x.stop()
  }
})
