// Kotlin naming and type mapping (Kotlin 2.x: unsigned 64-bit values are ULong).
import type { Argument, DefaultValue, Type } from '../../model.ts'
import { typeName, type TypeNames } from '../type-names.ts'
import { decodeJson, type JsonDecoders } from '../json-decoders.ts'
import { defaultValue, type DefaultNames } from '../default-values.ts'

const KEYWORDS = new Set(['as', 'break', 'class', 'continue', 'do', 'else', 'false', 'for', 'fun', 'if', 'in',
  'interface', 'is', 'null', 'object', 'package', 'return', 'super', 'this', 'throw', 'true', 'try', 'typealias',
  'typeof', 'val', 'var', 'when', 'while'])

export function isKotlinKeyword (name: string): boolean {
  return KEYWORDS.has(name)
}

export const ktName = (name: string): string => KEYWORDS.has(name) ? `\`${name}\`` : name

export function enumConstant (value: string): string {
  const name = value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase()
  if (name === '') return 'EMPTY'
  return /^[0-9]/.test(name) ? `V_${name}` : name
}

// The range each integer is checked against when decoded (as a Long), and the conversion to its Kotlin type;
// `unsigned long long` has decoders of its own.
const INTEGERS: Record<string, { min: string, max: string, convert: string }> = {
  byte: { min: '-128L', max: '127L', convert: '.toByte()' },
  octet: { min: '0L', max: '255L', convert: '.toInt()' },
  short: { min: '-32768L', max: '32767L', convert: '.toShort()' },
  'unsigned short': { min: '0L', max: '65535L', convert: '.toInt()' },
  long: { min: '-2147483648L', max: '2147483647L', convert: '.toInt()' },
  'unsigned long': { min: '0L', max: '4294967295L', convert: '' },
  'long long': { min: 'Long.MIN_VALUE', max: 'Long.MAX_VALUE', convert: '' }
}

const KOTLIN_TYPES: TypeNames = {
  language: 'Kotlin',
  boolean: 'Boolean',
  integers: {
    byte: 'Byte', octet: 'Int', short: 'Short', 'unsigned short': 'Int', long: 'Int', 'unsigned long': 'Long',
    'long long': 'Long', 'unsigned long long': 'ULong'
  },
  float: 'Float',
  double: 'Double',
  string: 'String',
  buffer: 'ByteArray',
  json: 'Json',
  undefined: 'Unit',
  sequence: (item) => `List<${item}>`,
  record: (value) => `Map<String, ${value}>`,
  nullable: (inner) => `${inner}?`,
  union: () => 'Any'
}

export const ktType = (type: Type): string => typeName(type, KOTLIN_TYPES)

const KOTLIN_DECODERS: JsonDecoders = {
  language: 'Kotlin',
  boolean: (j, n) => `Decode.boolean(${j}, ${n})`,
  integer: (idl, j, n) => idl === 'unsigned long long'
    ? `Decode.unsigned64(${j}, ${n})`
    : `Decode.integer(${j}, ${n}, ${INTEGERS[idl].min}, ${INTEGERS[idl].max})${INTEGERS[idl].convert}`,
  float: (bits, j, n) => bits === 32 ? `Decode.number(${j}, ${n}).toFloat()` : `Decode.number(${j}, ${n})`,
  string: (j, n) => `Decode.string(${j}, ${n})`,
  enum: (name, j, n) => `${name}.fromWire(Decode.string(${j}, ${n}), ${n})`,
  dictionary: (name, j, n) => `${name}.fromJson(${j}, ${n})`,
  sequence: (j, n, v, vn, item) => `Decode.list(${j}, ${n}) { ${v}, ${vn} -> ${item} }`,
  record: (j, n, v, vn, value) => `Decode.map(${j}, ${n}) { ${v}, ${vn} -> ${value} }`,
  nullable: (j, _v, decode) => `(if (${j} is Json.Null) null else ${decode(j)})`,
  union: (j, n, string, number, bool) => `Decode.union(${j}, ${n}, ${string}, ${number}, ${bool})`
}

// Kotlin expression decoding JSON expression `j` (argument path expression `n`) into the type.
export const fromJson = (type: Type, j: string, n: string): string => decodeJson(type, j, n, KOTLIN_DECODERS)

// Kotlin expression decoding a query parameter's text `t` into a scalar type.
export function fromText (type: Type, t: string, n: string): string {
  const base = type.kind === 'nullable' ? type.inner : type
  switch (base.kind) {
    case 'boolean': return `Decode.booleanText(${t}, ${n})`
    case 'integer':
      if (base.idl === 'unsigned long long') return `Decode.unsigned64Text(${t}, ${n})`
      return `Decode.integerText(${t}, ${n}, ${INTEGERS[base.idl].min}, ${INTEGERS[base.idl].max})${INTEGERS[base.idl].convert}`
    case 'float': return `Decode.doubleText(${t}, ${n}, ${!base.unrestricted})${base.bits === 32 ? '.toFloat()' : ''}`
    case 'string': return t
    case 'enum': return `${base.name}.fromWire(${t}, ${n})`
    default: throw new Error(`no text decoder for ${base.kind}`)
  }
}

// Kotlin expression encoding value expression `v` of the type as Json.
export function toJson (type: Type, v: string, depth = 0): string {
  const x = `x${depth}`
  switch (type.kind) {
    case 'boolean': return `Json.Bool(${v})`
    case 'integer':
      if (type.idl === 'unsigned long long') return `Encode.unsigned64(${v})`
      if (type.idl === 'long long') return `Json.Str(${v}.toString())`
      return `Json.Num(${v}.toDouble())`
    case 'float': return `Json.Num(${v}.toDouble())`
    case 'string': return `Json.Str(${v})`
    case 'json': return v
    case 'enum': return `Json.Str(${v}.wire)`
    case 'dictionary': return `${v}.toJson()`
    case 'sequence': return `Json.Arr(${v}.map { ${x} -> ${toJson(type.item, x, depth + 1)} })`
    // Keys sorted, as C++ (std::map) and Swift write records, whatever map the service built.
    case 'record': return `Json.Obj(LinkedHashMap(java.util.TreeMap(${v}).mapValues { ${x} -> ${toJson(type.value, `${x}.value`, depth + 1)} }))`
    case 'nullable': return `(${v}?.let { ${x} -> ${toJson(type.inner, x, depth + 1)} } ?: Json.Null)`
    case 'union': return `Encode.union(${v})`
    default: throw new Error(`no Kotlin encoder for ${type.kind}`)
  }
}

const KOTLIN_DEFAULTS: DefaultNames = {
  jsonNull: 'Json.Null',
  none: 'null',
  emptySequence: 'emptyList()',
  emptyRecord: 'emptyMap()',
  emptyDictionary: (name) => `${name}.fromJson(Json.Obj(LinkedHashMap()), "")`,
  enumValue: (name, value) => `${name}.${enumConstant(value)}`,
  string: (_base, value) => JSON.stringify(value).replace(/\$/g, '\\$'),
  number: (base, text) => {
    // A number default of a union is kept as the union's Kotlin value, a Double.
    const kt = base.kind === 'union' ? 'Double' : ktType(base)
    if (kt === 'Int') return text
    if (kt === 'Long') return `${text}L`
    if (kt === 'ULong') return `${text}UL`
    return `(${text}).to${kt}()`
  }
}

export const ktDefault = (type: Type, value: DefaultValue | undefined): string | undefined => defaultValue(type, value, KOTLIN_DEFAULTS)


export function argumentType (arg: Argument): string {
  const type = ktType(arg.type)
  return arg.presence === 'maybe' && arg.type.kind !== 'nullable' ? `${type}?` : type
}
