// C++ naming and type mapping for the generated headers and dispatch.
import type { Capability, DefaultValue, Dictionary, Type } from '../../model.ts'
import type { Presence } from '../../presence.ts'
import { typeName, type TypeNames } from '../type-names.ts'
import { pascal } from '../../render.ts'

const RESERVED = new Set(['alignas', 'alignof', 'and', 'asm', 'auto', 'bool', 'break', 'case', 'catch', 'char',
  'class', 'const', 'constexpr', 'continue', 'default', 'delete', 'do', 'double', 'else', 'enum', 'explicit',
  'export', 'extern', 'false', 'float', 'for', 'friend', 'goto', 'if', 'inline', 'int', 'long', 'mutable',
  'namespace', 'new', 'noexcept', 'not', 'nullptr', 'operator', 'or', 'private', 'protected', 'public',
  'register', 'return', 'short', 'signed', 'sizeof', 'static', 'struct', 'switch', 'template', 'this', 'throw',
  'true', 'try', 'typedef', 'typeid', 'typename', 'union', 'unsigned', 'using', 'virtual', 'void', 'volatile',
  'while', 'xor', 'errno', 'stdin', 'stdout', 'stderr', 'linux', 'unix', 'major', 'minor', 'assert'])

export function isCppReserved (name: string): boolean {
  return RESERVED.has(name)
}

// A member or argument name as a C++ identifier (a trailing _ avoids keywords and libc macros).
export function cppName (name: string): string {
  return RESERVED.has(name) ? `${name}_` : name
}

export function namespaceOf (capability: Capability): string {
  return `api::${cppName(capability.name)}`
}

export function enumValueName (value: string): string {
  const name = pascal(value)
  if (name === '') return 'Empty'
  return /^[0-9]/.test(name) ? `V${name}` : name
}

const CPP_TYPES: TypeNames = {
  language: 'C++',
  boolean: 'bool',
  integers: {
    byte: 'int8_t', octet: 'uint8_t', short: 'int16_t', 'unsigned short': 'uint16_t', long: 'int32_t',
    'unsigned long': 'uint32_t', 'long long': 'int64_t', 'unsigned long long': 'uint64_t'
  },
  float: 'float',
  double: 'double',
  string: 'std::string',
  buffer: 'std::vector<uint8_t>',
  json: 'ipc::Json',
  undefined: 'void',
  sequence: (item) => `std::vector<${item}>`,
  record: (value) => `std::map<std::string, ${value}>`,
  nullable: (inner) => `std::optional<${inner}>`,
  union: (members) => `std::variant<${members.join(', ')}>`
}

export function cppType (type: Type): string {
  return typeName(type, CPP_TYPES)
}

// The C++ type of an argument or member: one that can hold no value (presence 'maybe') is a std::optional (once).
export function storageType (type: Type, presence: Presence): string {
  if (type.kind !== 'nullable' && presence === 'maybe') return `std::optional<${cppType(type)}>`
  return cppType(type)
}

export function initializer (type: Type, value: DefaultValue | undefined, optionalStorage: boolean): string {
  if (optionalStorage) return ''
  const base = type.kind === 'nullable' ? type.inner : type
  if (value) {
    switch (value.kind) {
      case 'boolean': return ` = ${value.value}`
      case 'number': return base.kind === 'union' ? ` = ${cppType(base.members.find((m) => m.kind === 'integer' || m.kind === 'float')!)}(${value.text})` : ` = ${value.text}`
      case 'string':
        if (base.kind === 'enum') return ` = ${base.name}::${enumValueName(value.value)}`
        if (base.kind === 'union') return ` = std::string(${JSON.stringify(value.value)})`
        return ` = ${JSON.stringify(value.value)}`
      default: return ''
    }
  }
  if (type.kind === 'nullable') return ''
  switch (type.kind) {
    case 'boolean': return ' = false'
    case 'integer': case 'float': return ' = 0'
    case 'enum': return '{}'
    default: return ''
  }
}

// Dictionaries in an order where each one's by-value members are declared before it.
export function orderDictionaries (dictionaries: Dictionary[]): Dictionary[] {
  const byName = new Map(dictionaries.map((d) => [d.name, d]))
  const out: Dictionary[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const uses = (type: Type): string[] => {
    switch (type.kind) {
      case 'dictionary': return [type.name]
      case 'sequence': return uses(type.item)
      case 'record': return uses(type.value)
      case 'nullable': return uses(type.inner)
      case 'union': return type.members.flatMap(uses)
      default: return []
    }
  }
  const visit = (dictionary: Dictionary): void => {
    if (state.get(dictionary.name)) return
    state.set(dictionary.name, 'visiting')
    for (const member of dictionary.members) for (const name of uses(member.type)) visit(byName.get(name)!)
    state.set(dictionary.name, 'done')
    out.push(dictionary)
  }
  dictionaries.forEach(visit)
  return out
}
