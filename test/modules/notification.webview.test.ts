// socket:notification through the host's notification capability to a real notification server: the test
// starts its own dbus-daemon (session bus) and python-dbusmock's notification_daemon template on it, runs
// a window on that bus, and reads what the server was asked from dbusmock's call log.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

const python = '/usr/bin/python3'

function unavailable (): string | undefined {
  const why = webviewUnavailable()
  if (why !== undefined) return why
  if (!existsSync('/usr/bin/dbus-daemon')) return 'dbus-daemon is not installed (apt: dbus)'
  if (spawnSync(python, ['-c', 'import dbusmock']).status !== 0) return 'python3-dbusmock is not installed'
  return undefined
}

async function startBus (): Promise<[ChildProcess, string]> {
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] })
  const address = await new Promise<string>((resolve, reject) => {
    let text = ''
    daemon.stdout!.on('data', (chunk) => { text += String(chunk); if (text.includes('\n')) resolve(text.trim()) })
    daemon.on('exit', (code) => reject(new Error(`dbus-daemon exited ${code}`)))
  })
  return [daemon, address]
}

async function waitForServer (env: NodeJS.ProcessEnv): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.Notifications', '/org/freedesktop/Notifications', 'org.freedesktop.Notifications.GetServerInformation'], { env })
    if (r.status === 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the mock notification server did not appear on the bus')
}

test('socket:notification shows notifications through org.freedesktop.Notifications', { skip: unavailable() }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'socket-notification-'))
  const log = join(dir, 'calls.log')
  const [daemon, address] = await startBus()
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address }
  const mock = spawn(python, ['-m', 'dbusmock', '--template', 'notification_daemon', '-l', log], { env, stdio: 'ignore' })
  const saved = process.env.DBUS_SESSION_BUS_ADDRESS
  try {
    await waitForServer(env)
    process.env.DBUS_SESSION_BUS_ADDRESS = address
    // What a user (or the server) does to notifications 3 and 4; ignored until the page has shown them.
    const signal = (name: string, ...args: string[]): void => {
      // Bounded: a gdbus stuck on a loaded bus would block this process's loop, and with it every later signal.
      spawnSync('gdbus', ['emit', '--session', '--object-path', '/org/freedesktop/Notifications', '--signal', `org.freedesktop.Notifications.${name}`, ...args], { env, timeout: 2000 })
    }
    const responder = setInterval(() => { signal('ActionInvoked', 'uint32 3', "'default'"); signal('NotificationClosed', 'uint32 4', 'uint32 2') }, 300)
    let run
    try {
      run = await runInWebview(join(import.meta.dirname, 'webview', 'notification.page.ts'), { timeoutMs: 60_000 })
    } finally {
      clearInterval(responder)
    }
    const { result } = run
    const facts = result as Record<string, any>
    await t.test('permission follows [permissions] allow_notifications', () => {
      assert.equal(facts.permission, 'granted')
      assert.equal(facts.requestPermission, 'granted')
    })
    await t.test('server information', () => assert.deepEqual(facts.server, { name: 'mock-notify', vendor: 'test vendor', version: '1.0', specVersion: '1.1' }))
    await t.test('show, replace by tag, close', () => assert.deepEqual(facts.show, ['number', true, true, ['onshow', 'show'], 'close']))
    await t.test('ActionInvoked is a click, NotificationClosed a close with its reason', () => {
      assert.deepEqual(facts['server responses'], [[3, 'click', 'default'], [4, 'close', 2]])
    })
    await t.test('a response that overtakes the reply to show still reaches the notification', () => {
      assert.deepEqual(facts['response before the reply'], [5, 'close', 1])
    })
    await t.test('bad titles are TypeErrors', () => {
      assert.equal(facts['no title'].threw.name, 'TypeError')
      assert.equal(facts['empty title'].threw.name, 'TypeError')
    })
    await t.test('the server received the notifications', () => {
      const calls = readFileSync(log, 'utf8')
      assert.match(calls, /Notify "modules test" 0 "" "Build finished" "All 12 tests passed"/)
      assert.match(calls, /Notify "modules test" 1 "" "Build finished again" "replaces the first"/)
      assert.match(calls, /CloseNotification/)
    })
    const denied = await runInWebview(join(import.meta.dirname, 'webview', 'notification.page.ts'), { timeoutMs: 60_000, config: { permissions_allow_notifications: 'false' } })
    await t.test('allow_notifications = false refuses with NotAllowedError', () => {
      const d = denied.result as Record<string, any>
      assert.equal(d.permission, 'denied')
      assert.equal(d.show.threw.name, 'NotAllowedError')
    })
  } finally {
    if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS
    else process.env.DBUS_SESSION_BUS_ADDRESS = saved
    mock.kill()
    daemon.kill()
    rmSync(dir, { recursive: true, force: true })
  }
})
