// Copies the icon a socket.ini key names into the build, with a config error naming the key when it is missing.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { configValue, type AppConfig } from '../config/load.ts'
import { ConfigError } from '../errors.ts'

/** Copies `[section] icon` (flattened `key`) to `target`; false when socket.ini names none. */
export function copyIcon (config: AppConfig, key: string, target: string): boolean {
  const icon = configValue(config, key)
  if (icon === '') return false
  const source = resolve(config.dir, icon)
  if (!existsSync(source)) {
    const entry = config.entries.get(key)!
    throw new ConfigError(entry.file, entry.line, key, `"${icon}" does not exist (looked for ${source})`)
  }
  mkdirSync(dirname(target), { recursive: true })
  copyFileSync(source, target)
  return true
}
