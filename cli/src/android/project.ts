// `ssc build --platform=android`: writes a complete Android Gradle project for the app and compiles its Kotlin here.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { configValue, flattenConfig, type AppConfig } from '../config/load.ts'
import type { Log } from '../log.ts'
import { REPO_ROOT, runtimeJsPath } from '../repo.ts'
import { copyAppFiles } from '../build-steps/copy.ts'
import { MissingPartError } from '../build-steps/assemble.ts'
import { androidManifest } from './manifest.ts'
import { checkIcon, writeResources } from './resources.ts'
import { hostVersions } from './versions.ts'
import { appBuildGradle, gradleProperties, projectReadme, rootBuildGradle, settingsGradle } from './gradle.ts'
import { resolvedPermissions } from './permissions.ts'
import { compileAgainstAndroid, type CompileResult } from './compile-check.ts'

export const HOST_KOTLIN = join(REPO_ROOT, 'native', 'android', 'src', 'main', 'kotlin')
export const BRIDGE_KOTLIN = join(REPO_ROOT, 'generated', 'kotlin')

export interface AndroidPaths {
  /** The Gradle project's root, `<project>/<build_output>/android/<name>[-dev]`. */
  root: string
  /** `app/src/main`. */
  main: string
  /** `app/src/main/assets/app`: the folder the host serves, where the app's files (and a bundler's output) go. */
  assets: string
  /** Where the compile check puts its classes, beside the project (not part of it). */
  compileOutput: string
}

export interface AndroidProject extends AndroidPaths {
  compile: CompileResult
}

export function androidPaths (config: AppConfig, prod: boolean): AndroidPaths {
  const name = configValue(config, 'build_name') + (prod ? '' : '-dev')
  const android = join(config.dir, configValue(config, 'build_output', 'build'), 'android')
  const root = join(android, name)
  const main = join(root, 'app', 'src', 'main')
  return { root, main, assets: join(main, 'assets', 'app'), compileOutput: join(android, `.${name}-compile-check`) }
}

/** `beforeCopy` runs with the assets/app folder and the project root before the app's files are copied in (the [build] script). */
export async function writeAndroidProject (config: AppConfig, options: { prod: boolean, log: Log, beforeCopy?: (appAssets: string, root: string) => Promise<void> }): Promise<AndroidProject> {
  const { log } = options
  const paths = androidPaths(config, options.prod)
  const { root, main, assets } = paths
  const name = configValue(config, 'build_name') + (options.prod ? '' : '-dev')
  // What socket.ini can get wrong (bundle id, permissions, activity) fails before anything is written.
  const appGradle = appBuildGradle(config)
  androidManifest(config, { icon: false })
  checkIcon(config)
  rmSync(root, { recursive: true, force: true })

  mkdirSync(assets, { recursive: true })
  await options.beforeCopy?.(assets, root)
  let done = log.step('copying app files into assets/app')
  const files = copyAppFiles(config, assets)
  const runtime = runtimeJsPath()
  if (!existsSync(runtime)) throw new MissingPartError(`the runtime JS ${runtime} is not built: run "npm run build:runtime" (or "npm run setup")`)
  cpSync(runtime, join(assets, 'socket'), { recursive: true })
  done(`${files} files`)

  // socket.ini as the host reads it: flattened, every permission decided at build time.
  const flat = { ...flattenConfig(config), build_name: name, build_profile: options.prod ? 'prod' : 'dev', ...resolvedPermissions(config) }
  mkdirSync(join(main, 'assets', 'socket'), { recursive: true })
  writeFileSync(join(main, 'assets', 'socket', 'config.json'), JSON.stringify(flat, null, 2) + '\n')

  done = log.step('writing the manifest, resources and Gradle files')
  const icon = writeResources(config, main)
  writeFileSync(join(main, 'AndroidManifest.xml'), androidManifest(config, { icon }))
  writeFileSync(join(root, 'settings.gradle.kts'), settingsGradle(name))
  writeFileSync(join(root, 'build.gradle.kts'), rootBuildGradle())
  writeFileSync(join(root, 'gradle.properties'), gradleProperties())
  writeFileSync(join(root, 'app', 'build.gradle.kts'), appGradle)
  writeFileSync(join(root, 'README.md'), projectReadme(name))
  done()

  done = log.step('copying the Android host and the generated bridge')
  for (const part of [HOST_KOTLIN, BRIDGE_KOTLIN]) if (!existsSync(part)) throw new MissingPartError(`${part} is missing from this installation`)
  cpSync(HOST_KOTLIN, join(main, 'kotlin'), { recursive: true })
  cpSync(BRIDGE_KOTLIN, join(root, 'app', 'src', 'generated', 'kotlin'), { recursive: true })
  done()

  done = log.step(`compiling the Kotlin against the Android framework (android-all, API ${hostVersions().compileSdk})`)
  // Classes of sources an earlier build had must not survive into this one's result.
  rmSync(paths.compileOutput, { recursive: true, force: true })
  const compile = compileAgainstAndroid(join(main, 'kotlin'), join(root, 'app', 'src', 'generated', 'kotlin'), paths.compileOutput)
  if (compile.compiled) done(`${compile.classes} classes`)
  else { done('skipped'); log.warn(`the Kotlin was not compiled here: ${compile.why}`) }
  log.info(`wrote the Android project ${relative(process.cwd(), root) || '.'} (no APK here: build it with the Android SDK, see its README.md)`)
  return { ...paths, compile }
}
