// Swift naming and type mapping for the iOS bridge (parse-checked only on Linux; see docs/generator.md).
import type { DefaultValue, IntegerIdl, Type } from '../../model.ts'
import { typeName, type TypeNames } from '../type-names.ts'
import { decodeJson, type JsonDecoders } from '../json-decoders.ts'
import { defaultValue, type DefaultNames } from '../default-values.ts'
import { camel } from '../../render.ts'

const KEYWORDS = new Set(['associatedtype', 'class', 'deinit', 'enum', 'extension', 'fileprivate', 'func', 'import',
  'init', 'inout', 'internal', 'let', 'open', 'operator', 'private', 'protocol', 'public', 'rethrows', 'static',
  'struct', 'subscript', 'typealias', 'var', 'break', 'case', 'continue', 'default', 'defer', 'do', 'else',
  'fallthrough', 'for', 'guard', 'if', 'in', 'repeat', 'return', 'switch', 'where', 'while', 'as', 'Any', 'catch',
  'false', 'is', 'nil', 'super', 'self', 'Self', 'throw', 'throws', 'true', 'try'])

export function isSwiftKeyword (name: string): boolean {
  return KEYWORDS.has(name)
}

export const swiftName = (name: string): string => KEYWORDS.has(name) ? `\`${name}\`` : name

export function enumCase (value: string): string {
  const name = camel(value)
  if (name === '') return 'empty'
  const safe = /^[0-9]/.test(name) ? `v${name}` : name
  return swiftName(safe)
}

const INTEGERS: Record<IntegerIdl, string> = {
  byte: 'Int8', octet: 'UInt8', short: 'Int16', 'unsigned short': 'UInt16', long: 'Int32',
  'unsigned long': 'UInt32', 'long long': 'Int64', 'unsigned long long': 'UInt64'
}

const SWIFT_TYPES: TypeNames = {
  language: 'Swift',
  boolean: 'Bool',
  integers: INTEGERS,
  float: 'Float',
  double: 'Double',
  string: 'String',
  buffer: '[UInt8]',
  json: 'JSON',
  undefined: 'Void',
  sequence: (item) => `[${item}]`,
  record: (value) => `[String: ${value}]`,
  nullable: (inner) => `${inner}?`,
  union: () => 'JSON'
}

export const swiftType = (type: Type): string => typeName(type, SWIFT_TYPES)

const SWIFT_DECODERS: JsonDecoders = {
  language: 'Swift',
  boolean: (j, n) => `try Decode.boolean(${j}, ${n})`,
  integer: (idl, j, n) => `try Decode.integer(${j}, ${n}, ${INTEGERS[idl]}.self)`,
  float: (bits, j, n) => bits === 32 ? `Float(try Decode.number(${j}, ${n}))` : `try Decode.number(${j}, ${n})`,
  string: (j, n) => `try Decode.string(${j}, ${n})`,
  enum: (name, j, n) => `try ${name}.fromWire(try Decode.string(${j}, ${n}), ${n})`,
  dictionary: (name, j, n) => `try ${name}.fromJSON(${j}, at: ${n})`,
  sequence: (j, n, v, vn, item) => `try Decode.list(${j}, ${n}) { ${v}, ${vn} in ${item} }`,
  record: (j, n, v, vn, value) => `try Decode.map(${j}, ${n}) { ${v}, ${vn} in ${value} }`,
  nullable: (j, v, decode) => `try Decode.nullable(${j}) { ${v} in ${decode(v)} }`,
  union: (j, n, string, number, bool) => `try Decode.union(${j}, ${n}, string: ${string}, number: ${number}, bool: ${bool})`
}

export const fromJson = (type: Type, j: string, n: string): string => decodeJson(type, j, n, SWIFT_DECODERS)

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

const SWIFT_DEFAULTS: DefaultNames = {
  jsonNull: 'JSON.null',
  none: 'nil',
  emptySequence: '[]',
  emptyRecord: '[:]',
  // Every member of a dictionary that may default to {} has a default itself (build-model.ts checks), so its
  // memberwise init needs no arguments: no `try!`, nothing to trap.
  emptyDictionary: (name) => `${name}()`,
  enumValue: (name, value) => `${name}.${enumCase(value)}`,
  string: (base, value) => base.kind === 'union' ? `JSON.string(${JSON.stringify(value)})` : JSON.stringify(value),
  number: (base, text) => base.kind === 'union' ? `JSON.number(${text})` : `${swiftType(base)}(${text})`
}

export const swiftDefault = (type: Type, value: DefaultValue | undefined): string | undefined => defaultValue(type, value, SWIFT_DEFAULTS)

