// The part of webidl2's AST the generator reads (the package ships no types). Only the fields used are listed;
// `tokens` holds the node's own tokens (for locations and doc comments).
declare module 'webidl2' {
  export interface IdlToken { type: string, value: string, trivia: string, line: number, index: number }

  export interface ExtendedAttribute {
    type: 'extended-attribute'
    name: string
    rhs: { type: string, value: string | unknown[] } | null
    tokens: Record<string, IdlToken | undefined>
  }

  interface Attributed {
    extAttrs: ExtendedAttribute[]
    tokens: Record<string, IdlToken | undefined>
  }

  export interface IdlType extends Attributed {
    type: string | null
    generic: string
    nullable: boolean
    union: boolean
    // A name for a plain type; the parameters of a generic or the members of a union otherwise.
    idlType: string | IdlType[]
  }

  export interface DefaultValue {
    type: 'boolean' | 'number' | 'string' | 'null' | 'sequence' | 'dictionary' | 'Infinity' | 'NaN'
    value: unknown
    negative?: boolean | null
    tokens: Record<string, IdlToken | undefined>
  }

  export interface ArgumentNode extends Attributed {
    type: 'argument'
    name: string
    idlType: IdlType
    optional: boolean
    variadic: boolean
    default: DefaultValue | null
  }

  export interface OperationNode extends Attributed {
    type: 'operation'
    name: string
    special: string
    idlType: IdlType
    arguments: ArgumentNode[]
  }

  // Interface members other than operations (attributes, constants, …), which the generator only rejects.
  export interface OtherMember extends Attributed {
    type: 'attribute' | 'const' | 'constructor' | 'iterable' | 'maplike' | 'setlike' | 'async_iterable'
    name?: string
  }

  export interface InterfaceNode extends Attributed {
    type: 'interface'
    name: string
    partial: boolean
    inheritance: string | null
    members: Array<OperationNode | OtherMember>
  }

  export interface FieldNode extends Attributed {
    type: 'field'
    name: string
    required: boolean
    idlType: IdlType
    default: DefaultValue | null
  }

  export interface DictionaryNode extends Attributed {
    type: 'dictionary'
    name: string
    partial: boolean
    inheritance: string | null
    members: FieldNode[]
  }

  export interface EnumValueNode {
    type: 'enum-value'
    value: string
    tokens: Record<string, IdlToken | undefined>
  }

  export interface EnumNode extends Attributed {
    type: 'enum'
    name: string
    partial?: undefined
    values: EnumValueNode[]
  }

  export interface TypedefNode extends Attributed {
    type: 'typedef'
    name: string
    partial?: undefined
    idlType: IdlType
  }

  export interface CallbackNode extends Attributed {
    type: 'callback'
    name: string
    partial?: undefined
    idlType: IdlType
    arguments: ArgumentNode[]
  }

  // Definitions the generator rejects by their kind.
  export interface OtherDefinition extends Attributed {
    type: 'namespace' | 'interface mixin' | 'includes' | 'callback interface' | 'eof'
    name: string
    partial?: boolean
  }

  export type Definition = InterfaceNode | DictionaryNode | EnumNode | TypedefNode | CallbackNode | OtherDefinition

  export function parse (text: string, options?: { sourceName?: string, concrete?: boolean }): Definition[]
}
