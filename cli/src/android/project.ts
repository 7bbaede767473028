// `ssc build --platform=android`: writes a complete Android Gradle project for the app and compiles its Kotlin here.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { configValue, flattenConfig, type AppConfig } from '../config/load.ts'
import type { Log } from '../log.ts'
import { REPO_ROOT, runtimeJsPath } from '../repo.ts'
import { copyAppFiles } from '../build-steps/copy.ts'
import { copyIcon } from '../build-steps/icon.ts'
import { MissingPartError } from '../build-steps/assemble.ts'
import { androidManifest, stringsXml } from './manifest.ts'
import { appBuildGradle, gradleProperties, projectReadme, rootBuildGradle, settingsGradle } from './gradle.ts'
import { manifestPermissions, resolvedPermissions } from './permissions.ts'
import { compileAgainstAndroid, type CompileResult } from './compile-check.ts'

export interface AndroidProject {
  /** The Gradle project's root, `<project>/<build_output>/android/<name>[-dev]`. */
  root: string
  main: string
  compile: CompileResult
}

export function androidProjectRoot (config: AppConfig, prod: boolean): string {
  const name = configValue(config, 'build_name') + (prod ? '' : '-dev')
  return join(config.dir, configValue(config, 'build_output', 'build'), 'android', name)
}

/** `beforeCopy` runs with the assets/app folder and the project root before the app's files are copied in (the [build] script). */
export async function writeAndroidProject (config: AppConfig, options: { prod: boolean, log: Log, beforeCopy?: (appAssets: string, root: string) => Promise<void> }): Promise<AndroidProject> {
  const { log } = options
  const root = androidProjectRoot(config, options.prod)
  const name = configValue(config, 'build_name') + (options.prod ? '' : '-dev')
  const main = join(root, 'app', 'src', 'main')
  manifestPermissions(config)  // a bad [android] manifest_permissions fails before anything is written
  rmSync(root, { recursive: true, force: true })

  const appAssets = join(main, 'assets', 'app')
  mkdirSync(appAssets, { recursive: true })
  await options.beforeCopy?.(appAssets, root)
  let done = log.step('copying app files into assets/app')
  const files = copyAppFiles(config, appAssets)
  const runtime = runtimeJsPath()
  if (!existsSync(runtime)) throw new MissingPartError(`the runtime JS ${runtime} is not built: run "npm run build:runtime" (or "npm run setup")`)
  cpSync(runtime, join(appAssets, 'socket'), { recursive: true })
  done(`${files} files`)

  // socket.ini as the host reads it: flattened, every permission decided at build time.
  const flat = { ...flattenConfig(config), build_name: name, build_profile: options.prod ? 'prod' : 'dev', ...resolvedPermissions(config) }
  mkdirSync(join(main, 'assets', 'socket'), { recursive: true })
  writeFileSync(join(main, 'assets', 'socket', 'config.json'), JSON.stringify(flat, null, 2) + '\n')

  done = log.step('writing the manifest, resources and Gradle files')
  const icon = copyIcon(config, 'android_icon', join(main, 'res', 'mipmap', 'ic_launcher.png'))
  writeFileSync(join(main, 'AndroidManifest.xml'), androidManifest(config, { icon }))
  mkdirSync(join(main, 'res', 'values'), { recursive: true })
  writeFileSync(join(main, 'res', 'values', 'strings.xml'), stringsXml(config))
  writeFileSync(join(root, 'settings.gradle.kts'), settingsGradle(name))
  writeFileSync(join(root, 'build.gradle.kts'), rootBuildGradle())
  writeFileSync(join(root, 'gradle.properties'), gradleProperties())
  writeFileSync(join(root, 'app', 'build.gradle.kts'), appBuildGradle(config))
  writeFileSync(join(root, 'README.md'), projectReadme(name))
  done()

  done = log.step('copying the Android host and the generated bridge')
  const hostSources = join(REPO_ROOT, 'native', 'android', 'src', 'main', 'kotlin')
  const bridge = join(REPO_ROOT, 'generated', 'kotlin')
  for (const part of [hostSources, bridge]) if (!existsSync(part)) throw new MissingPartError(`${part} is missing from this installation`)
  cpSync(hostSources, join(main, 'kotlin'), { recursive: true })
  cpSync(bridge, join(root, 'app', 'src', 'generated', 'kotlin'), { recursive: true })
  done()

  done = log.step('compiling the Kotlin against the Android framework (android-all, API 34)')
  const compile = compileAgainstAndroid(join(main, 'kotlin'), join(root, 'app', 'src', 'generated', 'kotlin'), join(root, '..', `.${name}-compile-check`))
  if (compile.compiled) done(`${compile.classes} classes`)
  else { done('skipped'); log.warn(`the Kotlin was not compiled here: ${compile.why}`) }
  log.info(`wrote the Android project ${relative(process.cwd(), root) || '.'} (no APK here: build it with the Android SDK, see its README.md)`)
  return { root, main, compile }
}
