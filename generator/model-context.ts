// What every step of building the model shares: the errors collected so far (each with its own diagnostic code),
// where each model object was declared, the named definitions of every file, and the small helpers over
// webidl2 nodes (extended attributes, doc comments) that report into the same list.
import type { Definition, ExtendedAttribute, IdlType } from 'webidl2'
import { IdlError, type DiagnosticCode, type Location, type SourceFile } from './errors.ts'
import { docComment, firstToken, locate, parseDoc, type Token } from './source.ts'
import type { Doc } from './model.ts'

const KNOWN_EXT_ATTRS: Record<string, string[]> = {
  interface: ['Capability', 'JSImplemented', 'Permission'],
  operation: ['Route', 'Event', 'Source', 'Permission'],
  argument: ['MaxLength'],
  field: ['MaxLength'],
  dictionary: [],
  enum: [],
  typedef: [],
  callback: []
}

// Standard WebIDL extended attributes that mean nothing for an IPC binding (no global object, no prototype
// chain, no JS engine bindings): accepted wherever they appear and ignored. [EnforceRange] is what every
// integer already gets: a value out of range is a RangeError.
export const IGNORED_STANDARD_EXT_ATTRS = ['AllowShared', 'CEReactions', 'CrossOriginIsolated', 'Default',
  'EnforceRange', 'Exposed', 'Global', 'LegacyNamespace', 'LegacyNoInterfaceObject', 'LegacyUnforgeable',
  'LegacyWindowAlias', 'NewObject', 'SameObject', 'SecureContext', 'Serializable', 'Transferable']

export interface Declared {
  node: Definition
  file: SourceFile
}

// Anything that carries extended attributes.
export interface WithExtAttrs { extAttrs?: ExtendedAttribute[], idlType?: unknown }

// The node whose name token locates a declaration (or the node itself).
export const nameOf = (node: { tokens?: Record<string, Token | undefined> }): object => node.tokens?.name ?? node

export const extAttr = (node: WithExtAttrs, name: string): ExtendedAttribute | undefined =>
  (node.extAttrs ?? []).find((attr) => attr.name === name)

export const extValue = (node: WithExtAttrs, name: string): string | undefined => {
  const attr = extAttr(node, name)
  if (!attr?.rhs) return undefined
  const value = String(attr.rhs.value)
  return attr.rhs.type === 'string' ? value.slice(1, -1) : value
}

export interface ModelContext {
  errors: IdlError[]
  origins: WeakMap<object, Location>
  declared: Map<string, Declared>
  jsFiles: Set<SourceFile>   // files of [JSImplemented] capabilities: nothing crosses the wire there
  fail: (code: DiagnosticCode, file: SourceFile, node: unknown, detail: string) => void
  failAt: (code: DiagnosticCode, file: SourceFile, token: Token | undefined, detail: string) => void
  declaredAt: <T extends object>(value: T, file: SourceFile, node: object) => T
  checkExtAttrs: (file: SourceFile, node: WithExtAttrs, kind: string) => void
  requireDoc: (file: SourceFile, node: object, what: string) => Doc
}

export function createContext (): ModelContext {
  const errors: IdlError[] = []
  // Every error site passes its own diagnostic code (see DIAGNOSTICS in errors.ts); each has a fixture.
  const fail = (code: DiagnosticCode, file: SourceFile, node: unknown, detail: string): void => {
    errors.push(new IdlError(code, locate(file, firstToken(node)), detail))
  }
  const failAt = (code: DiagnosticCode, file: SourceFile, token: Token | undefined, detail: string): void => {
    errors.push(new IdlError(code, locate(file, token), detail))
  }
  // Where each model object was declared (its name's token), for the symbol check at the end.
  const origins = new WeakMap<object, Location>()
  const declaredAt = <T extends object>(value: T, file: SourceFile, node: object): T => {
    origins.set(value, locate(file, firstToken(nameOf(node))))
    return value
  }
  const checkExtAttrs = (file: SourceFile, node: WithExtAttrs, kind: string): void => {
    const typeAttrs = typeof node.idlType === 'object' && node.idlType !== null ? (node.idlType as IdlType).extAttrs : []
    for (const attr of [...(node.extAttrs ?? []), ...(typeAttrs ?? [])]) {
      if (IGNORED_STANDARD_EXT_ATTRS.includes(attr.name)) continue
      if (!(KNOWN_EXT_ATTRS[kind] ?? []).includes(attr.name)) {
        fail('unknown-attribute', file, attr, `unknown extended attribute [${attr.name}] on ${kind === 'field' ? 'a dictionary member' : `${kind === 'operation' ? 'an' : 'a'} ${kind}`}`)
      }
    }
  }
  const requireDoc = (file: SourceFile, node: object, what: string): Doc => {
    const text = docComment(node)
    if (!text) { fail('missing-doc', file, node, `missing doc comment on ${what} (write /** … */ above it)`); return parseDoc('') }
    return parseDoc(text)
  }

  return { errors, origins, declared: new Map(), jsFiles: new Set(), fail, failAt, declaredAt, checkExtAttrs, requireDoc }
}
