// The walk from an IDL default value to its expression in a native language, written once; each language
// supplies its spellings as `DefaultNames`.
import type { DefaultValue, Type } from '../model.ts'

export interface DefaultNames {
  jsonNull: string                                   // `= null` of an `any`
  none: string                                       // `= null` of a nullable type
  emptySequence: string
  emptyRecord: string
  emptyDictionary: (name: string) => string          // `= {}` of a dictionary
  enumValue: (name: string, value: string) => string
  string: (base: Type, value: string) => string      // `base` is a string or a union holding one
  number: (base: Type, text: string) => string       // `base` is a number type or a union holding one
}

export function defaultValue (type: Type, value: DefaultValue | undefined, names: DefaultNames): string | undefined {
  if (!value) return undefined
  const base = type.kind === 'nullable' ? type.inner : type
  switch (value.kind) {
    case 'boolean': return String(value.value)
    case 'null': return type.kind === 'json' ? names.jsonNull : names.none
    case 'empty-sequence': return names.emptySequence
    case 'empty-dictionary': return base.kind === 'dictionary' ? names.emptyDictionary(base.name) : names.emptyRecord
    case 'string': return base.kind === 'enum' ? names.enumValue(base.name, value.value) : names.string(base, value.value)
    case 'number': return names.number(base, value.text)
  }
}
