// The Kotlin backend, for the Android host: per capability an interface, argument classes, data classes and
// enums, and an object with the dispatcher (`register`), typed resolve helpers and event emitters; plus the
// support code (support/Ipc.kt) they compile against. Targets Kotlin 2.x with kotlinx.coroutines: services are\n// `suspend` functions that return their result or throw an IpcError.
import { readFileSync } from 'node:fs'
import type { Api, Argument, Capability, Type } from '../../model.ts'
import { blockComment, camel, loadTemplates, pascal } from '../../render.ts'
import { generatorPath } from '../../paths.ts'
import { decodeArgumentWith, nativeBackend, nativeViewBase } from '../types.ts'
import { PUBLIC_PERMISSION } from '../../permissions.ts'
import { argumentType, enumConstant, fromJson, fromText, ktDefault, ktName, ktType, toJson } from './names.ts'

const render = loadTemplates(generatorPath('backends/kotlin/templates'))
const SUPPORT = readFileSync(generatorPath('backends/kotlin/support/Ipc.kt'), 'utf8')

const doc = (text: string, indent: string): string => blockComment(text, indent)
const str = (text: string): string => JSON.stringify(text).replace(/\$/g, '\\$')

function lengthOf (type: Type, value: string): string {
  const base = type.kind === 'nullable' ? type.inner : type
  return base.kind === 'string' ? `Decode.utf8Length(${value})` : `${value}.size`
}

function local (prefix: string, name: string): string {
  return prefix + pascal(name)
}

function decodeArgument (arg: Argument): string[] {
  const name = local('a', arg.name)
  const n = str(arg.name)
  const fallback = ktDefault(arg.type, arg.default)
  return decodeArgumentWith(arg, {
    body: `val ${name} = ipcMessage.body`,
    text: (t) => fromText(arg.type, t, n),
    json: (t) => `Decode.jsonArg(${t}, ${n}).let { j -> ${fromJson(arg.type, 'j', n)} }`,
    required: (decode) => `val ${name} = ipcMessage.require(${n}).let { t -> ${decode('t')} }`,
    optional: (decode) => `val ${name} = ipcMessage.param(${n})?.let { t -> ${decode('t')} }${fallback && fallback !== 'null' ? ` ?: ${fallback}` : ''}`,
    maxLength: (limit, mayBeEmpty) => {
      const check = `Decode.checkMaxLength(${lengthOf(arg.type, name)}, ${limit}L, ${n})`
      return mayBeEmpty ? `if (${name} != null) ${check}` : check
    }
  })
}

// The Kotlin return type of the service method and the encoder that puts its result on the wire.
function resultOf (op: Capability['operations'][number]) {
  const type = op.result
  if (type.kind === 'undefined') return { returns: '', encoder: 'Answers::unit', encode: undefined }
  if (type.kind === 'buffer') return { returns: ': ByteArray', encoder: 'Answers::bytes', encode: undefined }
  return { returns: `: ${ktType(type)}`, encoder: `this::encode${pascal(op.name)}`, encode: { type: ktType(type), body: `Answer.Data(${toJson(type, 'value')})` } }
}

function packageOf (capability: Capability): string {
  return `socket.api.${capability.name.replace(/[^A-Za-z0-9_]/g, '_')}`
}

function viewOf (capability: Capability) {
  const enums = capability.enums.map((e) => ({
    doc: doc(e.doc.summary, ''),
    name: e.name,
    constants: e.values.map((v, i) => `${enumConstant(v)}(${str(v)})${i === e.values.length - 1 ? ';' : ','}`),
    message: str(` must be one of ${e.values.map((v) => `'${v}'`).join(', ')}`)
  }))
  const dictionaries = capability.dictionaries.map((d) => ({
    doc: doc(d.doc.summary, ''),
    name: d.name,
    fields: d.members.map((m, i) => {
      const nullable = m.presence === 'maybe'
      const type = ktType(m.type) + (nullable && m.type.kind !== 'nullable' ? '?' : '')
      const fallback = ktDefault(m.type, m.default) ?? (nullable ? 'null' : undefined)
      return {
        doc: doc(m.doc, '  '),
        declaration: `val ${ktName(m.name)}: ${type}${fallback ? ` = ${fallback}` : ''}${i === d.members.length - 1 ? '' : ','}`
      }
    }),
    reads: d.members.flatMap((m) => {
      const name = local('f', m.name)
      const nullable = m.presence === 'maybe'
      const path = `at + ${str('.' + m.name)}`
      const get = `Decode.member(members, ${str(m.name)}, at, ${m.required}, ${m.type.kind === 'nullable' || m.type.kind === 'json'})`
      const fallback = ktDefault(m.type, m.default)
      const lines = m.required
        ? [`val ${name} = ${fromJson(m.type, `${get}!!`, path)}`]
        : [`val ${name} = ${get}?.let { j -> ${fromJson(m.type, 'j', path)} }${fallback && fallback !== 'null' ? ` ?: ${fallback}` : ''}`]
      if (m.maxLength !== undefined) {
        const check = `Decode.checkMaxLength(${lengthOf(m.type, name)}, ${m.maxLength}L, ${path})`
        lines.push(nullable ? `if (${name} != null) ${check}` : check)
      }
      return lines
    }),
    construct: `${d.name}(${d.members.map((m) => `${ktName(m.name)} = ${local('f', m.name)}`).join(', ')})`,
    writes: d.members.map((m) => {
      const name = ktName(m.name)
      const optional = m.presence === 'maybe' && m.type.kind !== 'nullable'
      return optional
        ? `if (${name} != null) out[${str(m.name)}] = ${toJson(m.type, name)}`
        : `out[${str(m.name)}] = ${toJson(m.type, name)}`
    })
  }))
  const operations = capability.operations.map((op) => {
    const result = resultOf(op)
    return {
      doc: doc(`${op.doc.summary}\n\nRoute \`${op.route}\`. Returns the result or throws an IpcError.`, '  '),
      name: ktName(op.name),
      route: op.route,
      permission: op.permission === PUBLIC_PERMISSION ? 'null' : JSON.stringify(op.permission),
      argsName: `${pascal(op.name)}Args`,
      decodeName: `decode${pascal(op.name)}`,
      returns: result.returns,
      encoder: result.encoder,
      encodeName: `encode${pascal(op.name)}`,
      encode: result.encode,
      fields: op.args.map((a, i) => ({
        doc: doc(a.doc, '  '),
        declaration: `val ${ktName(a.name)}: ${argumentType(a)}${i === op.args.length - 1 ? '' : ','}`
      })),
      decode: op.args.flatMap(decodeArgument),
      construct: `${pascal(op.name)}Args(${op.args.map((a) => local('a', a.name)).join(', ')})`
    }
  })
  const events = capability.events.map((ev) => ({
    doc: doc(`${ev.doc.summary}\n\nDispatched in JS as \`${ev.domEvent}\`${ev.binary ? ` with params.source \`${ev.source}\`` : ''}.`, '  '),
    fn: `emit${pascal(ev.name)}`,
    params: ev.binary ? `events: EventSink, detail: ${ktType(ev.detail)}, bytes: ByteArray` : `events: EventSink, detail: ${ktType(ev.detail)}`,
    body: ev.binary
      ? `events.emitBinary(${str(ev.domEvent)}, Json.obj("source" to Json.Str(${str(ev.source)}), "data" to detail.toJson()), bytes)`
      : `events.emit(${str(ev.domEvent)}, detail.toJson())`
  }))
  return { ...nativeViewBase(capability, doc(capability.doc.summary, '')), packageName: packageOf(capability), enums, dictionaries, operations, events }
}

export const kotlinBackend = nativeBackend({
  name: 'kotlin',
  render,
  before: new Map([['generated/kotlin/socket/ipc/Ipc.kt', SUPPORT]]),
  files: (c) => ({ [`generated/kotlin/socket/api/${c.name}/${c.interfaceName}.kt`]: 'capability' }),
  view: viewOf,
  registerAll: {
    path: 'generated/kotlin/socket/api/RegisterAll.kt',
    view: (native) => ({ capabilities: native.map((c) => ({ ...nativeViewBase(c, ''), param: ktName(camel(c.name)), packageName: packageOf(c) })) })
  }
})
