// The TypeScript backend: generated/js/<cap>.ts (typed IPC client, event listeners, or for [JSImplemented]
// capabilities the interface the JS implementation satisfies) and generated/types/<cap>.d.ts.
import type { Api, Argument, Capability, Type } from '../../model.ts'
import { blockComment, loadTemplates, pascal } from '../../render.ts'
import { generatorPath } from '../../paths.ts'
import type { Backend, Files } from '../types.ts'
import { clientName, decoderOf, dictionaryNeedsDecoder, tsType } from './names.ts'

const render = loadTemplates(generatorPath('backends/ts/templates'))

function docOf (text: string, indent: string): string {
  return blockComment(text, indent)
}

function fullDoc (summary: string, args: Argument[], returns: string | undefined): string {
  const lines = [summary]
  for (const arg of args) if (arg.doc) lines.push(`@param ${arg.name} ${arg.doc}`)
  if (returns) lines.push(`@returns ${returns}`)
  return lines.join('\n')
}

function resultType (type: Type): string {
  return tsType(type, 'out')
}

function viewOf (capability: Capability) {
  const usesJsImplementation = capability.implementedIn === 'js'
  const imports = new Set<string>()
  const typeImports = new Set<string>()

  const enums = capability.enums.map((e) => ({
    doc: docOf(e.doc.summary, ''),
    name: e.name,
    union: e.values.map((v) => JSON.stringify(v)).join(' | ')
  }))
  const dictionaries = capability.dictionaries.map((d) => {
    const decoder = dictionaryNeedsDecoder(d, capability)
    const conversions = d.members.flatMap((m) => {
      const fn = decoderOf(m.type, capability)
      if (!fn) return []
      return [{ name: m.name, fn }]
    })
    return {
      doc: docOf(d.doc.summary, ''),
      name: d.name,
      members: d.members.map((m) => ({
        doc: docOf(m.doc + (m.default ? `\n(default: ${defaultText(m.default)})` : ''), '  '),
        name: m.name,
        optional: m.required ? '' : '?',
        type: tsType(m.type, 'out')
      })),
      decoder: decoder && !usesJsImplementation,
      conversions
    }
  })
  const callbacks = capability.callbacks.map((c) => ({
    doc: docOf(c.doc.summary, ''),
    name: c.name,
    params: c.args.map((a) => `${a.name}${a.optional ? '?' : ''}: ${tsType(a.type, 'out')}`).join(', '),
    result: c.result.kind === 'undefined' ? 'void' : tsType(c.result, 'out')
  }))

  const operations = capability.operations.map((op) => {
    const direction = usesJsImplementation ? 'out' : 'in'
    const params = op.args.map((a) => `${a.name}${a.optional || a.type.kind === 'nullable' && trailingOptional(op.args, a) ? '?' : ''}: ${tsType(a.type, direction)}`).join(', ')
    const body = op.args.find((a) => a.codec === 'body')
    const wireParams = op.args.filter((a) => a.codec !== 'body').map((a) => {
      const fn = a.codec === 'text' ? 'scalar' : a.type.kind === 'json' ? 'jsonValue' : 'json'
      if (!usesJsImplementation) imports.add(fn)
      return `['${a.name}', ${fn}(${a.name})]`
    })
    const binary = op.result.kind === 'buffer' || (op.result.kind === 'nullable' && op.result.inner.kind === 'buffer')
    const decoder = decoderOf(op.result, capability)
    let expression = `await ipc().call('${op.route}', [${wireParams.join(', ')}]${callOptions(body?.name, binary)})`
    if (body && !usesJsImplementation) imports.add('bytes')
    if (op.result.kind === 'undefined') expression = `${expression}`
    else if (binary) expression = `${expression} as Uint8Array`
    else if (decoder) expression = `${decoder}(${expression})`
    else expression = `${expression} as ${wrapType(resultType(op.result))}`
    if (!usesJsImplementation) for (const name of ['toBigInt', 'sequence', 'record', 'nullable']) if (decoder?.includes(name + '(') || decoder === name) imports.add(name)
    return {
      doc: docOf(fullDoc(op.doc.summary, op.args, op.doc.returns), '  '),
      name: op.name,
      params,
      argNames: op.args.map((a) => a.name).join(', '),
      result: resultType(op.result),
      expression,
      resultDecoder: !binary && op.result.kind !== 'undefined' ? decoder : undefined
    }
  })
  if (!usesJsImplementation) for (const d of dictionaries) for (const c of d.conversions) {
    for (const name of ['toBigInt', 'sequence', 'record', 'nullable']) if (c.fn.includes(name + '(') || c.fn === name) imports.add(name)
  }
  const events = capability.events.map((ev) => {
    const detail = tsType(ev.detail, 'out')
    const decoder = decoderOf(ev.detail, capability) ?? 'identity'
    if (!usesJsImplementation) {
      imports.add(ev.binary ? 'listenBinary' : 'listen')
      if (decoder === 'identity') imports.add('identity')
    }
    return {
      doc: docOf(ev.doc.summary + `\n\nDispatched as \`${ev.domEvent}\`` + (ev.binary ? ` with \`params.source === '${ev.source}'\`.` : '.'), ''),
      memberDoc: docOf(ev.doc.summary, '  '),
      name: ev.name,
      fn: `on${pascal(ev.name)}`,
      domEvent: ev.domEvent,
      source: ev.source,
      binary: ev.binary,
      detail,
      decoder: decoder === 'identity' ? `identity<${detail}>` : decoder,
      mapType: ev.binary ? `${detail} & { data: Uint8Array }` : detail
    }
  })
  // Emit a dictionary's decoder only when a result, an event or another emitted decoder uses it.
  const used = new Set<string>()
  const mark = (text: string): void => {
    for (const d of dictionaries) {
      if (!used.has(d.name) && d.decoder && new RegExp(`\\bdecode${d.name}\\b`).test(text)) {
        used.add(d.name)
        for (const c of d.conversions) mark(c.fn)
      }
    }
  }
  for (const op of operations) mark(op.expression)
  for (const ev of events) mark(ev.decoder)
  for (const d of dictionaries) d.decoder = d.decoder && used.has(d.name)
  const needsBufferInput = !usesJsImplementation && capability.operations.some((op) => op.args.some((a) => a.type.kind === 'buffer'))
  if (!usesJsImplementation) {
    imports.add('defaultClient')
    typeImports.add('IpcClient')
    if (events.length > 0) typeImports.add('Unsubscribe')
  }
  if (needsBufferInput) typeImports.add('BufferInput')
  const importList = [...[...imports].sort(), ...[...typeImports].sort().map((name) => `type ${name}`)]
  return {
    source: capability.file,
    name: capability.name,
    doc: docOf(capability.doc.summary, ''),
    interfaceName: capability.interfaceName,
    clientName: clientName(capability),
    serviceName: `${capability.interfaceName}Service`,
    eventMapName: `${capability.interfaceName}EventMap`,
    js: usesJsImplementation,
    imports: importList.length > 0 ? `import { ${importList.join(', ')} } from '../../runtime-js/ipc/index.ts'` : '',
    typeImports: [...typeImports].sort().length > 0 ? `import type { ${[...typeImports].sort().join(', ')} } from '../../runtime-js/ipc/index.ts'` : '',
    enums,
    dictionaries,
    callbacks,
    operations,
    resultDecoders: operations.filter((op) => op.resultDecoder).map((op) => ({ name: op.name, decoder: op.resultDecoder })),
    events
  }
}

function trailingOptional (args: Argument[], arg: Argument): boolean {
  const at = args.indexOf(arg)
  return args.slice(at).every((a) => a.optional || a.type.kind === 'nullable')
}

function wrapType (text: string): string {
  return text.includes(' | ') ? `(${text})` : text
}

function callOptions (bodyName: string | undefined, binary: boolean): string {
  const parts: string[] = []
  if (bodyName) parts.push(`body: bytes(${bodyName})`)
  if (binary) parts.push('binary: true')
  return parts.length > 0 ? `, { ${parts.join(', ')} }` : ''
}

function defaultText (value: NonNullable<Argument['default']>): string {
  switch (value.kind) {
    case 'boolean': return String(value.value)
    case 'number': return value.text
    case 'string': return JSON.stringify(value.value)
    case 'null': return 'null'
    case 'empty-sequence': return '[]'
    case 'empty-dictionary': return '{}'
  }
}

export const tsBackend: Backend = {
  name: 'ts',
  generate (api: Api): Files {
    const files: Files = new Map()
    for (const capability of api.capabilities) {
      const view = viewOf(capability)
      files.set(`generated/js/${capability.name}.ts`, render('module', view))
      files.set(`generated/types/${capability.name}.d.ts`, render('declarations', view))
    }
    return files
  }
}

export { defaultText }
