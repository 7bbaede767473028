// Starts a built app with the host flags of Contract 4, streams its stdout and stderr, and returns its status.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { constants } from 'node:os'
import { CliError } from '../errors.ts'
import { configValue, type AppConfig } from '../config/load.ts'
import type { Log } from '../log.ts'

export interface LaunchOptions {
  executable: string
  config: AppConfig
  headless: boolean
  /** Path of the test file relative to the resources directory. */
  test?: string
  /** --test-timeout=MS for the host (its default is 300000). */
  testTimeout?: string
  port?: string
  host?: string
  debug: boolean
  /** Extra arguments for the app (`__args.argv`). */
  argv: string[]
  log: Log
}

/** The command line: the host itself, or the headless runner (xvfb-run) wrapping it when there is no display. */
export function launchCommand (options: LaunchOptions): string[] {
  const flags: string[] = []
  if (options.test !== undefined) flags.push(`--test=${options.test}`)
  if (options.test !== undefined && options.testTimeout !== undefined) flags.push(`--test-timeout=${options.testTimeout}`)
  if (options.headless) flags.push('--headless')
  if (options.port !== undefined) flags.push(`--port=${options.port}`)
  if (options.host !== undefined) flags.push(`--host=${options.host}`)
  if (options.debug) flags.push('--debug')
  const command = [options.executable, ...flags, ...options.argv]

  const hasDisplay = (process.env.DISPLAY ?? '') !== '' || (process.env.WAYLAND_DISPLAY ?? '') !== ''
  if (hasDisplay) return command
  if (!options.headless) {
    throw new CliError('there is no display (DISPLAY and WAYLAND_DISPLAY are unset): run from a desktop session, ' +
      'or add --headless to run under Xvfb')
  }
  const runner = configValue(options.config, 'headless_runner_linux', configValue(options.config, 'headless_runner', 'xvfb-run'))
  const runnerFlags = configValue(options.config, 'headless_runner_linux_flags',
    configValue(options.config, 'headless_runner_flags', runner === 'xvfb-run' ? "-a -s '-screen 0 1920x1080x24'" : ''))
  if (spawnSync('sh', ['-c', `command -v ${runner}`]).status !== 0) {
    throw new CliError(`--headless without a display needs "${runner}" to start an X server: apt-get install xvfb ` +
      '(or set [headless] runner)')
  }
  return ['sh', '-c', `exec ${runner} ${runnerFlags} "$@"`, runner, ...command]
}

/** Runs the app to completion. Its exit status is returned; a signal death becomes 128 + the signal number. */
export async function launchApp (options: LaunchOptions): Promise<number> {
  if (!existsSync(options.executable)) {
    throw new CliError(`${options.executable} does not exist: build the app first ("ssc build")`)
  }
  const [command, ...args] = launchCommand(options)
  options.log.debug(`$ ${[command, ...args].join(' ')}`)
  const child = spawnApp(command, args, options.config.env, options.test !== undefined ? 'ignore' : 'inherit')
  return await superviseApp(child)
}

/**
 * Starts the app in a process group of its own, so that stopping it also stops what wraps or serves it
 * (xvfb-run exits on SIGTERM without waiting for the app; a group signal reaches both).
 */
export function spawnApp (command: string, args: string[], env: Record<string, string>, stdin: 'ignore' | 'inherit'): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: [stdin, 'pipe', 'pipe'], detached: true })
  const stopOnExit = (): void => { stopApp(child, 'SIGTERM') }
  process.once('exit', stopOnExit)
  child.once('close', () => process.off('exit', stopOnExit))
  return child
}

/** Signals the app's whole process group (see spawnApp); a no-op once it is gone. */
export function stopApp (child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    child.kill(signal)
  }
}

/** Streams a running app's output and forwards Ctrl-C / SIGTERM to it. */
export async function superviseApp (child: ChildProcess): Promise<number> {
  child.stdout?.pipe(process.stdout, { end: false })
  child.stderr?.pipe(process.stderr, { end: false })
  // The app has its own process group (no terminal signals reach it): pass Ctrl-C and SIGTERM on.
  const forward = (signal: NodeJS.Signals): void => { stopApp(child, signal) }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  try {
    return await new Promise<number>((resolve, reject) => {
      child.on('error', (error) => reject(new CliError(`could not start the app: ${error.message}`)))
      child.on('close', (code, signal) => {
        resolve(code ?? 128 + (signal !== null ? constants.signals[signal] : 0))
      })
    })
  } finally {
    process.off('SIGINT', forward)
    process.off('SIGTERM', forward)
  }
}
