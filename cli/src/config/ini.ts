// The socket.ini dialect of the original runtime: sections flattened to `section_key`, `[a.b]` and `[.sub]`
// sections, `;`/`#` comments (inline too, outside quotes), quotes stripped, `key[]` arrays appended.
import { ConfigError } from '../errors.ts'

/** Where a value came from, so that validation errors can name the file and line. */
export interface IniEntry {
  value: string
  file: string
  line: number
  /** The flattened section it was written in (`''` outside any) and the key as written there. */
  section?: string
  key?: string
}

export interface IniDocument {
  /** Flattened key (`webview_watch_reload`) to its value and origin; a later assignment wins. */
  entries: Map<string, IniEntry>
  /** Flattened section name (`webview_watch`) to the line of its first header. */
  sections: Map<string, number>
  /** Flattened section name to its name as written (`webview_watch` -> `webview.watch`). */
  sectionLabels: Map<string, string>
}

const SECTION_NAME = /^\.?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/
// Keys are mostly identifiers, but mount keys are paths (`$HOST_HOME/Documents = /docs`).
const KEY_NAME = /^[^\s=[\];#"']+$/

/** Parses one ini file; `file` is only used in error messages. Throws `ConfigError` naming the line. */
export function parseIni (text: string, file: string): IniDocument {
  const entries = new Map<string, IniEntry>()
  const sections = new Map<string, number>()
  const sectionLabels = new Map<string, string>()
  let label = ''
  let absoluteLabel = ''
  const arrayKeys = new Set<string>()
  let section = ''
  let absoluteSection = ''

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((raw, index) => {
    const line = index + 1
    const text = raw.trim()
    if (text === '' || text.startsWith(';') || text.startsWith('#')) return

    if (text.startsWith('[')) {
      const close = text.indexOf(']')
      if (close < 0) throw new ConfigError(file, line, null, `section header "${text}" has no closing "]"`)
      const rest = text.slice(close + 1).trim()
      if (rest !== '' && !rest.startsWith(';') && !rest.startsWith('#')) {
        throw new ConfigError(file, line, null, `unexpected text "${rest}" after the section header`)
      }
      const name = text.slice(1, close).trim()
      if (!SECTION_NAME.test(name)) {
        throw new ConfigError(file, line, null,
          `invalid section name "[${name}]": use letters, digits, "_", "-" and "." between parts`)
      }
      if (name.startsWith('.')) {
        if (absoluteSection === '') {
          throw new ConfigError(file, line, null, `relative section "[${name}]" has no section before it to extend`)
        }
        section = absoluteSection + name.replace(/\./g, '_')
        label = absoluteLabel + name
      } else {
        section = absoluteSection = name.replace(/\./g, '_')
        label = absoluteLabel = name
      }
      if (!sections.has(section)) sections.set(section, line)
      if (!sectionLabels.has(section)) sectionLabels.set(section, label)
      return
    }

    const equals = text.indexOf('=')
    if (equals < 0) {
      throw new ConfigError(file, line, null, `expected "key = value", a "[section]" header or a comment, got "${text}"`)
    }
    let key = text.slice(0, equals).trim()
    const isArray = key.endsWith('[]')
    if (isArray) key = key.slice(0, -2).trim()
    if (key === '') throw new ConfigError(file, line, null, 'missing key name before "="')
    if (!KEY_NAME.test(key)) {
      throw new ConfigError(file, line, key, 'invalid key name: no spaces, quotes, brackets, "=", ";" or "#"')
    }
    const flatKey = section === '' ? key : `${section}_${key}`
    const value = parseValue(text.slice(equals + 1).trim(), file, line, flatKey)

    const previous = entries.get(flatKey)
    if (isArray && previous !== undefined && arrayKeys.has(flatKey)) {
      // Headers need one per line; every other array is a space-separated list, as in the original.
      const separator = flatKey.endsWith('_headers') ? '\n' : ' '
      entries.set(flatKey, { value: previous.value + separator + value, file, line, section, key })
    } else {
      entries.set(flatKey, { value, file, line, section, key })
    }
    if (isArray) arrayKeys.add(flatKey)
    else arrayKeys.delete(flatKey)
  })
  return { entries, sections, sectionLabels }
}

function parseValue (text: string, file: string, line: number, key: string): string {
  const quote = text[0]
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, 1)
    if (close < 0) throw new ConfigError(file, line, key, `unterminated ${quote === '"' ? 'double' : 'single'} quote`)
    const rest = text.slice(close + 1).trim()
    if (rest !== '' && !rest.startsWith(';') && !rest.startsWith('#')) {
      throw new ConfigError(file, line, key, `unexpected text "${rest}" after the quoted value`)
    }
    return text.slice(1, close)
  }
  const comment = text.search(/[;#]/)
  return (comment < 0 ? text : text.slice(0, comment)).trim()
}
