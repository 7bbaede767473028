// Kotlin naming and type mapping (Kotlin 2.x: unsigned 64-bit values are ULong).
import type { Argument, DefaultValue, Type } from '../../model.ts'

const KEYWORDS = new Set(['as', 'break', 'class', 'continue', 'do', 'else', 'false', 'for', 'fun', 'if', 'in',
  'interface', 'is', 'null', 'object', 'package', 'return', 'super', 'this', 'throw', 'true', 'try', 'typealias',
  'typeof', 'val', 'var', 'when', 'while'])

export function isKotlinKeyword (name: string): boolean {
  return KEYWORDS.has(name)
}

export function ktName (name: string): string {
  return KEYWORDS.has(name) ? `\`${name}\`` : name
}

export function enumConstant (value: string): string {
  const name = value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase()
  if (name === '') return 'EMPTY'
  return /^[0-9]/.test(name) ? `V_${name}` : name
}

const INTEGERS: Record<string, { kt: string, min: string, max: string, convert: string }> = {
  byte: { kt: 'Byte', min: '-128L', max: '127L', convert: '.toByte()' },
  octet: { kt: 'Int', min: '0L', max: '255L', convert: '.toInt()' },
  short: { kt: 'Short', min: '-32768L', max: '32767L', convert: '.toShort()' },
  'unsigned short': { kt: 'Int', min: '0L', max: '65535L', convert: '.toInt()' },
  long: { kt: 'Int', min: '-2147483648L', max: '2147483647L', convert: '.toInt()' },
  'unsigned long': { kt: 'Long', min: '0L', max: '4294967295L', convert: '' },
  'long long': { kt: 'Long', min: 'Long.MIN_VALUE', max: 'Long.MAX_VALUE', convert: '' }
}

export function ktType (type: Type): string {
  switch (type.kind) {
    case 'boolean': return 'Boolean'
    case 'integer': return type.idl === 'unsigned long long' ? 'ULong' : INTEGERS[type.idl].kt
    case 'float': return type.bits === 32 ? 'Float' : 'Double'
    case 'string': return 'String'
    case 'buffer': return 'ByteArray'
    case 'json': return 'Json'
    case 'undefined': return 'Unit'
    case 'enum': case 'dictionary': return type.name
    case 'callback': throw new Error('callbacks never reach Kotlin')
    case 'sequence': return `List<${ktType(type.item)}>`
    case 'record': return `Map<String, ${ktType(type.value)}>`
    case 'nullable': return `${ktType(type.inner)}?`
    case 'union': return 'Any'
  }
}

// Kotlin expression decoding JSON expression `j` (argument path expression `n`) into the type.
export function fromJson (type: Type, j: string, n: string, depth = 0): string {
  const v = `v${depth}`
  const vn = `n${depth}`
  switch (type.kind) {
    case 'boolean': return `Decode.boolean(${j}, ${n})`
    case 'integer':
      if (type.idl === 'unsigned long long') return `Decode.unsigned64(${j}, ${n})`
      return `Decode.integer(${j}, ${n}, ${INTEGERS[type.idl].min}, ${INTEGERS[type.idl].max})${INTEGERS[type.idl].convert}`
    case 'float': return type.bits === 32 ? `Decode.number(${j}, ${n}).toFloat()` : `Decode.number(${j}, ${n})`
    case 'string': return `Decode.string(${j}, ${n})`
    case 'json': return j
    case 'enum': return `${type.name}.fromWire(Decode.string(${j}, ${n}), ${n})`
    case 'dictionary': return `${type.name}.fromJson(${j}, ${n})`
    case 'sequence': return `Decode.list(${j}, ${n}) { ${v}, ${vn} -> ${fromJson(type.item, v, vn, depth + 1)} }`
    case 'record': return `Decode.map(${j}, ${n}) { ${v}, ${vn} -> ${fromJson(type.value, v, vn, depth + 1)} }`
    case 'nullable': return `(if (${j} is Json.Null) null else ${fromJson(type.inner, j, n, depth)})`
    case 'union': {
      const has = (kinds: string[]) => type.members.some((m) => kinds.includes(m.kind))
      return `Decode.union(${j}, ${n}, ${has(['string', 'enum'])}, ${has(['integer', 'float'])}, ${has(['boolean'])})`
    }
    default: throw new Error(`no Kotlin decoder for ${type.kind}`)
  }
}

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

export function ktDefault (type: Type, value: DefaultValue | undefined): string | undefined {
  if (!value) return undefined
  const base = type.kind === 'nullable' ? type.inner : type
  switch (value.kind) {
    case 'boolean': return String(value.value)
    case 'null': return type.kind === 'json' ? 'Json.Null' : 'null'
    case 'empty-sequence': return 'emptyList()'
    case 'empty-dictionary': return base.kind === 'dictionary' ? `${base.name}.fromJson(Json.Obj(LinkedHashMap()), "")` : 'emptyMap()'
    case 'string':
      if (base.kind === 'enum') return `${base.name}.${enumConstant(value.value)}`
      return JSON.stringify(value.value).replace(/\$/g, '\\$')
    case 'number': {
      // A number default of a union is kept as the union's Kotlin value, a Double.
      const kt = base.kind === 'union' ? 'Double' : ktType(base)
      if (kt === 'Int') return value.text
      if (kt === 'Long') return `${value.text}L`
      if (kt === 'ULong') return `${value.text}UL`
      return `(${value.text}).to${kt}()`
    }
  }
}


export function argumentType (arg: Argument): string {
  const type = ktType(arg.type)
  return arg.presence === 'maybe' && arg.type.kind !== 'nullable' ? `${type}?` : type
}
