// Reads an app's socket.ini and layers the .sscrc files over it, in the original's order.
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { CliError } from '../errors.ts'
import { parseIni, type IniEntry } from './ini.ts'
import { applyDefaults } from './defaults.ts'
import { validateConfig } from './validate.ts'
import { checkEntry, checkSchema, type ConfigWarning } from './check-schema.ts'

export interface AppConfig {
  /** The project directory (holding socket.ini). */
  dir: string
  /** Flattened keys after overrides and defaults, with their origin. */
  entries: Map<string, IniEntry>
  /** Line of each section header in socket.ini, for errors about missing keys. */
  sections: Map<string, number>
  /** `[build]` keys from .sscrc files: defaults for `ssc build` flags (`headless = true`). */
  buildOptions: Map<string, string>
  /** Variables from `.ssc.env` files, added to the environment of the build script and the app. */
  env: Record<string, string>
  /** Keys Linux cannot honour, with where they are: `ssc` prints them. */
  warnings: ConfigWarning[]
}

/** The override files, lowest precedence first; `./.sscrc` is the project's own. */
export function sscrcPaths (dir: string, home = homedir()): string[] {
  return [
    '/etc/sscrc', '/etc/ssc.rc', '/etc/ssc/config',
    join(home, '.ssc', 'config'), join(home, '.config', 'ssc'), join(home, '.sscrc'),
    join(dir, '.sscrc')
  ]
}

export function loadConfig (projectDir: string): AppConfig {
  const dir = resolve(projectDir)
  const file = join(dir, 'socket.ini')
  if (!existsSync(file)) {
    throw new CliError(`${file}: not found. Is "${dir}" an app folder? Create one with "ssc init ${projectDir}".`)
  }
  const base = parseIni(readFileSync(file, 'utf8'), file)
  const entries = base.entries
  const warnings: ConfigWarning[] = []
  checkSchema(base, file, warnings)
  const buildOptions = new Map<string, string>()

  for (const rc of sscrcPaths(dir)) {
    if (!existsSync(rc)) continue
    const layer = parseIni(readFileSync(rc, 'utf8'), rc)
    for (const [key, entry] of layer.entries) {
      // `[settings.build] name = x` overrides `[build] name`; `[build] headless = true` is a flag default.
      if (key.startsWith('settings_')) {
        const overridden = { ...entry, section: entry.section?.replace(/^settings_/, '') }
        checkEntry(key.slice('settings_'.length), overridden, warnings)
        entries.set(key.slice('settings_'.length), overridden)
      }
      else if (key.startsWith('build_')) buildOptions.set(key.slice('build_'.length), entry.value)
    }
  }

  const env: Record<string, string> = {}
  for (const envFile of [join(homedir(), '.ssc.env'), join(dir, '.ssc.env')]) {
    if (existsSync(envFile)) Object.assign(env, parseEnvFile(readFileSync(envFile, 'utf8')))
  }

  const config: AppConfig = { dir, entries, sections: base.sections, buildOptions, env, warnings }
  validateConfig(config, file)
  applyDefaults(config)
  return config
}

/** `KEY=value` lines; `#` comments; optional quotes around the value. */
export function parseEnvFile (text: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (match === null) continue
    env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return env
}

/** The value of a flattened key, or `fallback`. */
export function configValue (config: AppConfig, key: string, fallback = ''): string {
  return config.entries.get(key)?.value ?? fallback
}

/** The config as the flat JSON object the host reads (`socket-config.json`). */
export function flattenConfig (config: AppConfig): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const key of [...config.entries.keys()].sort()) flat[key] = config.entries.get(key)!.value
  return flat
}
