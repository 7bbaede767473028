// Checks parsed socket.ini sections and keys against the schema: an unknown name is an error with a
// "did you mean"; a key Linux cannot honour is a warning naming the platforms that do; values get their type.
import { ConfigError } from '../errors.ts'
import type { IniDocument, IniEntry } from './ini.ts'
import { SCHEMA, lookupKey, sectionName, type KeyType } from './schema.ts'

const BOOLEAN = /^(true|false)$/
export const SIZE = /^\d+(\.\d+)?(px|%)?$/
const NUMBER = /^-?\d+(\.\d+)?$/
// CSS colours the host can parse: #rgb, #rrggbb(aa), rgb()/rgba(), or a colour name.
const COLOR = /^(#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|[a-zA-Z]+)$/

/** A warning with the place it is about, for `ssc` to print. */
export interface ConfigWarning {
  file: string
  line: number
  message: string
}

export function checkSchema (doc: IniDocument, file: string, warnings: ConfigWarning[]): void {
  for (const [section, line] of doc.sections) {
    if (sectionName(section) !== undefined || section.startsWith('settings_')) continue
    const written = doc.sectionLabels.get(section) ?? section
    const guess = closest(written, Object.keys(SCHEMA))
    throw new ConfigError(file, line, null,
      `unknown section [${written}]${guess !== undefined ? `; did you mean [${guess}]?` : ''} (sections: docs/config.md)`)
  }
  for (const [flat, entry] of doc.entries) checkEntry(flat, entry, warnings)
}

/** Checks one key (also used for `[settings.*]` overrides, whose section is the overridden one). */
export function checkEntry (flat: string, entry: IniEntry, warnings: ConfigWarning[]): void {
  const section = entry.section ?? ''
  const key = entry.key ?? flat
  const def = lookupKey(section, key) ?? lookupFlat(flat)
  const where = section === '' ? 'outside any section' : `in [${sectionName(section) ?? section}]`
  if (def === undefined) {
    const candidates = section === '' ? allFlatKeys() : Object.keys(SCHEMA[sectionName(section)!]?.keys ?? {})
    const guess = closest(key, candidates)
    const elsewhere = Object.entries(SCHEMA).find(([, s]) => Object.hasOwn(s.keys, key))?.[0]
    const hint = guess !== undefined ? `; did you mean "${guess}"?` : elsewhere !== undefined ? `; "${key}" belongs in [${elsewhere}]` : ''
    throw new ConfigError(entry.file, entry.line, null, `unknown key "${key}" ${where}${hint}`)
  }
  checkValue(flat, entry, def.type)
  const platform = SCHEMA[sectionName(section) ?? '']?.platform
  if (def.notOnLinux !== undefined && platform === undefined) {
    warnings.push({ file: entry.file, line: entry.line, message: `${flat}: not honoured on Linux (only on ${def.notOnLinux}); ignored` })
  } else if (def.notYet === true && platform === undefined) {
    warnings.push({ file: entry.file, line: entry.line, message: `${flat}: the Linux host does not act on this key yet; ignored` })
  }
}

function checkValue (flat: string, entry: IniEntry, type: KeyType): void {
  const value = entry.value
  const fail = (problem: string): never => { throw new ConfigError(entry.file, entry.line, flat, problem) }
  if (typeof type !== 'string') {
    if (value !== '' && !type.includes(value)) fail(`"${value}" is not one of ${type.map((t) => `"${t}"`).join(', ')}`)
    return
  }
  if (type === 'boolean' && !BOOLEAN.test(value)) fail(`"${value}" must be true or false`)
  if (type === 'size' && !SIZE.test(value)) fail(`"${value}" is not a size in pixels or percent (800, 800px or 80%)`)
  if (type === 'number' && !NUMBER.test(value)) fail(`"${value}" is not a number`)
  if (type === 'color' && !COLOR.test(value)) fail(`"${value}" is not a colour (#rrggbb, rgb(…) or a name)`)
}

/** A key written flattened into a parent section (`[webview] watch_reload`) or outside any section. */
function lookupFlat (flat: string): ReturnType<typeof lookupKey> {
  for (const name of Object.keys(SCHEMA)) {
    const prefix = name.replace(/\./g, '_') + '_'
    if (flat.startsWith(prefix)) {
      const def = lookupKey(prefix.slice(0, -1), flat.slice(prefix.length))
      if (def !== undefined) return def
    }
  }
  return undefined
}

function allFlatKeys (): string[] {
  return Object.entries(SCHEMA).flatMap(([name, s]) => Object.keys(s.keys).map((key) => `${name.replace(/\./g, '_')}_${key}`))
}

/** The candidate nearest to `word` by edit distance, when it is close enough to be a likely typo. */
export function closest (word: string, candidates: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) { best = candidate; bestDistance = distance }
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined
}

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps ("widht").
function editDistance (a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i === 0 ? j : j === 0 ? i : 0))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}
