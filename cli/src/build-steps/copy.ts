// Copies the app's files into the resources directory: `[build] copy` (space-separated paths) and `copy_map`.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ConfigError } from '../errors.ts'
import { configValue, type AppConfig } from '../config/load.ts'

/** Copies everything and returns how many files were copied. */
export function copyAppFiles (config: AppConfig, resources: string): number {
  let count = 0
  const copyList = configValue(config, 'build_copy', 'src').split(/\s+/).filter((p) => p !== '')
  const entry = config.entries.get('build_copy')
  for (const item of copyList) {
    const source = resolve(config.dir, item)
    if (!existsSync(source)) {
      const isDefault = entry === undefined || entry.line === 0
      throw new ConfigError(isDefault ? join(config.dir, 'socket.ini') : entry.file, isDefault ? 0 : entry.line, 'build_copy',
        `"${item}" does not exist (looked for ${source})${isDefault ? '; [build] copy defaults to "src": set it to your files' : ''}`)
    }
    // A directory's contents land at the resources root, so `copy = src` serves src/index.html as /index.html.
    count += copyTree(source, statSync(source).isDirectory() ? resources : join(resources, item.split('/').pop()!))
  }

  const mapFile = configValue(config, 'build_copy_map')
  if (mapFile !== '') {
    const mapPath = resolve(config.dir, mapFile)
    if (!existsSync(mapPath)) {
      const mapEntry = config.entries.get('build_copy_map')!
      throw new ConfigError(mapEntry.file, mapEntry.line, 'build_copy_map', `"${mapFile}" does not exist`)
    }
    for (const { from, to, line } of parseCopyMap(readFileSync(mapPath, 'utf8'), mapPath)) {
      const source = resolve(dirname(mapPath), from)
      if (!existsSync(source)) throw new ConfigError(mapPath, line, from, `source "${source}" does not exist`)
      const target = resolve(resources, to === '' ? from : to)
      if (relative(resources, target).startsWith('..')) {
        throw new ConfigError(mapPath, line, from, `destination "${to}" is outside the app's resources`)
      }
      count += copyTree(source, target)
    }
  }
  return count
}

/** `source = destination` lines (destination relative to the resources dir; empty keeps the source path). */
export function parseCopyMap (text: string, file: string): Array<{ from: string, to: string, line: number }> {
  const pairs: Array<{ from: string, to: string, line: number }> = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return
    const equals = line.indexOf('=')
    const from = (equals < 0 ? line : line.slice(0, equals)).trim().replace(/^(['"])(.*)\1$/, '$2')
    const to = (equals < 0 ? '' : line.slice(equals + 1)).trim().replace(/^(['"])(.*)\1$/, '$2')
    if (from === '') throw new ConfigError(file, index + 1, null, 'missing source path before "="')
    pairs.push({ from, to, line: index + 1 })
  })
  return pairs
}

function copyTree (source: string, target: string): number {
  mkdirSync(dirname(target), { recursive: true })
  cpSync(source, target, { recursive: true, force: true })
  return countFiles(source)
}

function countFiles (path: string): number {
  if (!statSync(path).isDirectory()) return 1
  return readdirSync(path).reduce((sum, name) => sum + countFiles(join(path, name)), 0)
}
