// Each native language's symbol table for the model's types: a backend declares its names once as a
// `TypeNames` and maps every type through `typeName`, so the walk over the type tree is written once.
import type { IntegerIdl, Type } from '../model.ts'

export interface TypeNames {
  language: string
  boolean: string
  integers: Record<IntegerIdl, string>
  float: string
  double: string
  string: string
  buffer: string
  json: string
  undefined: string
  sequence: (item: string) => string
  record: (value: string) => string
  nullable: (inner: string) => string
  union: (members: string[]) => string
}

export function typeName (type: Type, names: TypeNames): string {
  const of = (inner: Type): string => typeName(inner, names)
  switch (type.kind) {
    case 'boolean': return names.boolean
    case 'integer': return names.integers[type.idl]
    case 'float': return type.bits === 32 ? names.float : names.double
    case 'string': return names.string
    case 'buffer': return names.buffer
    case 'json': return names.json
    case 'undefined': return names.undefined
    case 'enum': case 'dictionary': return type.name
    case 'callback': throw new Error(`callbacks never reach ${names.language}`)
    case 'sequence': return names.sequence(of(type.item))
    case 'record': return names.record(of(type.value))
    case 'nullable': return names.nullable(of(type.inner))
    case 'union': return names.union(type.members.map(of))
  }
}
