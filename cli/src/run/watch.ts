// `-w`: rebuild the user step on changes to [build.watch] sources (default: the [build] copy paths) and
// restart the running app so the window shows the new files.
import { watch, type FSWatcher } from 'node:fs'
import type { ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { configValue, type AppConfig } from '../config/load.ts'
import { buildApp, type BuildOptions } from '../commands/build.ts'
import { launchCommand, spawnApp, stopApp, superviseApp, type LaunchOptions } from './launch.ts'

const SETTLE_MS = 150

export async function watchAndRebuild (config: AppConfig, options: BuildOptions, launch?: LaunchOptions): Promise<number> {
  const { log } = options
  const sources = configValue(config, 'build_watch_sources', configValue(config, 'build_copy', 'src'))
    .split(/\s+/).filter((s) => s !== '').map((s) => resolve(config.dir, s))
  const output = resolve(config.dir, configValue(config, 'build_output', 'build'))

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

  let timer: NodeJS.Timeout | undefined
  let building = false
  const rebuild = async (): Promise<void> => {
    if (building) { schedule(); return }
    building = true
    try {
      await buildApp(config, { ...options, onlyBuild: true })
      if (app !== undefined && app.exitCode === null) {
        restarting = true
        const exited = new Promise((resolve) => app!.once('close', resolve))
        stopApp(app, 'SIGTERM')
        await exited
        restarting = false
      }
      log.info('rebuilt; restarting the app')
      start()
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
  log.info(`watching ${sources.join(', ')} (Ctrl-C to stop)`)
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
