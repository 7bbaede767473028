// Swift naming and type mapping for the iOS bridge (parse-checked only on Linux; see docs/generator.md).
import type { DefaultValue, Type } from '../../model.ts'
import { camel } from '../../render.ts'

const KEYWORDS = new Set(['associatedtype', 'class', 'deinit', 'enum', 'extension', 'fileprivate', 'func', 'import',
  'init', 'inout', 'internal', 'let', 'open', 'operator', 'private', 'protocol', 'public', 'rethrows', 'static',
  'struct', 'subscript', 'typealias', 'var', 'break', 'case', 'continue', 'default', 'defer', 'do', 'else',
  'fallthrough', 'for', 'guard', 'if', 'in', 'repeat', 'return', 'switch', 'where', 'while', 'as', 'Any', 'catch',
  'false', 'is', 'nil', 'super', 'self', 'Self', 'throw', 'throws', 'true', 'try'])

export function isSwiftKeyword (name: string): boolean {
  return KEYWORDS.has(name)
}

export function swiftName (name: string): string {
  return KEYWORDS.has(name) ? `\`${name}\`` : name
}

export function enumCase (value: string): string {
  const name = camel(value)
  if (name === '') return 'empty'
  const safe = /^[0-9]/.test(name) ? `v${name}` : name
  return swiftName(safe)
}

const INTEGERS: Record<string, string> = {
  byte: 'Int8', octet: 'UInt8', short: 'Int16', 'unsigned short': 'UInt16', long: 'Int32',
  'unsigned long': 'UInt32', 'long long': 'Int64', 'unsigned long long': 'UInt64'
}

export function swiftType (type: Type): string {
  switch (type.kind) {
    case 'boolean': return 'Bool'
    case 'integer': return INTEGERS[type.idl]
    case 'float': return type.bits === 32 ? 'Float' : 'Double'
    case 'string': return 'String'
    case 'buffer': return '[UInt8]'
    case 'json': return 'JSON'
    case 'undefined': return 'Void'
    case 'enum': case 'dictionary': return type.name
    case 'callback': throw new Error('callbacks never reach Swift')
    case 'sequence': return `[${swiftType(type.item)}]`
    case 'record': return `[String: ${swiftType(type.value)}]`
    case 'nullable': return `${swiftType(type.inner)}?`
    case 'union': return 'JSON'
  }
}

export function fromJson (type: Type, j: string, n: string, depth = 0): string {
  const v = `v${depth}`
  const vn = `n${depth}`
  switch (type.kind) {
    case 'boolean': return `try Decode.boolean(${j}, ${n})`
    case 'integer': return `try Decode.integer(${j}, ${n}, ${INTEGERS[type.idl]}.self)`
    case 'float': return type.bits === 32 ? `Float(try Decode.number(${j}, ${n}))` : `try Decode.number(${j}, ${n})`
    case 'string': return `try Decode.string(${j}, ${n})`
    case 'json': return j
    case 'enum': return `try ${type.name}.fromWire(try Decode.string(${j}, ${n}), ${n})`
    case 'dictionary': return `try ${type.name}.fromJSON(${j}, at: ${n})`
    case 'sequence': return `try Decode.list(${j}, ${n}) { ${v}, ${vn} in ${fromJson(type.item, v, vn, depth + 1)} }`
    case 'record': return `try Decode.map(${j}, ${n}) { ${v}, ${vn} in ${fromJson(type.value, v, vn, depth + 1)} }`
    case 'nullable': return `try Decode.nullable(${j}) { ${v} in ${fromJson(type.inner, v, n, depth + 1)} }`
    case 'union': {
      const has = (kinds: string[]) => type.members.some((m) => kinds.includes(m.kind))
      return `try Decode.union(${j}, ${n}, string: ${has(['string', 'enum'])}, number: ${has(['integer', 'float'])}, bool: ${has(['boolean'])})`
    }
    default: throw new Error(`no Swift decoder for ${type.kind}`)
  }
}

export function fromText (type: Type, t: string, n: string): string {
  const base = type.kind === 'nullable' ? type.inner : type
  switch (base.kind) {
    case 'boolean': return `try Decode.booleanText(${t}, ${n})`
    case 'integer': return `try Decode.integerText(${t}, ${n}, ${INTEGERS[base.idl]}.self)`
    case 'float': return `${base.bits === 32 ? 'Float(' : ''}try Decode.doubleText(${t}, ${n}, finite: ${!base.unrestricted})${base.bits === 32 ? ')' : ''}`
    case 'string': return t
    case 'enum': return `try ${base.name}.fromWire(${t}, ${n})`
    default: throw new Error(`no text decoder for ${base.kind}`)
  }
}

export function toJson (type: Type, v: string, depth = 0): string {
  const x = `x${depth}`
  switch (type.kind) {
    case 'boolean': return `JSON.bool(${v})`
    case 'integer': return type.bits === 64 ? `JSON.string(String(${v}))` : `JSON.number(Double(${v}))`
    case 'float': return `JSON.number(Double(${v}))`
    case 'string': return `JSON.string(${v})`
    case 'json': case 'union': return v
    case 'enum': return `JSON.string(${v}.rawValue)`
    case 'dictionary': return `${v}.toJSON()`
    case 'sequence': return `Encode.list(${v}) { ${x} in ${toJson(type.item, x, depth + 1)} }`
    case 'record': return `Encode.map(${v}) { ${x} in ${toJson(type.value, x, depth + 1)} }`
    case 'nullable': return `Encode.optional(${v}) { ${x} in ${toJson(type.inner, x, depth + 1)} }`
    default: throw new Error(`no Swift encoder for ${type.kind}`)
  }
}

export function swiftDefault (type: Type, value: DefaultValue | undefined): string | undefined {
  if (!value) return undefined
  const base = type.kind === 'nullable' ? type.inner : type
  switch (value.kind) {
    case 'boolean': return String(value.value)
    case 'null': return type.kind === 'json' ? 'JSON.null' : 'nil'
    case 'empty-sequence': return '[]'
    // Every member of a dictionary that may default to {} has a default itself (build-model.ts checks), so its
    // memberwise init needs no arguments: no `try!`, nothing to trap.
    case 'empty-dictionary': return base.kind === 'dictionary' ? `${base.name}()` : '[:]'
    case 'string':
      if (base.kind === 'enum') return `${base.name}.${enumCase(value.value)}`
      if (base.kind === 'union') return `JSON.string(${JSON.stringify(value.value)})`
      return JSON.stringify(value.value)
    case 'number':
      if (base.kind === 'union') return `JSON.number(${value.text})`
      return `${swiftType(base)}(${value.text})`
  }
}

