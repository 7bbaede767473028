// IDL text to the typed model: parse every file with webidl2, check what our generator supports, resolve
// typedefs and names, and collect every problem (with its location) before giving up.
import { parse, type ArgumentNode, type Definition, type DefaultValue as IdlDefault, type ExtendedAttribute, type FieldNode, type IdlType, type InterfaceNode, type OperationNode } from 'webidl2'
import { IdlError, IdlErrors, type DiagnosticCode, type SourceFile } from './errors.ts'
import { docComment, firstToken, locate, parseDoc, type Token } from './source.ts'
import { PERMISSIONS, PUBLIC_PERMISSION, permissionNamed } from './permissions.ts'
import { checkSymbols, valueKey } from './symbols.ts'
import { presenceOf } from './presence.ts'
import { encodingOf } from './wire.ts'
import type {
  Api, Argument, Callback, Capability, DefaultValue, Dictionary, DictionaryMember, Doc, Enum, EventDef,
  IntegerIdl, Operation, Type
} from './model.ts'

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

// The known name nearest to a misspelt one, if it is close enough to be a likely typo.
function closest (name: string, known: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i)
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]
      row[0] = i
      for (let j = 1; j <= b.length; j++) {
        const saved = row[j]
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1))
        previous = saved
      }
    }
    return row[b.length]
  }
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1
  for (const candidate of [...known].sort()) {
    const d = distance(name, candidate)
    if (d < bestDistance) { best = candidate; bestDistance = d }
  }
  return best
}

// Where a type appears, for the rules that depend on it (e.g. `undefined` only as a result).
type Where = 'argument' | 'result' | 'member' | 'event' | 'typedef' | 'callback'

interface Declared {
  node: Definition
  file: SourceFile
}

// Anything that carries extended attributes.
interface WithExtAttrs { extAttrs?: ExtendedAttribute[], idlType?: unknown }

// The node whose name token locates a declaration (or the node itself).
const nameOf = (node: { tokens?: Record<string, Token | undefined> }): object => node.tokens?.name ?? node

export function buildModel (files: SourceFile[]): Api {
  const errors: IdlError[] = []
  // Every error site passes its own diagnostic code (see DIAGNOSTICS in errors.ts); each has a fixture.
  const fail = (code: DiagnosticCode, file: SourceFile, node: unknown, detail: string): void => {
    errors.push(new IdlError(code, locate(file, firstToken(node)), detail))
  }
  const failAt = (code: DiagnosticCode, file: SourceFile, token: Token | undefined, detail: string): void => {
    errors.push(new IdlError(code, locate(file, token), detail))
  }
  // Where each model object was declared (its name's token), for the symbol check at the end.
  const origins = new WeakMap<object, ReturnType<typeof locate>>()
  const declaredAt = <T extends object>(value: T, file: SourceFile, node: object): T => {
    origins.set(value, locate(file, firstToken(nameOf(node))))
    return value
  }

  // 1. Parse every file; a syntax error stops that file only.
  const parsed: Array<{ file: SourceFile, ast: Definition[] }> = []
  for (const file of files) {
    try {
      parsed.push({ file, ast: parse(file.text, { sourceName: file.path }) })
    } catch (thrown) {
      // webidl2's WebIDLParseError: the message, the offending tokens and the line.
      const error = thrown as { tokens?: Token[], bareMessage?: string, message?: string, line?: number }
      const token = error.tokens?.[0]
      const detail = `syntax error: ${String(error.bareMessage ?? error.message).trim()}`
      const location = token ? locate(file, token) : { file, line: error.line ?? 1, column: 1 }
      errors.push(new IdlError('syntax', location, detail))
    }
  }

  // 2. Declare every named definition (names are global: one set of generated names per language).
  const declared = new Map<string, Declared>()
  for (const { file, ast } of parsed) {
    for (const node of ast) {
      const unsupported: Record<string, string> = {
        namespace: 'namespaces are not supported: declare an interface with [Capability=<name>]',
        'interface mixin': 'interface mixins are not supported: declare the members on the interface',
        includes: '"includes" statements are not supported',
        'callback interface': 'callback interfaces are not supported: use a callback function type'
      }
      if (node.type === 'eof') continue
      if (unsupported[node.type]) { fail('unsupported-definition', file, node, unsupported[node.type]); continue }
      if (node.type === 'interface' && node.partial) continue
      if (node.partial) { fail('partial-definition', file, node, `partial ${node.type} is not supported (only partial interfaces)`); continue }
      const previous = declared.get(node.name)
      if (previous) {
        const first = locate(previous.file, firstToken(nameOf(previous.node)))
        fail('duplicate-definition', file, nameOf(node), `duplicate definition '${node.name}' (first declared at ${first.file.path}:${first.line}:${first.column})`)
        continue
      }
      declared.set(node.name, { node, file })
    }
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
  const extAttr = (node: WithExtAttrs, name: string): ExtendedAttribute | undefined =>
    (node.extAttrs ?? []).find((attr) => attr.name === name)
  const extValue = (node: WithExtAttrs, name: string): string | undefined => {
    const attr = extAttr(node, name)
    if (!attr?.rhs) return undefined
    const value = String(attr.rhs.value)
    return attr.rhs.type === 'string' ? value.slice(1, -1) : value
  }
  const requireDoc = (file: SourceFile, node: object, what: string): Doc => {
    const text = docComment(node)
    if (!text) { fail('missing-doc', file, node, `missing doc comment on ${what} (write /** … */ above it)`); return parseDoc('') }
    return parseDoc(text)
  }

  // Files whose capability is [JSImplemented]: nothing crosses the wire there, so buffers may appear anywhere.
  const jsFiles = new Set<SourceFile>()
  for (const { file, ast } of parsed) {
    for (const node of ast) {
      if (node.type === 'interface' && !node.partial && node.extAttrs.some((a) => a.name === 'JSImplemented')) jsFiles.add(file)
    }
  }

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

  const argumentsOf = (file: SourceFile, owner: { jsImplemented: boolean }, args: ArgumentNode[], docs: Doc, where: 'argument' | 'callback'): Argument[] => {
    const out: Argument[] = []
    const names = new Set<string>()
    for (const arg of args) {
      checkExtAttrs(file, arg, 'argument')
      if (arg.variadic) { fail('variadic', file, arg, 'variadic arguments are not supported'); continue }
      if (names.has(arg.name)) { fail('duplicate-argument', file, nameOf(arg), `duplicate argument '${arg.name}'`); continue }
      names.add(arg.name)
      if (['seq', 'index', 'nonce'].includes(arg.name) && where === 'argument') {
        fail('reserved-argument', file, nameOf(arg), `argument name '${arg.name}' is reserved by the wire format`)
        continue
      }
      const type = resolveType(file, arg.idlType, where)
      if (!type) continue
      if (type.kind === 'callback' && where === 'argument' && !owner.jsImplemented) {
        fail('native-callback', file, arg.idlType, 'callbacks cannot cross to native code: declare an [Event] instead')
        continue
      }
      const value = defaultOf(file, arg, type)
      out.push(declaredAt({
        name: arg.name,
        type,
        optional: Boolean(arg.optional),
        presence: presenceOf(type, Boolean(arg.optional), value),
        codec: encodingOf(type),
        default: value,
        maxLength: maxLengthOf(file, arg, type),
        doc: docs.params[arg.name] ?? ''
      }, file, arg))
    }
    return out
  }

  // 4. Capabilities: one interface (plus its partials) per file.
  const capabilities: Capability[] = []
  for (const { file, ast } of parsed) {
    const interfaces = ast.filter((node): node is InterfaceNode => node.type === 'interface')
    const main = interfaces.filter((node) => !node.partial)
    if (main.length === 0) {
      const first = ast[0]
      failAt('no-interface', file, first ? firstToken(first) : undefined, 'the file declares no interface: every .idl file describes one capability')
      continue
    }
    if (main.length > 1) { fail('second-interface', file, main[1], `a file describes one capability, but '${main[1].name}' is a second interface`); continue }
    const node = main[0]
    checkExtAttrs(file, node, 'interface')
    if (node.inheritance) fail('interface-inheritance', file, node, 'interface inheritance is not supported')
    const name = extValue(node, 'Capability')
    if (!name) { fail('no-capability', file, node, `interface ${node.name} needs [Capability=<name>] (the route namespace, e.g. fs)`); continue }
    const jsImplemented = Boolean(extAttr(node, 'JSImplemented'))
    const interfacePermission = permissionOf(file, node, jsImplemented)
    const capability: Capability = {
      name,
      interfaceName: node.name,
      file: file.path,
      implementedIn: jsImplemented ? 'js' : 'native',
      doc: requireDoc(file, node, `interface ${node.name}`),
      operations: [],
      events: [],
      dictionaries: [],
      enums: [],
      callbacks: [],
      typedefs: []
    }
    declaredAt(capability, file, node)
    const partials = interfaces.filter((other) => other.partial)
    for (const partial of partials) {
      if (partial.name !== node.name) fail('partial-mismatch', file, partial, `partial interface ${partial.name} does not match this file's interface ${node.name}`)
      if ((partial.extAttrs ?? []).length > 0) fail('partial-attributes', file, partial.extAttrs[0], 'extended attributes belong on the main interface, not on a partial one')
    }
    const memberNames = new Map<string, string>()
    for (const owner of [node, ...partials.filter((p) => p.name === node.name)]) {
      for (const member of owner.members) {
        if (member.type !== 'operation') {
          const what: Record<string, string> = {
            attribute: 'attributes are not supported: declare an operation (getX/setX) instead',
            const: 'constants are not supported',
            constructor: 'constructors are not supported',
            iterable: 'iterable<> declarations are not supported',
            maplike: 'maplike<> declarations are not supported',
            setlike: 'setlike<> declarations are not supported',
            'async_iterable': 'async iterable<> declarations are not supported'
          }
          fail('unsupported-member', file, member, what[member.type] ?? `unsupported interface member (${member.type})`)
          continue
        }
        const operation: OperationNode = member
        if (member.special) { fail('special-operation', file, member, `${member.special} operations are not supported`); continue }
        checkExtAttrs(file, member, 'operation')
        const memberName: string = member.name
        if (memberNames.has(memberName)) {
          fail('duplicate-member', file, nameOf(member), `duplicate member '${memberName}' in interface ${node.name} (overloads are not supported)`)
          continue
        }
        memberNames.set(memberName, memberName)
        const doc = requireDoc(file, member, `${node.name}.${memberName}`)
        const event = extValue(member, 'Event')
        if (event !== undefined || extAttr(member, 'Event')) {
          if (extAttr(member, 'Permission')) fail('permission-on-event', file, extAttr(member, 'Permission'), `[Permission] applies to operations, not to event ${memberName}: events go from native code to the page`)
          const built = buildEvent(file, operation, memberName, event, doc, capability)
          if (built) capability.events.push(declaredAt(built, file, member))
          continue
        }
        if (extAttr(member, 'Source')) fail('source-without-event', file, extAttr(member, 'Source'), '[Source] applies only to [Event] members')
        const returns = operation.idlType
        if (returns.generic !== 'Promise') {
          fail('not-a-promise', file, returns, `operation ${memberName} must return a Promise<…>: every call crosses to ${jsImplemented ? 'the protocol' : 'native code'} asynchronously`)
          continue
        }
        const result = resolveType(file, (returns.idlType as IdlType[])[0], 'result')
        const args = argumentsOf(file, { jsImplemented }, operation.arguments, doc, 'argument')
        if (!result) continue
        if (result.kind === 'callback') { fail('callback-result', file, returns, 'an operation cannot return a callback'); continue }
        const buffers = jsImplemented ? [] : args.filter((arg) => arg.type.kind === 'buffer' || (arg.type.kind === 'nullable' && arg.type.inner.kind === 'buffer'))
        if (buffers.length > 1) fail('two-buffers', file, nameOf(member), `operation ${memberName} takes ${buffers.length} buffers, but only one can travel as the request body`)
        for (const buffer of buffers) {
          if (buffer.optional || buffer.type.kind === 'nullable') {
            fail('optional-buffer', file, nameOf(member), `buffer argument '${buffer.name}' cannot be optional or nullable: send an empty buffer instead`)
          }
        }
        const route = extValue(member, 'Route') ?? `${name}.${memberName}`
        const permission = permissionOf(file, member, jsImplemented) ?? interfacePermission
        if (permission === undefined && !extAttr(member, 'Permission') && !extAttr(node, 'Permission')) {
          fail('no-permission', file, nameOf(member), `route '${route}' has no permission decision: add [Permission=<name>] (one of ${PERMISSIONS.map((p) => p.name).join(', ')}) or [Permission=${PUBLIC_PERMISSION}] to operation ${memberName} or to interface ${node.name}`)
        }
        capability.operations.push(declaredAt({ name: memberName, route, doc, args, result, permission: permission ?? PUBLIC_PERMISSION }, file, member))
      }
    }

    // Named types declared in this file.
    for (const def of ast) {
      if (def.type === 'dictionary' && !def.partial) {
        checkExtAttrs(file, def, 'dictionary')
        if (def.inheritance) fail('dictionary-inheritance', file, def, 'dictionary inheritance is not supported: repeat the members')
        const dictionary: Dictionary = declaredAt({ name: def.name, doc: requireDoc(file, def, `dictionary ${def.name}`), members: [] }, file, def)
        const seen = new Set<string>()
        for (const field of def.members) {
          checkExtAttrs(file, field, 'field')
          if (seen.has(field.name)) { fail('duplicate-dictionary-member', file, nameOf(field), `duplicate member '${field.name}' in dictionary ${def.name}`); continue }
          seen.add(field.name)
          const fieldDoc = docComment(field)
          if (!fieldDoc) fail('missing-member-doc', file, field, `missing doc comment on ${def.name}.${field.name} (write /** … */ above it)`)
          const type = resolveType(file, field.idlType, 'member')
          if (!type) continue
          if (type.kind === 'callback') { fail('callback-member', file, field.idlType, 'callbacks cannot be dictionary members'); continue }
          const value = defaultOf(file, field, type)
          const member: DictionaryMember = {
            name: field.name,
            type,
            required: Boolean(field.required),
            presence: presenceOf(type, !field.required, value),
            default: value,
            maxLength: maxLengthOf(file, field, type),
            doc: fieldDoc ?? ''
          }
          dictionary.members.push(declaredAt(member, file, field))
        }
        capability.dictionaries.push(dictionary)
      } else if (def.type === 'enum') {
        checkExtAttrs(file, def, 'enum')
        const values: string[] = []
        const valueNodes: object[] = []
        for (const value of def.values) {
          if (values.includes(value.value)) { fail('duplicate-enum-value', file, value, `duplicate value "${value.value}" in enum ${def.name}`); continue }
          values.push(value.value)
          valueNodes.push(value)
        }
        const enumDef: Enum = declaredAt({ name: def.name, doc: requireDoc(file, def, `enum ${def.name}`), values }, file, def)
        valueNodes.forEach((value, i) => declaredAt(valueKey(enumDef, i), file, value))
        capability.enums.push(enumDef)
      } else if (def.type === 'callback') {
        checkExtAttrs(file, def, 'callback')
        const doc = requireDoc(file, def, `callback ${def.name}`)
        if (!jsImplemented) fail('callback-outside-js', file, def, `callback ${def.name}: callbacks are only supported in [JSImplemented] capabilities; native code reports through [Event] members`)
        const result = resolveType(file, def.idlType, 'callback')
        const args = argumentsOf(file, { jsImplemented: true }, def.arguments, doc, 'callback')
        if (result) capability.callbacks.push(declaredAt({ name: def.name, doc, args, result } satisfies Callback, file, def))
      } else if (def.type === 'typedef') {
        checkExtAttrs(file, def, 'typedef')
        const doc = requireDoc(file, def, `typedef ${def.name}`)
        resolving.add(def.name)
        const type = resolveType(file, def.idlType, 'typedef')
        resolving.delete(def.name)
        if (type) capability.typedefs.push({ name: def.name, doc, type })
      }
    }
    capabilities.push(capability)
  }

  // The permission an interface or operation names, checked against generator/permissions.ts; undefined when it
  // names none (or names one wrongly: that is reported here).
  function permissionOf (file: SourceFile, node: WithExtAttrs, jsImplemented: boolean): string | undefined {
    const attr = extAttr(node, 'Permission')
    if (!attr) return undefined
    const value = extValue(node, 'Permission')
    if (!value || attr.rhs?.type !== 'identifier') {
      fail('permission-without-name', file, attr, `[Permission] needs one permission name, e.g. [Permission=child_process], or [Permission=${PUBLIC_PERMISSION}]`)
      return undefined
    }
    if (value === PUBLIC_PERMISSION) return value
    if (!permissionNamed(value)) {
      const guess = closest(value, [PUBLIC_PERMISSION, ...PERMISSIONS.map((p) => p.name)])
      fail('unknown-permission', file, attr, `unknown permission '${value}'${guess ? ` (did you mean '${guess}'?)` : ''}: declare it, with its default and what it gates, in generator/permissions.ts`)
      return undefined
    }
    if (jsImplemented) {
      fail('permission-js-implemented', file, attr, `[Permission=${value}] cannot be enforced on a [JSImplemented] capability: its code runs in the page; use [Permission=${PUBLIC_PERMISSION}]`)
      return undefined
    }
    return value
  }

  function buildEvent (file: SourceFile, member: OperationNode, name: string, domEvent: string | undefined, doc: Doc, capability: Capability): EventDef | undefined {
    if (!domEvent) { fail('event-without-name', file, extAttr(member, 'Event'), '[Event] needs the DOM event name, e.g. [Event=data]'); return undefined }
    if (member.idlType.idlType !== 'undefined') { fail('event-result', file, member.idlType, `event ${name} must return undefined`); return undefined }
    const args = member.arguments
    if (args.length < 1 || args.length > 2) { fail('event-arguments', file, nameOf(member), `event ${name} takes a detail dictionary and, for binary events, a buffer`); return undefined }
    const detail = resolveType(file, args[0].idlType, 'event')
    if (detail && detail.kind !== 'dictionary') { fail('event-detail', file, args[0].idlType, `the detail of event ${name} must be a dictionary`); return undefined }
    let binary = false
    if (args[1]) {
      const bytes = resolveType(file, args[1].idlType, 'event')
      if (bytes && bytes.kind !== 'buffer') { fail('event-bytes', file, args[1].idlType, `the second argument of event ${name} must be a buffer`); return undefined }
      binary = true
    }
    if (!detail) return undefined
    const source = extValue(member, 'Source') ?? `${capability.name}.${name}`
    return { name, domEvent, source, detail, binary, doc }
  }

  // 5. Names that every backend relies on being unique, reported where the second one is declared.
  const at = (declaration: object): ReturnType<typeof locate> => origins.get(declaration) ?? { file: files[0], line: 1, column: 1 }
  const shown = (declaration: object): string => { const l = at(declaration); return `${l.file.path}:${l.line}:${l.column}` }
  const routes = new Map<string, Operation>()
  for (const capability of capabilities) {
    for (const op of capability.operations) {
      const key = op.route.toLowerCase()
      const previous = routes.get(key)
      if (previous) errors.push(new IdlError('duplicate-route', at(op), `route '${op.route}' of operation ${op.name}() is already the route of ${previous.name}() (${shown(previous)})`))
      else routes.set(key, op)
    }
  }
  const capabilityNames = new Map<string, Capability>()
  for (const capability of capabilities) {
    const previous = capabilityNames.get(capability.name)
    if (previous) errors.push(new IdlError('duplicate-capability', at(capability), `capability '${capability.name}' is already declared by interface ${previous.interfaceName} (${shown(previous)})`))
    else capabilityNames.set(capability.name, capability)
  }

  // 6. Names in every target language: only once the model is complete, so each clash is reported once.
  if (errors.length === 0) {
    errors.push(...checkSymbols(capabilities, at))
  }
  if (errors.length > 0) throw new IdlErrors(errors)
  capabilities.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  return { capabilities }
}
