// The language-neutral model every backend reads. Built from the IDL by build-model.ts; typedefs are already
// resolved and every name has been checked, so a backend never needs to look at the IDL again.

import type { Presence } from './presence.ts'
import type { Encoding } from './wire.ts'

export type IntegerIdl = 'byte' | 'octet' | 'short' | 'unsigned short' | 'long' | 'unsigned long' |
  'long long' | 'unsigned long long'

// `alias` names the typedef a type came through (for documentation only; backends use the resolved type).
export type Type = TypeKind & { alias?: string }

type TypeKind =
  | { kind: 'boolean' }
  | { kind: 'integer', idl: IntegerIdl, bits: 8 | 16 | 32 | 64, signed: boolean }
  | { kind: 'float', idl: string, bits: 32 | 64, unrestricted: boolean }
  | { kind: 'string', idl: 'DOMString' | 'USVString' }
  | { kind: 'buffer', idl: string }
  | { kind: 'json' }              // IDL `any`: a JSON value
  | { kind: 'undefined' }
  | { kind: 'enum', name: string }
  | { kind: 'dictionary', name: string }
  | { kind: 'callback', name: string }
  | { kind: 'sequence', item: Type }
  | { kind: 'record', value: Type }
  | { kind: 'nullable', inner: Type }
  | { kind: 'union', members: Type[] }

export type DefaultValue =
  | { kind: 'boolean', value: boolean }
  | { kind: 'number', value: number, text: string }
  | { kind: 'string', value: string }
  | { kind: 'null' }
  | { kind: 'empty-sequence' }
  | { kind: 'empty-dictionary' }

export interface Doc {
  summary: string                  // the comment text without @tags
  params: Record<string, string>   // from `@param name text`
  returns?: string                 // from `@returns text`
}

export interface Argument {
  name: string
  type: Type
  optional: boolean
  presence: Presence               // the optionality rule, applied once (presence.ts)
  codec: Encoding                  // how it travels: query text, JSON text, or the request body (wire.ts)
  default?: DefaultValue
  maxLength?: number
  doc: string
}

export interface Operation {
  name: string
  route: string                    // full route, e.g. "fs.open"
  doc: Doc
  args: Argument[]
  result: Type                     // the Promise's type; 'undefined' when none
  permission: string               // from [Permission=…]: a name in generator/permissions.ts, or 'none' (public)
}

export interface EventDef {
  name: string                     // identifier: emitDatagram / onDatagram
  domEvent: string                 // the CustomEvent name on globalThis
  source: string                   // binary events: params.source (e.g. "udp.readStart")
  detail: Type                     // always a dictionary
  binary: boolean                  // carries bytes beside the detail (the original's `data` firehose)
  doc: Doc
}

export interface DictionaryMember {
  name: string
  type: Type
  required: boolean
  presence: Presence               // the optionality rule, applied once (presence.ts)
  default?: DefaultValue
  maxLength?: number
  doc: string
}

export interface Dictionary {
  name: string
  doc: Doc
  members: DictionaryMember[]
}

export interface Enum {
  name: string
  doc: Doc
  values: string[]
}

export interface Typedef {
  name: string
  doc: Doc
  type: Type
}

export interface Callback {
  name: string
  doc: Doc
  args: Argument[]
  result: Type
}

export interface Capability {
  name: string                     // route namespace and module name, e.g. "fs"
  interfaceName: string            // the IDL interface, e.g. "Fs"
  file: string                     // idl path, e.g. "idl/fs.idl"
  implementedIn: 'native' | 'js'   // [JSImplemented]: no native dispatch, a TS interface to implement
  doc: Doc
  operations: Operation[]
  events: EventDef[]
  dictionaries: Dictionary[]       // declared in the same file, in source order
  enums: Enum[]
  callbacks: Callback[]
  typedefs: Typedef[]
}

export interface Api {
  capabilities: Capability[]       // sorted by name
}
