// The C++ backend: generated/cpp/<cap>.hh (argument structs, the abstract service, typed answers and event
// emitters) and generated/cpp/<cap>_dispatch.cc (decode + validate every argument, then call the service).
// Links against native/ipc. [JSImplemented] capabilities have no native side and produce nothing here.
import type { Api, Capability, Type } from '../../model.ts'
import { blockComment, loadTemplates, pascal } from '../../render.ts'
import { generatorPath } from '../../paths.ts'
import { nativeBackend, nativeViewBase } from '../types.ts'
import { PERMISSIONS, PUBLIC_PERMISSION } from '../../permissions.ts'
import { decodeArgument } from './decode.ts'
import { cppName, cppType, enumValueName, initializer, namespaceOf, orderDictionaries, storageType } from './names.ts'

const render = loadTemplates(generatorPath('backends/cpp/templates'))

const doc = (text: string, indent: string): string => blockComment(text, indent, '///')

function resolveSignature (type: Type): { params: string, body: string } {
  if (type.kind === 'undefined') return { params: 'ipc::Reply& reply', body: 'reply.ok();' }
  if (type.kind === 'buffer') return { params: 'ipc::Reply& reply, std::vector<uint8_t> bytes', body: 'reply.binary(std::move(bytes));' }
  return { params: `ipc::Reply& reply, const ${cppType(type)}& value`, body: 'reply.data(toJson(value));' }
}

function viewOf (capability: Capability) {
  const enums = capability.enums.map((e) => ({
    doc: doc(e.doc.summary, ''),
    name: e.name,
    values: e.values.map((value, i) => ({ ident: enumValueName(value), text: JSON.stringify(value), last: i === e.values.length - 1 })),
    list: e.values.map((v) => `'${v}'`).join(', ')
  }))
  const dictionaries = orderDictionaries(capability.dictionaries).map((d) => ({
    doc: doc(d.doc.summary, ''),
    name: d.name,
    members: d.members.map((m) => {
      const optional = m.presence === 'maybe'
      const field = cppName(m.name)
      return {
        doc: doc(m.doc, '  '),
        declaration: `${storageType(m.type, m.presence)} ${field}${initializer(m.type, m.default, optional)};`,
        read: `if (!ipc::member(json, ${JSON.stringify(m.name)}, name, ${m.required}, out.${field}, error)) return false;`,
        check: m.maxLength === undefined ? '' : optional
          ? `if (out.${field} && !ipc::checkMaxLength(out.${field}->size(), ${m.maxLength}, name + ".${m.name}", error)) return false;`
          : `if (!ipc::checkMaxLength(out.${field}.size(), ${m.maxLength}, name + ".${m.name}", error)) return false;`,
        write: optional && m.type.kind !== 'nullable'
          ? `if (value.${field}) out.set(${JSON.stringify(m.name)}, toJson(*value.${field}));`
          : `out.set(${JSON.stringify(m.name)}, toJson(value.${field}));`
      }
    })
  }))
  const operations = capability.operations.map((op) => {
    const resolve = resolveSignature(op.result)
    const summary = op.doc.summary + `\nRoute \`${op.route}\`. Answer with resolve${pascal(op.name)}(reply${op.result.kind === 'undefined' ? '' : ', …'}) or reply.error(…).`
    return {
      doc: doc(summary, '  '),
      argsDoc: doc(`Arguments of \`${op.route}\`, decoded and validated before the service sees them.`, ''),
      name: op.name,
      method: cppName(op.name),
      route: op.route,
      argsName: `${pascal(op.name)}Args`,
      resolveName: `resolve${pascal(op.name)}`,
      permission: op.permission === PUBLIC_PERMISSION ? '' : op.permission,
      permissionText: JSON.stringify(op.permission),
      resolveParams: resolve.params,
      resolveBody: resolve.body,
      fields: op.args.map((a) => {
        const optional = a.presence === 'maybe'
        return {
          doc: doc(a.doc, '  '),
          declaration: `${storageType(a.type, a.presence)} ${cppName(a.name)}${initializer(a.type, a.default, optional)};`
        }
      }),
      decode: op.args.flatMap(decodeArgument).map((line) => `  ${line}`).join('\n')
    }
  })
  const events = capability.events.map((ev) => {
    const detail = cppType(ev.detail)
    return {
      doc: doc(ev.doc.summary + `\nDispatched in JS as \`${ev.domEvent}\`${ev.binary ? ` with params.source \`${ev.source}\`` : ''}.`, ''),
      fn: `emit${pascal(ev.name)}`,
      params: ev.binary ? `ipc::EventSink& events, const ${detail}& detail, std::vector<uint8_t> bytes` : `ipc::EventSink& events, const ${detail}& detail`,
      body: ev.binary
        ? [
            'ipc::Json params = ipc::Json::object();',
            `params.set("source", ${JSON.stringify(ev.source)});`,
            'params.set("data", toJson(detail));',
            `events.emitBinary(${JSON.stringify(ev.domEvent)}, params, std::move(bytes));`
          ]
        : [`events.emit(${JSON.stringify(ev.domEvent)}, toJson(detail));`]
    }
  })
  return { ...cppNames(capability), doc: doc(capability.doc.summary, ''), enums, dictionaries, operations, events }
}

// The names a capability's C++ files and register_all.hh both use.
function cppNames (capability: Capability) {
  return {
    ...nativeViewBase(capability, ''),
    name: capability.name,
    namespace: namespaceOf(capability),
    registerName: `register${capability.interfaceName}Routes`
  }
}

export const cppBackend = nativeBackend({
  name: 'cpp',
  render,
  files: (c) => ({ [`generated/cpp/${c.name}.hh`]: 'header', [`generated/cpp/${c.name}_dispatch.cc`]: 'dispatch' }),
  view: viewOf,
  registerAll: {
    path: 'generated/cpp/register_all.hh',
    view: (native) => ({ capabilities: native.map((c) => ({ ...cppNames(c), field: cppName(c.name) })) })
  },
  after: () => new Map([['generated/cpp/permissions.hh', render('permissions', {
    permissions: PERMISSIONS.map((p) => ({ name: JSON.stringify(p.name), granted: p.granted, gates: p.gates }))
  })]])
})
