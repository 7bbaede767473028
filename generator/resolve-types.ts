// IDL types to model types: typedefs resolved, every name checked to exist in the same file, every construct
// checked to be one the generator supports; defaults and [MaxLength] checked against their types.
import type { ArgumentNode, DefaultValue as IdlDefault, FieldNode, IdlType } from 'webidl2'
import type { SourceFile } from './errors.ts'
import type { DefaultValue, IntegerIdl, Type } from './model.ts'
import { extAttr, extValue, type ModelContext, type WithExtAttrs } from './model-context.ts'
import { closest } from './closest.ts'

const INTEGERS: Record<IntegerIdl, { bits: 8 | 16 | 32 | 64, signed: boolean }> = {
  byte: { bits: 8, signed: true },
  octet: { bits: 8, signed: false },
  short: { bits: 16, signed: true },
  'unsigned short': { bits: 16, signed: false },
  long: { bits: 32, signed: true },
  'unsigned long': { bits: 32, signed: false },
  'long long': { bits: 64, signed: true },
  'unsigned long long': { bits: 64, signed: false }
}
const FLOATS: Record<string, { bits: 32 | 64, unrestricted: boolean }> = {
  float: { bits: 32, unrestricted: false },
  'unrestricted float': { bits: 32, unrestricted: true },
  double: { bits: 64, unrestricted: false },
  'unrestricted double': { bits: 64, unrestricted: true }
}
const BUFFERS = new Set(['ArrayBuffer', 'Uint8Array', 'BufferSource', 'ArrayBufferView'])
const UNSUPPORTED_TYPES = new Set(['object', 'symbol', 'bigint', 'ByteString', 'Int8Array', 'Int16Array',
  'Int32Array', 'Uint16Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'DataView', 'Uint8ClampedArray',
  'BigInt64Array', 'BigUint64Array'])
// Where a type appears, for the rules that depend on it (e.g. `undefined` only as a result).
export type Where = 'argument' | 'result' | 'member' | 'event' | 'typedef' | 'callback'

export function typeResolver ({ fail, declared, jsFiles }: ModelContext) {
  // 3. Types: resolve typedefs, check that every name exists and every construct is one we generate.
  const resolving = new Set<string>()
  const resolveType = (file: SourceFile, idlType: IdlType, where: Where): Type | undefined => {
    let type = resolveInner(file, idlType, where)
    if (type && idlType.nullable) {
      if (type.kind === 'nullable') { fail('nullable-nullable', file, idlType, 'a nullable type cannot be nullable again'); return undefined }
      if (type.kind === 'json') { fail('nullable-any', file, idlType, "'any' is already nullable"); return undefined }
      type = { kind: 'nullable', inner: type }
    }
    return type
  }
  const resolveInner = (file: SourceFile, idlType: IdlType, where: Where): Type | undefined => {
    if (idlType.union) {
      const members: Type[] = []
      for (const member of idlType.idlType as IdlType[]) {
        const type = resolveType(file, member, where)
        if (!type) return undefined
        members.push(type)
      }
      const category = (type: Type): string | undefined => {
        switch (type.kind) {
          case 'buffer': return jsFiles.has(file) ? 'buffer' : undefined
          case 'boolean': return 'boolean'
          case 'integer': return type.bits === 64 ? undefined : 'number'
          case 'float': return 'number'
          case 'string': case 'enum': return 'string'
          case 'dictionary': return 'object'
          default: return undefined
        }
      }
      const seen = new Set<string>()
      for (const member of members) {
        const kind = category(member)
        if (!kind) {
          fail('union-member', file, idlType, 'unsupported union member: unions may hold booleans, numbers (not 64-bit), strings, enums and dictionaries')
          return undefined
        }
        if (seen.has(kind)) {
          fail('ambiguous-union', file, idlType, `unsupported union: two members are both ${kind === 'object' ? 'dictionaries' : kind + 's'}, so the wire cannot tell them apart`)
          return undefined
        }
        seen.add(kind)
      }
      return { kind: 'union', members }
    }
    if (idlType.generic) {
      const args = idlType.idlType as IdlType[]
      if (idlType.generic === 'sequence') {
        const item = resolveType(file, args[0], where)
        if (!item) return undefined
        if (item.kind === 'buffer') { fail('sequence-of-buffers', file, idlType, 'a sequence of buffers is not supported: buffers travel only as the request body'); return undefined }
        return { kind: 'sequence', item }
      }
      if (idlType.generic === 'record') {
        if (!['DOMString', 'USVString'].includes(String(args[0].idlType))) { fail('record-key', file, idlType, 'record keys must be DOMString'); return undefined }
        const value = resolveType(file, args[1], where)
        if (!value) return undefined
        if (value.kind === 'buffer') { fail('record-of-buffers', file, idlType, 'a record of buffers is not supported: buffers travel only as the request body'); return undefined }
        return { kind: 'record', value }
      }
      if (idlType.generic === 'Promise') { fail('promise-not-result', file, idlType, 'Promise is only allowed as the return type of an operation'); return undefined }
      fail('unsupported-generic', file, idlType, `unsupported generic type ${idlType.generic}<…>`)
      return undefined
    }
    const name = idlType.idlType as string
    if (name === 'boolean') return { kind: 'boolean' }
    if (name in INTEGERS) return { kind: 'integer', idl: name as IntegerIdl, ...INTEGERS[name as IntegerIdl] }
    if (name in FLOATS) return { kind: 'float', idl: name, ...FLOATS[name] }
    if (name === 'DOMString' || name === 'USVString') return { kind: 'string', idl: name }
    if (name === 'any') return { kind: 'json' }
    if (name === 'undefined') {
      if (where !== 'result' && where !== 'callback') { fail('undefined-not-result', file, idlType, "'undefined' is only allowed as a return type"); return undefined }
      return { kind: 'undefined' }
    }
    if (BUFFERS.has(name)) {
      if (where === 'member' && !jsFiles.has(file)) { fail('buffer-in-dictionary', file, idlType, `${name} is not supported in a dictionary: buffers travel only as the request body`); return undefined }
      return { kind: 'buffer', idl: name }
    }
    if (UNSUPPORTED_TYPES.has(name)) { fail('unsupported-type', file, idlType, `unsupported type '${name}'`); return undefined }
    const target = declared.get(name)
    if (!target) {
      const known = [...Object.keys(INTEGERS), ...Object.keys(FLOATS), ...BUFFERS, 'boolean', 'DOMString', 'USVString', 'any', ...declared.keys()]
      const guess = closest(name, known)
      fail('unknown-type', file, idlType, `unknown type '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}`)
      return undefined
    }
    if (target.file !== file) {
      fail('type-from-other-file', file, idlType, `type '${name}' is declared in ${target.file.path}; a capability may only use types from its own file`)
      return undefined
    }
    const definition = target.node
    switch (definition.type) {
      case 'dictionary': return { kind: 'dictionary', name }
      case 'enum': return { kind: 'enum', name }
      case 'callback': return { kind: 'callback', name }
      case 'typedef': {
        if (resolving.has(name)) { fail('recursive-typedef', file, idlType, `typedef '${name}' refers to itself`); return undefined }
        resolving.add(name)
        const type = resolveType(target.file, definition.idlType, where)
        resolving.delete(name)
        return type ? { ...type, alias: name } : undefined
      }
      default:
        fail('interface-as-value', file, idlType, `'${name}' is an interface; interfaces cannot be passed as values`)
        return undefined
    }
  }

  const defaultOf = (file: SourceFile, node: { default: IdlDefault | null }, type: Type): DefaultValue | undefined => {
    const value = node.default
    if (!value) return undefined
    const base = type.kind === 'nullable' ? type.inner : type
    switch (value.type) {
      case 'boolean':
        if (base.kind !== 'boolean') break
        return { kind: 'boolean', value: value.value === true }
      case 'number': {
        const numeric = base.kind === 'union' ? base.members.find((m) => m.kind === 'integer' || m.kind === 'float') : base
        if (!numeric || (numeric.kind !== 'integer' && numeric.kind !== 'float')) break
        const text = String(value.value)
        const number = Number(text)
        if (numeric.kind === 'integer') {
          if (!Number.isInteger(number)) { fail('default-not-integer', file, value, 'the default of an integer must be an integer'); return undefined }
          const min = numeric.signed ? -(2 ** (numeric.bits - 1)) : 0
          const max = numeric.signed ? 2 ** (numeric.bits - 1) - 1 : 2 ** numeric.bits - 1
          if (number < min || number > max) { fail('default-out-of-range', file, value, `default ${text} is out of range for ${numeric.idl}`); return undefined }
        }
        return { kind: 'number', value: number, text }
      }
      case 'string':
        if (base.kind === 'string') return { kind: 'string', value: String(value.value) }
        if (base.kind === 'union' && base.members.some((m) => m.kind === 'string')) return { kind: 'string', value: String(value.value) }
        if (base.kind === 'enum') {
          const definition = declared.get(base.name)?.node
          const values = definition?.type === 'enum' ? definition.values.map((v) => v.value) : []
          if (!values.includes(String(value.value))) { fail('default-not-enum-value', file, value, `"${String(value.value)}" is not a value of enum ${base.name}`); return undefined }
          return { kind: 'string', value: String(value.value) }
        }
        break
      case 'null':
        if (type.kind !== 'nullable' && type.kind !== 'json') break
        return { kind: 'null' }
      case 'sequence':
        if (base.kind !== 'sequence') break
        return { kind: 'empty-sequence' }
      case 'dictionary': {
        if (base.kind !== 'dictionary' && base.kind !== 'record') break
        const definition = base.kind === 'dictionary' ? declared.get(base.name)?.node : undefined
        const required = definition?.type === 'dictionary' ? definition.members.find((m) => m.required) : undefined
        if (required && base.kind === 'dictionary') { fail('default-empty-required', file, value, `{} cannot be the default: dictionary ${base.name} has the required member '${required.name}'`); return undefined }
        return { kind: 'empty-dictionary' }
      }
      default:
        fail('unsupported-default', file, value, `unsupported default value (${value.type})`)
        return undefined
    }
    fail('default-type-mismatch', file, value, 'the default value does not match the type')
    return undefined
  }

  const maxLengthOf = (file: SourceFile, owner: ArgumentNode | FieldNode, type: Type | undefined): number | undefined => {
    // `[MaxLength=n] DOMString x` and `optional [MaxLength=n] DOMString x` put it on the member or on its type.
    const node: WithExtAttrs = extAttr(owner, 'MaxLength') ? owner : owner.idlType
    const text = extValue(node, 'MaxLength')
    if (text === undefined) return undefined
    const n = Number(text)
    if (!Number.isSafeInteger(n) || n < 0) { fail('max-length-value', file, extAttr(node, 'MaxLength'), '[MaxLength] needs a non-negative integer'); return undefined }
    const base = type?.kind === 'nullable' ? type.inner : type
    if (base && !['string', 'buffer', 'sequence'].includes(base.kind)) {
      fail('max-length-type', file, extAttr(node, 'MaxLength'), '[MaxLength] applies only to strings, buffers and sequences')
      return undefined
    }
    return n
  }

  return { resolveType, defaultOf, maxLengthOf, resolving }
}

export type TypeResolver = ReturnType<typeof typeResolver>
