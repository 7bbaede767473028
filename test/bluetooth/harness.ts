// Runs an app page that uses socket:bluetooth in a real window of the host, with the host's system bus
// pointed (DBUS_SYSTEM_BUS_ADDRESS) at a private dbus-daemon, and lets the test act on the fake BlueZ when
// the page says `await step(name)`.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { hostBinary, makeAcks, makeApp, reports, runHost, runtimeDir, testPage, type HostRun } from '../host/helpers.ts'

/** Why these tests cannot run here, or false. */
export function bluetoothTestsUnavailable (): string | false {
  if (!existsSync(hostBinary)) return 'build/native/socket-host is not built'
  if (!existsSync(join(runtimeDir, 'bluetooth.js'))) return 'build/runtime/socket is not built'
  for (const tool of ['dbus-daemon', 'gdbus']) if (spawnSync('which', [tool]).status !== 0) return `${tool} is not installed`
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'
  if (spawnSync(python, ['-c', 'import dbusmock']).status !== 0) return 'python3-dbusmock is not installed (scripts/apt-packages.txt)'
  return false
}

export interface PageRun { run: HostRun, reports: Record<string, any> }

/**
 * Runs `body` (with `Bluetooth` imported from socket:bluetooth, `step`, `report`, `sleep`, `until` and
 * `failure` in scope) as the app's test page; `steps[name](pid)` runs when the page reaches `step(name)`.
 */
export async function runPage (body: string, options: {
  busAddress: string
  steps?: Record<string, (hostPid: number) => void>
  config?: Record<string, string>
  env?: Record<string, string>
}): Promise<PageRun> {
  const acks = makeAcks()
  const app = makeApp({
    'main.js': testPage(`
      const { default: Bluetooth } = await import('socket:bluetooth')
      // Waits for a condition the host reports through events, failing after 15 s.
      const until = async (what, check) => {
        for (let i = 0; i < 300; i++) { if (check()) return; await sleep(50) }
        throw new Error('timed out waiting for ' + what)
      }
      // A rejected call's error as the page sees it.
      const failure = async (promise) => {
        try { await promise; return 'resolved' } catch (error) { return { name: error.name, code: error.code, message: error.message, isError: error instanceof Error } }
      }
      try {
        ${body}
      } catch (error) {
        report('pageError', { name: error?.name, code: error?.code, message: error?.message })
        throw error
      }
    `, acks.dir)
  }, { filesystem_allow: acks.dir, ...options.config })
  const errors: unknown[] = []
  try {
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      timeoutMs: 120_000,
      env: { DBUS_SYSTEM_BUS_ADDRESS: options.busAddress, ...options.env },
      onLine: (line, child) => {
        if (!line.startsWith('STEP ')) return
        const name = line.slice(5)
        try {
          options.steps?.[name]?.(child.pid as number)
        } catch (error) {
          errors.push(error)
        }
        acks.ack(name)
      }
    })
    if (errors.length > 0) throw errors[0]
    // A GVariant of the wrong type or a misused GDBus call shows up as a GLib critical or warning, not a failure.
    const glib = /^.*(GLib|GLib-GIO|GLib-GObject)-(CRITICAL|WARNING).*$/m.exec(run.stderr)
    if (glib) throw new Error(`the host logged: ${glib[0]}`)
    return { run, reports: reports(run) }
  } finally {
    app.remove()
    acks.remove()
  }
}
