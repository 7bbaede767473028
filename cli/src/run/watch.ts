// `-w`: rebuild on changes to [build.watch] sources (default: the [build] copy paths) and reload the running
// app's windows in place (SIGUSR2 to the host: the page reloads, the process and its state stay). A change to
// socket.ini re-reads it, rebuilds and restarts the app, since the host reads its config at start.
import { readFileSync, readdirSync, readlinkSync, watch, type FSWatcher } from 'node:fs'
import type { ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { configValue, loadConfig, type AppConfig } from '../config/load.ts'
import { buildApp, type BuildOptions } from '../commands/build.ts'
import { launchCommand, spawnApp, stopApp, superviseApp, type LaunchOptions } from './launch.ts'

const SETTLE_MS = 150

export async function watchAndRebuild (config: AppConfig, options: BuildOptions, launch?: LaunchOptions): Promise<number> {
  const { log } = options
  const sources = configValue(config, 'build_watch_sources', configValue(config, 'build_copy', 'src'))
    .split(/\s+/).filter((s) => s !== '').map((s) => resolve(config.dir, s))
  const output = resolve(config.dir, configValue(config, 'build_output', 'build'))
  const iniFile = join(config.dir, 'socket.ini')

  let app: ChildProcess | undefined
  let restarting = false
  let finish: (status: number) => void = () => {}
  const finished = new Promise<number>((resolve) => { finish = resolve })

  const start = (): void => {
    if (launch === undefined) return
    const [command, ...args] = launchCommand(launch)
    const child = app = spawnApp(command, args, config.env, 'inherit')
    void superviseApp(child).then((status) => {
      // The app closing by itself (not by our restart) ends the watch session with its status.
      if (!restarting && app === child) finish(status)
    }, () => finish(1))
  }
  const restart = async (): Promise<void> => {
    if (app !== undefined && app.exitCode === null) {
      restarting = true
      const exited = new Promise((resolve) => app!.once('close', resolve))
      stopApp(app, 'SIGTERM')
      await exited
      restarting = false
    }
    start()
  }

  let timer: NodeJS.Timeout | undefined
  let building = false
  let configChanged = false
  const rebuild = async (): Promise<void> => {
    if (building) { schedule(); return }
    building = true
    const reconfigure = configChanged
    configChanged = false
    try {
      if (reconfigure) Object.assign(config, loadConfig(config.dir))
      await buildApp(config, { ...options, onlyBuild: !reconfigure })
      const host = launch !== undefined && app !== undefined && app.exitCode === null ? hostProcess(app, launch.executable) : undefined
      if (launch === undefined) log.info('rebuilt')
      else if (!reconfigure && host !== undefined && configValue(config, 'webview_watch_reload') !== 'false') {
        process.kill(host, 'SIGUSR2')
        log.info('rebuilt; reloaded the window')
      } else {
        log.info(reconfigure ? 'socket.ini changed: rebuilt; restarting the app' : 'rebuilt; restarting the app')
        await restart()
      }
    } catch (error) {
      log.warn(`rebuild failed: ${(error as Error).message}`)
    } finally {
      building = false
    }
  }
  const schedule = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => { void rebuild() }, SETTLE_MS)
  }

  const watchers: FSWatcher[] = sources.map((source) => watch(source, { recursive: true }, (_event, name) => {
    if (name !== null && resolve(source, name.toString()).startsWith(output)) return
    log.debug(`changed: ${name ?? source}`)
    schedule()
  }))
  let iniText = readFileSync(iniFile, 'utf8')
  watchers.push(watch(config.dir, (_event, name) => {
    if (name?.toString() !== 'socket.ini') return
    let text = ''
    try { text = readFileSync(iniFile, 'utf8') } catch { return }
    if (text === iniText) return
    iniText = text
    configChanged = true
    schedule()
  }))
  log.info(`watching ${[...sources, iniFile].join(', ')} (Ctrl-C to stop)`)
  start()
  const stop = (): void => finish(launch === undefined ? 0 : 130)
  process.once('SIGINT', stop)
  try {
    return await finished
  } finally {
    for (const watcher of watchers) watcher.close()
    clearTimeout(timer)
    if (app !== undefined) stopApp(app, 'SIGTERM')
    process.off('SIGINT', stop)
  }
}

/** The host's pid in the app's process group (the app may run under xvfb-run), found through /proc. */
function hostProcess (app: ChildProcess, executable: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
      if (group === app.pid && readlinkSync(`/proc/${entry}/exe`) === executable) return Number(entry)
    } catch {}
  }
  return undefined
}
