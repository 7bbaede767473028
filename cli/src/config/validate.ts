// Checks required keys and the formats of names, ids and versions (types of every key: check-schema.ts).
import { ConfigError } from '../errors.ts'
import type { AppConfig } from './load.ts'

const NAME = /^[A-Za-z0-9_-]+$/
// Reverse DNS: at least two dot-separated labels, each starting with a letter.
const BUNDLE_ID = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)+$/
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/

export function validateConfig (config: AppConfig, file: string): void {
  const { entries } = config
  const check = (key: string, ok: (value: string) => boolean, problem: (value: string) => string): void => {
    const entry = entries.get(key)
    if (entry !== undefined && !ok(entry.value)) throw new ConfigError(entry.file, entry.line, key, problem(entry.value))
  }
  const require = (key: string, section: string, name: string): void => {
    const entry = entries.get(key)
    if (entry === undefined || entry.value === '') {
      const line = entry?.line ?? config.sections.get(section) ?? 0
      throw new ConfigError(entry?.file ?? file, line, key,
        `[${section}] ${name} is required${config.sections.has(section) ? '' : ` (add a [${section}] section)`}`)
    }
  }

  require('build_name', 'build', 'name')
  check('build_name', (v) => NAME.test(v),
    (v) => `"${v}" is not a valid name: use only letters, digits, "_" and "-" (it becomes the executable's name)`)

  if (entries.get('meta_type')?.value !== 'extension') {
    require('meta_bundle_identifier', 'meta', 'bundle_identifier')
    check('meta_bundle_identifier', (v) => BUNDLE_ID.test(v),
      (v) => `"${v}" is not a reverse-DNS identifier like "com.example.app" (it becomes the origin socket://<id>)`)
  }
  check('meta_version', (v) => SEMVER.test(v), (v) => `"${v}" is not a version like "1.0.0"`)
  check('meta_application_protocol', (v) => SCHEME.test(v), (v) => `"${v}" is not a valid URL scheme`)
}
