// Emits the socket.ini schema as JSON Schema (draft 2020-12) for editors (one object per section, keys as
// properties) and as the key reference in docs/config.md (between its "keys" markers). Run
// `npx tsx cli/src/config/json-schema.ts` after editing schema.ts; `--check` fails when either is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SCHEMA, type KeyDef, type KeyType } from './schema.ts'
import { SIZE } from './check-schema.ts'

export const JSON_SCHEMA_PATH = join(fileURLToPath(new URL('../../schema/', import.meta.url)), 'socket.ini.schema.json')
export const HOST_KEYS_PATH = join(fileURLToPath(new URL('../../../native/linux/', import.meta.url)), 'config_keys.inc')
export const CONFIG_DOC_PATH = join(fileURLToPath(new URL('../../../docs/', import.meta.url)), 'config.md')
const BEGIN = '<!-- keys: generated from cli/src/config/schema.ts -->'
const END = '<!-- end of keys -->'

function typeLabel (type: KeyType): string {
  return typeof type === 'string' ? type : type.map((t) => `\`${t}\``).join(' \\| ')
}

/** The key reference: one table per section. */
export function keyReference (): string {
  const out: string[] = []
  for (const [name, section] of Object.entries(SCHEMA)) {
    out.push(`### [${name}]`, '', section.doc + (section.platform !== undefined ? ` Read on ${section.platform}; Linux ignores this section.` : ''), '')
    if (section.anyKey !== undefined) out.push(`Any key name, with a ${typeLabel(section.anyKey)} value.${section.notYet === true ? ' **Not implemented yet** on Linux (a warning).' : ''}`, '')
    if (Object.keys(section.keys).length === 0) continue
    out.push('| key | type | default | what it does |', '| --- | --- | --- | --- |')
    for (const [key, def] of Object.entries(section.keys)) {
      const linux = section.platform !== undefined ? '' : def.notOnLinux !== undefined ? ` **Not on Linux** (a warning): ${def.notOnLinux}.`
        : def.notYet === true ? ' **Not implemented yet** on Linux (a warning).' : ''
      out.push(`| \`${key}\` | ${typeLabel(def.type)} | ${def.default !== undefined ? `\`${def.default}\`` : ''} | ${def.doc.replace(/\|/g, '\\|')}${linux} |`)
    }
    out.push('')
  }
  return out.join('\n')
}

/** The flattened keys for the host (a C++ initializer list), so a hand-written socket-config.json is checked too. */
export function hostKeys (): string {
  const keys: string[] = ['build_profile'] // written by ssc build, not socket.ini
  const prefixes: string[] = []
  for (const [name, section] of Object.entries(SCHEMA)) {
    const flat = name.replace(/\./g, '_')
    for (const key of Object.keys(section.keys)) keys.push(`${flat}_${key}`)
    if (section.anyKey !== undefined || section.platform !== undefined) prefixes.push(`${flat}_`)
  }
  const list = (values: string[]): string => values.sort().map((v) => `  "${v}",`).join('\n')
  return `// Generated from cli/src/config/schema.ts by cli/src/config/json-schema.ts; do not edit.\n` +
    `// The flattened socket.ini keys the schema knows, then the prefixes of sections that take any key.\n` +
    `static const char *const kKnownConfigKeys[] = {\n${list(keys)}\n};\n` +
    `static const char *const kOpenConfigPrefixes[] = {\n${list(prefixes)}\n  "settings_",\n};\n`
}

/** docs/config.md with its key reference replaced by the current one. */
export function configDoc (current: string): string {
  const start = current.indexOf(BEGIN)
  const end = current.indexOf(END)
  if (start < 0 || end < start) throw new Error(`${CONFIG_DOC_PATH}: missing the markers ${BEGIN} … ${END}`)
  return current.slice(0, start + BEGIN.length) + '\n\n' + keyReference() + '\n' + current.slice(end)
}

function property (def: KeyDef): Record<string, unknown> {
  const out: Record<string, unknown> = { ...typeOf(def.type), description: def.doc + (def.notOnLinux !== undefined ? ` (not on Linux: ${def.notOnLinux})` : '') }
  if (def.default !== undefined) out.default = def.default
  return out
}

function typeOf (type: KeyType): Record<string, unknown> {
  if (typeof type !== 'string') return { enum: [...type] }
  if (type === 'boolean') return { type: 'boolean' }
  if (type === 'number') return { type: 'number' }
  if (type === 'size') return { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: SIZE.source }] }
  if (type === 'list') return { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }
  return { type: 'string' }
}

export function jsonSchema (): string {
  const properties: Record<string, unknown> = {}
  for (const [name, section] of Object.entries(SCHEMA)) {
    const keys: Record<string, unknown> = {}
    for (const [key, def] of Object.entries(section.keys)) keys[key] = property(def)
    properties[name] = {
      type: 'object',
      description: section.doc + (section.platform !== undefined ? ` (read on ${section.platform})` : ''),
      properties: keys,
      additionalProperties: section.anyKey !== undefined ? typeOf(section.anyKey) : false
    }
  }
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'socket.ini',
    description: 'Generated from cli/src/config/schema.ts; do not edit.',
    type: 'object',
    properties,
    additionalProperties: false
  }
  return JSON.stringify(schema, null, 2) + '\n'
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const doc = readFileSync(CONFIG_DOC_PATH, 'utf8')
  const outputs: Array<[string, string, string]> = [
    [JSON_SCHEMA_PATH, jsonSchema(), (() => { try { return readFileSync(JSON_SCHEMA_PATH, 'utf8') } catch { return '' } })()],
    [CONFIG_DOC_PATH, configDoc(doc), doc],
    [HOST_KEYS_PATH, hostKeys(), (() => { try { return readFileSync(HOST_KEYS_PATH, 'utf8') } catch { return '' } })()]
  ]
  for (const [path, fresh, current] of outputs) {
    if (fresh === current) continue
    if (!process.argv.includes('--check')) writeFileSync(path, fresh)
    else {
      console.error(`${path} is stale: run npx tsx cli/src/config/json-schema.ts`)
      process.exitCode = 1
    }
  }
}
