// The Markdown backend: docs/api/<cap>.md per capability and docs/api/README.md as the index, from the doc
// comments. Signatures are shown in IDL terms, since the IDL is the one description.
import type { Api, Argument, Capability, Type } from '../../model.ts'
import { loadTemplates, pascal } from '../../render.ts'
import { generatorPath } from '../../paths.ts'
import type { Backend, Files } from '../types.ts'
import { permissionNamed, PUBLIC_PERMISSION } from '../../permissions.ts'
import { defaultText } from '../ts/index.ts'
import { tsType } from '../ts/names.ts'

const render = loadTemplates(generatorPath('backends/docs/templates'))

export function idlType (type: Type): string {
  if (type.alias) return type.alias
  return resolvedIdlType(type)
}

function resolvedIdlType (type: Type): string {
  switch (type.kind) {
    case 'boolean': return 'boolean'
    case 'integer': return type.idl
    case 'float': return type.idl
    case 'string': return type.idl
    case 'buffer': return type.idl
    case 'json': return 'any'
    case 'undefined': return 'undefined'
    case 'enum': case 'dictionary': case 'callback': return type.name
    case 'sequence': return `sequence<${idlType(type.item)}>`
    case 'record': return `record<DOMString, ${idlType(type.value)}>`
    case 'nullable': return `${idlType(type.inner)}?`
    case 'union': return `(${type.members.map(idlType).join(' or ')})`
  }
}

function cell (text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim()
}

function limitUnit (type: Type): string {
  const base = type.kind === 'nullable' ? type.inner : type
  return base.kind === 'string' ? 'UTF-8 bytes' : base.kind === 'sequence' ? 'items' : 'bytes'
}

function argRows (args: Argument[]) {
  return args.map((a) => ({
    name: a.name,
    type: cell(`\`${idlType(a.type)}\``),
    ts: cell(`\`${tsType(a.type, 'in')}\``),
    required: a.optional ? (a.default ? `no (default ${defaultText(a.default)})` : 'no') : a.type.kind === 'nullable' ? 'no (null)' : 'yes',
    doc: cell(a.doc + (a.maxLength !== undefined ? ` At most ${a.maxLength} ${limitUnit(a.type)}.` : ''))
  }))
}

function viewOf (capability: Capability) {
  return {
    name: capability.name,
    source: capability.file,
    summary: capability.doc.summary,
    js: capability.implementedIn === 'js',
    operations: capability.operations.map((op) => ({
      name: op.name,
      route: op.route,
      permission: permissionLine(op.permission),
      summary: op.doc.summary,
      signature: `Promise<${idlType(op.result)}> ${op.name}(${op.args.map((a) => `${a.optional ? 'optional ' : ''}${idlType(a.type)} ${a.name}${a.default ? ` = ${defaultText(a.default)}` : ''}`).join(', ')})`,
      args: argRows(op.args),
      returns: (op.doc.returns ?? '').replace(/\.$/, ''),
      result: `\`${idlType(op.result)}\``
    })),
    events: capability.events.map((ev) => ({
      name: ev.name,
      listener: `on${pascal(ev.name)}`,
      domEvent: ev.domEvent,
      source: ev.source,
      binary: ev.binary,
      detail: idlType(ev.detail),
      summary: ev.doc.summary
    })),
    dictionaries: capability.dictionaries.map((d) => ({
      name: d.name,
      summary: d.doc.summary,
      members: d.members.map((m) => ({
        name: m.name,
        type: cell(`\`${idlType(m.type)}\``),
        required: m.required ? 'yes' : m.default ? `no (default ${cell(defaultText(m.default))})` : 'no',
        doc: cell(m.doc)
      }))
    })),
    enums: capability.enums.map((e) => ({ name: e.name, summary: e.doc.summary, values: e.values.map((v) => `\`"${v}"\``).join(', ') })),
    typedefs: capability.typedefs.map((t) => ({ name: t.name, summary: t.doc.summary, type: resolvedIdlType(t.type) })),
    callbacks: capability.callbacks.map((c) => ({
      name: c.name,
      summary: c.doc.summary,
      signature: `${idlType(c.result)} (${c.args.map((a) => `${idlType(a.type)} ${a.name}`).join(', ')})`
    }))
  }
}

// What a page needs before it may call a route (docs/permissions.md explains each name).
function permissionLine (name: string): string {
  if (name === PUBLIC_PERMISSION) return 'Permission: none (every page of the app may call it).'
  const info = permissionNamed(name)
  const by = info?.granted ? 'granted unless socket.ini sets it to false' : 'denied unless socket.ini sets it to true'
  return `Permission: \`${name}\` (\`[permissions] allow_${name}\`, ${by}).`
}

export const docsBackend: Backend = {
  name: 'docs',
  generate (api: Api): Files {
    const files: Files = new Map()
    for (const capability of api.capabilities) files.set(`docs/api/${capability.name}.md`, render('page', viewOf(capability)))
    files.set('docs/api/README.md', render('index', {
      capabilities: api.capabilities.map((c) => ({
        name: c.name,
        summary: c.doc.summary.split('\n\n')[0].replace(/\n/g, ' '),
        operations: c.operations.length,
        events: c.events.length,
        side: c.implementedIn === 'js' ? 'JavaScript' : 'native'
      }))
    }))
    return files
  }
}
