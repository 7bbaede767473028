// TypeScript naming and type mapping: the one place that decides how an IDL type looks in TS.
import type { Capability, Dictionary, Type } from '../../model.ts'

export type Direction = 'in' | 'out'

export function tsType (type: Type, direction: Direction): string {
  switch (type.kind) {
    case 'boolean': return 'boolean'
    case 'integer': return type.bits === 64 ? (direction === 'in' ? 'bigint | number' : 'bigint') : 'number'
    case 'float': return 'number'
    case 'string': return 'string'
    case 'buffer': return direction === 'in' ? 'BufferInput' : 'Uint8Array'
    case 'json': return 'unknown'
    case 'undefined': return 'void'
    case 'enum': case 'dictionary': case 'callback': return type.name
    case 'sequence': return `Array<${tsType(type.item, direction === 'in' && type.item.kind === 'integer' ? 'in' : 'out')}>`
    case 'record': return `Record<string, ${tsType(type.value, direction === 'in' && type.value.kind === 'integer' ? 'in' : 'out')}>`
    case 'nullable': return `${wrap(tsType(type.inner, direction))} | null`
    case 'union': return type.members.map((m) => wrap(tsType(m, 'out'))).join(' | ')
  }
}

function wrap (text: string): string {
  return text.includes(' | ') ? `(${text})` : text
}

// The expression of a function that turns wire JSON into the TS type, or undefined when JSON already is it.
export function decoderOf (type: Type, capability: Capability): string | undefined {
  switch (type.kind) {
    case 'integer': return type.bits === 64 ? 'toBigInt' : undefined
    case 'dictionary': return dictionaryNeedsDecoder(find(capability, type.name), capability) ? `decode${type.name}` : undefined
    case 'sequence': { const inner = decoderOf(type.item, capability); return inner ? `sequence(${inner})` : undefined }
    case 'record': { const inner = decoderOf(type.value, capability); return inner ? `record(${inner})` : undefined }
    case 'nullable': { const inner = decoderOf(type.inner, capability); return inner ? `nullable(${inner})` : undefined }
    default: return undefined
  }
}

function find (capability: Capability, name: string): Dictionary {
  return capability.dictionaries.find((d) => d.name === name)!
}

export function dictionaryNeedsDecoder (dictionary: Dictionary, capability: Capability, seen = new Set<string>()): boolean {
  if (seen.has(dictionary.name)) return false
  seen.add(dictionary.name)
  return dictionary.members.some((member) => {
    const base = member.type
    if (base.kind === 'dictionary') return dictionaryNeedsDecoder(find(capability, base.name), capability, seen)
    return decoderOf(base, capability) !== undefined
  })
}

export function clientName (capability: Capability): string {
  return `${capability.interfaceName}Client`
}
