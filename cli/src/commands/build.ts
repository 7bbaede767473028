// `ssc build [dir]`: script, copy, layout, then optionally package (-p), run (-r) or watch (-w).
import { existsSync, mkdirSync, rmSync, writeFileSync, copyFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { parseArgs, stringFlag, type FlagSpec, type ParsedArgs } from '../args.ts'
import { configValue, loadConfig, type AppConfig } from '../config/load.ts'
import { NotSupportedError, UsageError } from '../errors.ts'
import { Log } from '../log.ts'
import { buildPaths, type BuildPaths } from '../build-steps/paths.ts'
import { runBuildScript } from '../build-steps/script.ts'
import { buildExtensions, listExtensions } from '../build-steps/extensions.ts'
import { copyAppFiles } from '../build-steps/copy.ts'
import { placeHost, placeNodeHelper, placeRuntimeJs, treeSizeKiB, writeHostConfig, MissingPartError } from '../build-steps/assemble.ts'
import { desktopEntry } from '../build-steps/desktop-entry.ts'
import { debianControl } from '../build-steps/debian-control.ts'
import { packageApp, packageFormat } from '../build-steps/package.ts'
import { launchApp } from '../run/launch.ts'
import { watchAndRebuild } from '../run/watch.ts'
import { checkPlatform } from './platform.ts'
import { copyIcon } from '../build-steps/icon.ts'
import { buildAndroid } from '../android/build.ts'
import { HELP_FLAG, type Command } from './types.ts'

export const RUN_FLAGS: FlagSpec[] = [
  { name: 'headless', value: 'none', help: 'never show the window; under Xvfb when there is no display' },
  { name: 'test', value: 'required', help: 'test mode: import FILE in the first window; exit status is the result' },
  { name: 'test-timeout', value: 'required', help: 'with --test: fail (status 124, with a message) after MS milliseconds (default 300000; 0: no limit)' },
  { name: 'port', value: 'required', help: 'load http://<host>:<port> (a dev server) instead of socket://' },
  { name: 'host', value: 'required', help: 'dev server host for --port (default localhost)' },
  { name: 'platform', value: 'required', help: 'target platform: linux (default), or android (writes a Gradle project, no APK)' },
  { name: 'prod', value: 'none', help: 'production build: no -dev suffix, no inspector' },
  { name: 'debug', short: 'D', value: 'none', help: 'debug build: the host logs more and enables the inspector' },
  { name: 'env', short: 'E', value: 'required', help: 'KEY=VALUE added to the app\'s environment (repeatable as a list: A=1,B=2)' },
  { name: 'verbose', short: 'V', value: 'none', help: 'print every command ssc runs' },
  { name: 'quiet', short: 'q', value: 'none', help: 'print only errors' },
  HELP_FLAG
]

const BUILD_FLAGS: FlagSpec[] = [
  { name: 'run', short: 'r', value: 'none', help: 'run the app after building; stream its output; exit with its status' },
  { name: 'watch', short: 'w', value: 'none', help: 'rebuild on changes to [build.watch] sources (or [build] copy) and restart the app' },
  { name: 'only-build', short: 'o', value: 'none', help: 'run only the user build step ([build] script and copy)' },
  { name: 'package', short: 'p', value: 'none', help: 'package a release build for distribution (cannot be combined with -r)' },
  { name: 'package-format', short: 'f', value: 'required', help: 'deb (default) or zip' },
  { name: 'dev', value: 'none', help: 'with -p: package a development build (-dev suffix, inspector on)' },
  { name: 'codesign', short: 'c', value: 'none', help: 'macOS/iOS only' },
  { name: 'notarize', short: 'n', value: 'none', help: 'macOS only' },
  ...RUN_FLAGS
]

export interface BuildOptions {
  prod: boolean
  debug: boolean
  onlyBuild: boolean
  forwarded: string[]
  /** Set by -w, so the build script can tell (SSC_WATCH=1). */
  watch?: boolean
  log: Log
}

/** Applies `[build]` options from .sscrc files as defaults for flags the command line did not give. */
export function applyRcOptions (args: ParsedArgs, config: AppConfig, specs: FlagSpec[]): void {
  for (const [name, value] of config.buildOptions) {
    const spec = specs.find((s) => s.name === name.replace(/_/g, '-'))
    if (spec === undefined || args.flags.has(spec.name)) continue
    if (spec.value === 'none') { if (value === 'true') args.flags.set(spec.name, true) } else args.flags.set(spec.name, value)
  }
  if (!args.flags.has('headless') && configValue(config, 'build_headless') === 'true') args.flags.set('headless', true)
}

/** The user build step plus the layout (unless `onlyBuild` and the app is already laid out). */
export async function buildApp (config: AppConfig, options: BuildOptions): Promise<BuildPaths> {
  const { log } = options
  const paths = buildPaths(config, options.prod)
  const relayout = !options.onlyBuild || !existsSync(paths.executable)
  if (relayout) rmSync(paths.root, { recursive: true, force: true })
  mkdirSync(paths.resources, { recursive: true })

  const script = configValue(config, 'build_script')
  if (script !== '') {
    const done = log.step(`running [build] script "${script}"`)
    await runBuildScript({
      script,
      cwd: config.dir,
      resources: paths.resources,
      root: paths.root,
      debug: !options.prod,
      watch: options.watch === true,
      forwardArguments: configValue(config, 'build_script_forward_arguments') === 'true',
      forwarded: options.forwarded,
      env: config.env,
      log
    })
    done()
  }
  let done = log.step('copying app files')
  done(`${copyAppFiles(config, paths.resources)} files`)
  writeHostConfig(config, paths, options.prod)
  if (!relayout) return paths

  done = log.step('placing the runtime JS and the host')
  await placeNodeHelper(paths)
  const runtimeFiles = placeRuntimeJs(paths)
  placeHost(paths)
  done(`${runtimeFiles} runtime files`)
  if (listExtensions(config).length > 0) {
    done = log.step('compiling [build.extensions]')
    done(buildExtensions(config, paths.resources).join(', '))
  }

  mkdirSync(dirname(paths.desktopFile), { recursive: true })
  writeFileSync(paths.desktopFile, desktopEntry(config, paths.name))
  copyIcon(config, 'linux_icon', paths.iconFile)
  mkdirSync(dirname(paths.controlFile), { recursive: true })
  writeFileSync(paths.controlFile, debianControl(config, paths.name, treeSizeKiB(join(paths.root, 'opt'))))
  log.info(`built ${relative(process.cwd(), paths.root) || '.'}`)
  return paths
}

/** `--test-timeout=MS`: a whole number of milliseconds (0: no limit), handed to the host. */
export function testTimeoutFlag (value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new UsageError(`--test-timeout must be a number of milliseconds (0: no limit), got "${value}"`)
  return value
}

/** Makes `--test=FILE` importable by the host: a path relative to the resources directory. */
export function placeTestFile (file: string, config: AppConfig, resources: string): string {
  const candidates = isAbsolute(file) ? [file] : [resolve(process.cwd(), file), resolve(config.dir, file)]
  const source = candidates.find((c) => existsSync(c) && statSync(c).isFile())
  if (source === undefined) {
    if (existsSync(join(resources, file))) return file.replace(/^\.\//, '')
    throw new UsageError(`--test: "${file}" not found (looked in ${[...new Set(candidates)].join(' and ')})`)
  }
  // Already copied with the app's files (e.g. src/test.js with copy = src): use its served path.
  for (const item of configValue(config, 'build_copy', 'src').split(/\s+/).filter((p) => p !== '')) {
    const copied = resolve(config.dir, item)
    if (source.startsWith(copied + sep)) return relative(copied, source).split(sep).join('/')
  }
  const inProject = !relative(config.dir, source).startsWith('..')
  const target = inProject ? relative(config.dir, source) : join('__ssc_test__', source.split(sep).pop()!)
  mkdirSync(dirname(join(resources, target)), { recursive: true })
  copyFileSync(source, join(resources, target))
  return target.split(sep).join('/')
}

export function parseEnvFlag (args: ParsedArgs): Record<string, string> {
  const env: Record<string, string> = {}
  const value = stringFlag(args, 'env')
  if (value === undefined) return env
  for (const pair of value.split(',')) {
    const equals = pair.indexOf('=')
    if (equals <= 0) throw new UsageError(`--env: expected KEY=VALUE, got "${pair}"`)
    env[pair.slice(0, equals)] = pair.slice(equals + 1)
  }
  return env
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'build the app in [dir] (default: .) into build/linux/…; -r runs it, -p packages it',
  usage: 'ssc build [options] [dir] [-- app arguments]',
  flags: BUILD_FLAGS,
  details: [
    'Typical: "ssc build -r" (build and run), "ssc build -r --headless --test=test/index.js" (CI),',
    '"ssc build -p" (a .deb beside the build folder), "ssc build -r --port=5173" (a dev server).'
  ],
  async run (args) {
    const dir = args.positionals[0] ?? '.'
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`)
    const config = loadConfig(dir)
    applyRcOptions(args, config, BUILD_FLAGS)
    const log = new Log({ quiet: args.flags.has('quiet'), verbose: args.flags.has('verbose') })
    for (const warning of config.warnings) log.warn(`${warning.file}:${warning.line}: ${warning.message}`)
    if (stringFlag(args, 'platform') === 'android') return await buildAndroid(args, config, log)
    checkPlatform(stringFlag(args, 'platform'), 'build')
    if (args.flags.has('codesign') || args.flags.has('notarize')) {
      throw new NotSupportedError('code signing (-c) and notarization (-n) are Apple platform steps; they cannot run on Linux')
    }
    const run = args.flags.has('run')
    const pack = args.flags.has('package')
    if (run && pack) throw new UsageError('-p (package) cannot be combined with -r (run)')
    const format = pack ? packageFormat(stringFlag(args, 'package-format')) : undefined
    // A package is for users: a release build (no -dev suffix, no inspector, no error overlay) unless --dev.
    const prod = args.flags.has('prod') || (pack && !args.flags.has('dev'))
    if (pack && configValue(config, 'meta_maintainer') === '') {
      log.warn('[meta] maintainer is not set: the package says "Maintainer: Unknown <unknown@localhost>" ' +
        '(add maintainer = "Your Name <you@example.com>" to socket.ini)')
    }
    Object.assign(config.env, parseEnvFlag(args))

    const options: BuildOptions = { prod, debug: args.flags.has('debug'), onlyBuild: args.flags.has('only-build'), forwarded: args.rest, watch: args.flags.has('watch'), log }
    let paths: BuildPaths
    try {
      paths = await buildApp(config, options)
    } catch (error) {
      if (error instanceof MissingPartError && !run && !pack) {
        // Without the host or runtime the layout is still useful to inspect; running or packaging it is not.
        log.warn(error.message)
        paths = buildPaths(config, prod)
      } else throw error
    }

    if (format !== undefined) {
      const done = log.step(`packaging (${format})`)
      const output = await packageApp(paths, format, log)
      done(relative(process.cwd(), output))
      console.log(output)
    }
    const launch = {
      executable: paths.executable,
      config,
      headless: args.flags.has('headless'),
      test: args.flags.has('test') ? placeTestFile(stringFlag(args, 'test')!, config, paths.resources) : undefined,
      testTimeout: testTimeoutFlag(stringFlag(args, 'test-timeout')),
      port: stringFlag(args, 'port'),
      host: stringFlag(args, 'host') ?? (args.flags.has('port') ? 'localhost' : undefined),
      debug: options.debug,
      argv: args.rest,
      log
    }
    if (args.flags.has('watch')) return await watchAndRebuild(config, options, run ? launch : undefined)
    if (!run) return 0
    log.info(`running ${relative(process.cwd(), paths.executable)}`)
    return await launchApp(launch)
  }
}
