// Compiles `[build.extensions]` (and `[build.extensions.linux]`): each `name = a.c b.c` becomes
// <resources>/socket/extensions/<name>/lib<name>.so, built against native/extension-sdk/socket/extension.h
// with $CC (C sources) or $CXX (any C++ source). Only the registration symbol is exported
// (-fvisibility=hidden); the host loads it when a page calls `extension.load(name)`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CliError, ConfigError } from '../errors.ts'
import type { AppConfig } from '../config/load.ts'
import { extensionSdkPath } from '../repo.ts'

const NAME = /^[A-Za-z0-9_-]{1,64}$/
const SOURCE = /\.(c|cc|cpp|cxx)$/

export class ExtensionBuildError extends CliError {}

export interface ExtensionSpec { name: string, key: string, sources: string[] }

/** The extensions socket.ini lists, with their sources resolved against the project folder. */
export function listExtensions (config: AppConfig): ExtensionSpec[] {
  const specs = new Map<string, ExtensionSpec>()
  for (const [key, entry] of config.entries) {
    const name = key.startsWith('build_extensions_linux_') ? key.slice('build_extensions_linux_'.length)
      : key.startsWith('build_extensions_') ? key.slice('build_extensions_'.length) : undefined
    if (name === undefined) continue
    if (!NAME.test(name)) throw new ConfigError(entry.file, entry.line, key, `extension name "${name}" must be letters, digits, "_" or "-"`)
    const sources = entry.value.split(/\s+/).filter((s) => s !== '').map((s) => resolve(config.dir, s))
    if (sources.length === 0) throw new ConfigError(entry.file, entry.line, key, 'lists no source files')
    for (const source of sources) {
      if (!SOURCE.test(source)) throw new ConfigError(entry.file, entry.line, key, `"${source}" is not a C or C++ source (.c, .cc, .cpp, .cxx)`)
      if (!existsSync(source)) throw new ConfigError(entry.file, entry.line, key, `"${source}" does not exist`)
    }
    specs.set(name, { name, key, sources })
  }
  return [...specs.values()]
}

/** Builds every listed extension into the resources folder; returns their names. */
export function buildExtensions (config: AppConfig, resources: string): string[] {
  const specs = listExtensions(config)
  for (const spec of specs) {
    const cxx = spec.sources.some((s) => !s.endsWith('.c'))
    const compiler = cxx ? (process.env.CXX ?? 'c++') : (process.env.CC ?? 'cc')
    const out = join(resources, 'socket', 'extensions', spec.name)
    mkdirSync(out, { recursive: true })
    const args = ['-shared', '-fPIC', '-O2', '-fvisibility=hidden', '-Wl,-z,relro,-z,now', '-I', extensionSdkPath(),
      '-o', join(out, `lib${spec.name}.so`), ...spec.sources]
    const run = spawnSync(compiler, args, { encoding: 'utf8' })
    if (run.error !== undefined) throw new ExtensionBuildError(`extension "${spec.name}": cannot run ${compiler}: ${run.error.message}`)
    if (run.status !== 0) throw new ExtensionBuildError(`extension "${spec.name}" failed to compile (${compiler} ${args.join(' ')}):\n${run.stderr}`)
  }
  return specs.map((s) => s.name)
}
