// `ssc init [dir]`: writes a working app (or, with -C, only socket.ini). Existing files are never overwritten.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { stringFlag } from '../args.ts'
import { CliError, UsageError } from '../errors.ts'
import { REPO_ROOT } from '../repo.ts'
import { INDEX_HTML_TS, INDEX_TS, TEST_JS_TS, TSCONFIG, typescriptIni, typescriptPackageJson } from '../init/typescript.ts'
import { Log } from '../log.ts'
import { buildScript, FRAMEWORK_INDEX_CSS, FRAMEWORK_INDEX_HTML, frameworkIni, frameworkPackageJson, frameworkTest, type Framework } from '../init/frameworks.ts'
import { REACT } from '../init/react.ts'
import { SVELTE } from '../init/svelte.ts'
import { VUE } from '../init/vue.ts'
import { GITIGNORE, INDEX_CSS, INDEX_HTML, INDEX_JS, TEST_JS, socketIni, type InitNames } from '../init/templates.ts'
import { HELP_FLAG, type Command } from './types.ts'

export const TEMPLATES = ['vanilla', 'typescript', 'react', 'vue', 'svelte'] as const
const FRAMEWORKS: Record<string, Framework | undefined> = { react: REACT, vue: VUE, svelte: SVELTE }

export function initNames (dir: string, requested?: string): InitNames {
  const name = requested ?? basename(dir).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')
  if (name === '' || !/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new UsageError(`"${requested ?? basename(dir)}" cannot be an app name: use letters, digits, "_" and "-" (-n NAME)`)
  }
  // Letters and digits only: a label that is at once a host name (socket://<id>/), an Apple bundle id part and
  // a Java package name (Android's applicationId), so the seed app builds for every platform unchanged.
  let label = name.toLowerCase().replace(/[-_]/g, '')
  if (!/^[a-z]/.test(label)) label = `app${label}`
  const title = name.split(/[-_]+/).filter((w) => w !== '').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ')
  return { name, bundleId: `com.example.${label}`, title }
}

export const initCommand: Command = {
  name: 'init',
  summary: 'create an app in [dir] (default: .): socket.ini, src/, a test',
  usage: 'ssc init [-C] [-n NAME] [--template=vanilla|typescript|react|vue|svelte] [dir]',
  flags: [
    { name: 'config', short: 'C', value: 'none', help: 'write only socket.ini' },
    { name: 'name', short: 'n', value: 'required', help: 'the app\'s name (default: the folder\'s name)' },
    { name: 'template', value: 'required', help: 'vanilla (default: plain JS, no build step), typescript (tsc + esbuild), react (esbuild JSX), vue (vue/compiler-sfc + esbuild) or svelte (svelte/compiler + esbuild)' },
    { name: 'no-install', value: 'none', help: 'with a template that has npm packages (all but vanilla): do not run npm install' },
    { name: 'quiet', short: 'q', value: 'none', help: 'print only errors' },
    HELP_FLAG
  ],
  async run (args) {
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`)
    const dir = resolve(args.positionals[0] ?? '.')
    const log = new Log({ quiet: args.flags.has('quiet') })
    const names = initNames(dir, stringFlag(args, 'name'))
    const template = stringFlag(args, 'template') ?? 'vanilla'
    if (!(TEMPLATES as readonly string[]).includes(template)) {
      throw new UsageError(`--template: "${template}" is not a template: use ${TEMPLATES.join(', ')}`)
    }
    const framework = FRAMEWORKS[template]
    const files: Array<[string, string]> = []
    let packageJson: string | undefined
    if (template === 'vanilla') {
      files.push(['socket.ini', socketIni(names)], ['src/index.html', INDEX_HTML], ['src/index.css', INDEX_CSS],
        ['src/index.js', INDEX_JS], ['test/index.js', TEST_JS])
    } else if (template === 'typescript') {
      files.push(['socket.ini', typescriptIni(names)], ['public/index.html', INDEX_HTML_TS], ['public/index.css', INDEX_CSS],
        ['src/index.ts', INDEX_TS], ['tsconfig.json', TSCONFIG], ['test/index.js', TEST_JS_TS])
      packageJson = typescriptPackageJson(names, `file:${REPO_ROOT}`)
    } else if (framework !== undefined) {
      files.push(['socket.ini', frameworkIni(names, template)], ['public/index.html', FRAMEWORK_INDEX_HTML],
        ['public/index.css', FRAMEWORK_INDEX_CSS], ...Object.entries(framework.sources), ['build.mjs', buildScript(framework)],
        ['test/index.js', frameworkTest(template)])
      packageJson = frameworkPackageJson(names, framework, `file:${REPO_ROOT}`)
    }
    files.push(['.gitignore', GITIGNORE])
    const configOnly = args.flags.has('config')
    if (packageJson !== undefined && !configOnly) writePackageJson(dir, packageJson, log)
    for (const [path, text] of configOnly ? files.slice(0, 1) : files) {
      const target = join(dir, path)
      if (existsSync(target)) {
        log.info(`kept existing ${path}`)
        continue
      }
      mkdirSync(join(target, '..'), { recursive: true })
      writeFileSync(target, text)
      log.info(`wrote ${path}`)
    }
    if (packageJson !== undefined && !configOnly) {
      if (args.flags.has('no-install')) log.info('skipped npm install (--no-install): run it before building')
      else npmInstall(dir, log)
    }
    log.info(`next: ssc build -r ${args.positionals[0] ?? '.'}`)
    return 0
  }
}

/** Writes package.json, or adds the template's scripts and devDependencies to an existing one (keeping its own). */
function writePackageJson (dir: string, text: string, log: Log): void {
  const target = join(dir, 'package.json')
  mkdirSync(dir, { recursive: true })
  if (!existsSync(target)) {
    writeFileSync(target, text)
    return log.info('wrote package.json')
  }
  const wanted = JSON.parse(text) as Record<string, Record<string, string>>
  const current = JSON.parse(readFileSync(target, 'utf8')) as Record<string, Record<string, string> | undefined>
  for (const field of ['scripts', 'devDependencies']) current[field] = { ...wanted[field], ...current[field] }
  if (current.type === undefined) (current as Record<string, unknown>).type = 'module'
  writeFileSync(target, JSON.stringify(current, null, 2) + '\n')
  log.info('added build scripts and devDependencies to package.json')
}

/** `npm install` in the new app, with npm's own output (it is the long step of a template). */
function npmInstall (dir: string, log: Log): void {
  log.info('npm install (the template\'s compiler, framework and types)…')
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] })
  if (result.status !== 0) throw new CliError(`npm install failed in ${dir} (exit status ${result.status ?? 'unknown'}): fix it and run it again`)
}
