// The walk from a model type to the expression that decodes a JSON value into it, written once; each native
// language supplies its own decoder names (its part of the symbol table) as a `JsonDecoders`.
import type { IntegerIdl, Type } from '../model.ts'

export interface JsonDecoders {
  language: string
  boolean: (j: string, n: string) => string
  integer: (idl: IntegerIdl, j: string, n: string) => string
  float: (bits: 32 | 64, j: string, n: string) => string
  string: (j: string, n: string) => string
  enum: (name: string, j: string, n: string) => string
  dictionary: (name: string, j: string, n: string) => string
  // `v`/`vn` name the element and its path inside the closure; `item` decodes `v`.
  sequence: (j: string, n: string, v: string, vn: string, item: string) => string
  record: (j: string, n: string, v: string, vn: string, value: string) => string
  // `decode(x)` decodes the non-null value `x` (the JSON itself or a closure's `v`).
  nullable: (j: string, v: string, decode: (x: string) => string) => string
  union: (j: string, n: string, string: boolean, number: boolean, bool: boolean) => string
}

// The expression decoding JSON expression `j` (its path expression `n`) into `type`.
export function decodeJson (type: Type, j: string, n: string, d: JsonDecoders, depth = 0): string {
  const v = `v${depth}`
  const vn = `n${depth}`
  switch (type.kind) {
    case 'boolean': return d.boolean(j, n)
    case 'integer': return d.integer(type.idl, j, n)
    case 'float': return d.float(type.bits, j, n)
    case 'string': return d.string(j, n)
    case 'json': return j
    case 'enum': return d.enum(type.name, j, n)
    case 'dictionary': return d.dictionary(type.name, j, n)
    case 'sequence': return d.sequence(j, n, v, vn, decodeJson(type.item, v, vn, d, depth + 1))
    case 'record': return d.record(j, n, v, vn, decodeJson(type.value, v, vn, d, depth + 1))
    case 'nullable': return d.nullable(j, v, (x) => decodeJson(type.inner, x, n, d, x === v ? depth + 1 : depth))
    case 'union': {
      const has = (kinds: string[]): boolean => type.members.some((m) => kinds.includes(m.kind))
      return d.union(j, n, has(['string', 'enum']), has(['integer', 'float']), has(['boolean']))
    }
    default: throw new Error(`no ${d.language} decoder for ${type.kind}`)
  }
}
