// The host serves an app per Contract 4: files at socket://<bundle-id>/, module proxies, the preload, console
// forwarding, test mode and exit codes. Every case runs the real host in a real WebKitGTK window (Xvfb).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { hostBinary, makeApp, reports, runHost, testPage } from './helpers.ts'
import { spawnSync } from 'node:child_process'

test('serves the app, refuses to escape it, and proxies socket: and node: modules to one instance', async () => {
  const app = makeApp({
    'index.html': '<!doctype html><meta charset="utf-8"><title>served</title><body><h1>Hi</h1></body>',
    'style.css': 'h1 { color: red }',
    'sub/index.html': '<!doctype html><p>sub</p>',
    'socket/counter.js': 'export let count = 0\nexport function bump () { return ++count }\nexport default { kind: "counter" }\n',
    'socket/fs/promises.js': 'export const which = "fs/promises"\n',
    'main.js': testPage(`
      const get = async (path) => { const r = await fetch(path); return { status: r.status, type: r.headers.get('content-type'), csp: r.headers.get('content-security-policy'), text: await r.text() } }
      report('index', await get('socket://com.example.hosttest/'))
      report('css', await get('socket://com.example.hosttest/style.css'))
      report('dir', await get('socket://com.example.hosttest/sub/'))
      report('fallback', await get('socket://com.example.hosttest/some/route'))
      report('missing', await get('socket://com.example.hosttest/missing.png'))
      report('escape', await get('socket://com.example.hosttest/%2e%2e/%2e%2e/%2e%2e/etc/passwd'))
      report('escape2', await get('socket://com.example.hosttest/sub/..%2f..%2f..%2fetc/hostname'))
      const viaScheme = await import('socket:counter')
      const viaUrl = await import('socket://com.example.hosttest/socket/counter.js')
      viaScheme.bump()
      report('shared', { same: viaUrl.count === 1, default: viaScheme.default.kind })
      report('nested', (await import('socket:fs/promises')).which)
      report('node', (await import('node:fs/promises')).which)
      report('nodeRefused', await import('node:notacore').then(() => 'loaded', () => 'refused'))
      report('unknownModule', await import('socket:doesnotexist').then(() => 'loaded', () => 'refused'))
    `)
  }, {}, { runtime: false })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'] })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.index.status, 200)
    assert.match(r.index.type, /^text\/html/)
    assert.match(r.index.text, /<h1>Hi<\/h1>/)
    assert.match(r.index.csp, /default-src/)
    assert.match(r.css.type, /^text\/css/)
    assert.match(r.dir.text, /sub/)
    assert.match(r.fallback.text, /<h1>Hi<\/h1>/, 'an extension-less unknown path falls back to index.html')
    assert.equal(r.missing.status, 404)
    for (const name of ['escape', 'escape2']) {
      assert.doesNotMatch(r[name].text, /root:|^[a-z0-9-]+\n$/, `${name} must not read outside the app`)
    }
    assert.deepEqual(r.shared, { same: true, default: 'counter' })
    assert.equal(r.nested, 'fs/promises')
    assert.equal(r.node, 'fs/promises')
    assert.equal(r.nodeRefused, 'refused')
    assert.equal(r.unknownModule, 'refused')
  } finally {
    app.remove()
  }
})

test('the preload sets __args before app scripts, and console goes to stdout and stderr', async () => {
  const app = makeApp({
    'index.html': '<!doctype html><meta charset="utf-8"><script>window.early = JSON.stringify(globalThis.__args?.config?.meta_title)</script><body></body>',
    'main.js': testPage(`
      report('early', window.early)
      report('args', __args)
      report('frozen', Object.isFrozen(__args) && Object.isFrozen(__args.config))
      console.log('plain %s and %d', 'text', 42)
      console.error('to stderr', { a: 1 })
    `)
  }, { meta_title: 'Preloaded', window_width: '640', build_flag: 'true', build_env: 'SOCKET_HOST_TEST_VAR', env_FROM_INI: 'ini' })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js', 'extra-arg'], env: { SOCKET_HOST_TEST_VAR: 'visible', SECRET_VAR: 'hidden' } })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.early, '"Preloaded"')
    assert.equal(r.args.index, 0)
    assert.equal(r.args.headless, true)
    assert.equal(r.args.config.window_width, 640)
    assert.equal(r.args.config.build_flag, true)
    assert.equal(r.args.env.SOCKET_HOST_TEST_VAR, 'visible')
    assert.equal(r.args.env.FROM_INI, 'ini')
    assert.equal(r.args.env.SECRET_VAR, undefined)
    assert.ok(r.args.argv.includes('extra-arg'))
    assert.equal(r.frozen, true)
    assert.match(run.stdout, /^plain text and 42$/m)
    assert.match(run.stderr, /^to stderr \{"a":1\}$/m)
  } finally {
    app.remove()
  }
})

test('exit codes: application.exit, an uncaught error, a missing test file, bad flags, a missing config', async () => {
  const app = makeApp({
    'exit3.js': 'await fetch("ipc://application.exit?seq=R1&value=3")',
    'late.js': 'setTimeout(() => { throw new Error("uncaught later") }, 10)'
  })
  try {
    assert.equal((await runHost(app.dir, { args: ['--test=exit3.js'] })).code, 3)
    const late = await runHost(app.dir, { args: ['--test=late.js'] })
    assert.equal(late.code, 1)
    assert.match(late.stderr, /uncaught later/)
    const missing = await runHost(app.dir, { args: ['--test=nope.js'] })
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /nope\.js/)
    const badPort = spawnSync(hostBinary, [`--resources=${app.dir}`, '--port=abc'], { encoding: 'utf8' })
    assert.equal(badPort.status, 2)
    assert.match(badPort.stderr, /--port must be a number/)
    const noConfig = spawnSync(hostBinary, ['--resources=/nonexistent-dir', '--headless'], { encoding: 'utf8' })
    assert.equal(noConfig.status, 2)
    assert.match(noConfig.stderr, /socket-config\.json/)
  } finally {
    app.remove()
  }
})
