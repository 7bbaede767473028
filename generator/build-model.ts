// IDL text to the typed model: parse every file with webidl2, check what our generator supports, resolve
// typedefs and names, and collect every problem (with its location) before giving up. The steps live in
// resolve-types.ts (types, defaults) and build-capabilities.ts (interfaces and what they declare).
import { parse, type Definition } from 'webidl2'
import { IdlError, IdlErrors, type SourceFile } from './errors.ts'
import { firstToken, locate, type Token } from './source.ts'
import { checkSymbols } from './symbols.ts'
import type { Api, Capability, Operation } from './model.ts'
import { createContext, nameOf } from './model-context.ts'
import { typeResolver } from './resolve-types.ts'
import { buildCapabilities } from './build-capabilities.ts'

export function buildModel (files: SourceFile[]): Api {
  const ctx = createContext()
  const { errors, origins, declared, jsFiles, fail } = ctx

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

  // Files whose capability is [JSImplemented]: nothing crosses the wire there, so buffers may appear anywhere.
  for (const { file, ast } of parsed) {
    for (const node of ast) {
      if (node.type === 'interface' && !node.partial && node.extAttrs.some((a) => a.name === 'JSImplemented')) jsFiles.add(file)
    }
  }

  // 3 and 4. Types and capabilities.
  const capabilities: Capability[] = buildCapabilities(ctx, typeResolver(ctx), parsed)

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
