// One capability per file: its interface's operations and events (routes, permissions, buffers), and the
// dictionaries, enums, callbacks and typedefs declared beside it.
import type { ArgumentNode, Definition, IdlType, InterfaceNode, OperationNode } from 'webidl2'
import type { SourceFile } from './errors.ts'
import { docComment, firstToken } from './source.ts'
import { PERMISSIONS, PUBLIC_PERMISSION, permissionNamed } from './permissions.ts'
import { valueKey } from './symbols.ts'
import { presenceOf } from './presence.ts'
import { encodingOf } from './wire.ts'
import type { Argument, Callback, Capability, Dictionary, DictionaryMember, Doc, Enum, EventDef } from './model.ts'
import { extAttr, extValue, nameOf, type ModelContext, type WithExtAttrs } from './model-context.ts'
import type { TypeResolver } from './resolve-types.ts'
import { closest } from './closest.ts'

export function buildCapabilities (ctx: ModelContext, types: TypeResolver, parsed: Array<{ file: SourceFile, ast: Definition[] }>): Capability[] {
  const { fail, failAt, declaredAt, checkExtAttrs, requireDoc } = ctx
  const { resolveType, defaultOf, maxLengthOf, resolving } = types
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

    declareTypes(file, ast, capability, jsImplemented)
    capabilities.push(capability)
  }

  // The dictionaries, enums, callbacks and typedefs declared in a capability's file.
  function declareTypes (file: SourceFile, ast: Definition[], capability: Capability, jsImplemented: boolean): void {
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

  return capabilities
}
