// The Swift backend, for the iOS host: per capability a protocol of `async throws` methods, argument structs,
// Codable structs and enums, and an enum namespace with the dispatcher (`register`), result encoders and event
// emitters; plus the support code (support/Ipc.swift). Parse-checked and rule-checked only: no Swift compiler
// runs on the Linux CI machine.
import { readFileSync } from 'node:fs'
import type { Api, Argument, Capability, Type } from '../../model.ts'
import { blockComment, camel, loadTemplates, pascal } from '../../render.ts'
import { generatorPath } from '../../paths.ts'
import type { Presence } from '../../presence.ts'
import { decodeArgumentWith, nativeBackend, nativeViewBase } from '../types.ts'
import { PUBLIC_PERMISSION } from '../../permissions.ts'
import { enumCase, fromJson, fromText, swiftDefault, swiftName, swiftType, toJson } from './names.ts'

const render = loadTemplates(generatorPath('backends/swift/templates'))
const SUPPORT = readFileSync(generatorPath('backends/swift/support/Ipc.swift'), 'utf8')

const doc = (text: string, indent: string): string => blockComment(text, indent, '///')
const str = (text: string): string => JSON.stringify(text).replace(/\\u([0-9a-fA-F]{4})/g, '\\u{$1}')

function lengthOf (type: Type, value: string): string {
  const base = type.kind === 'nullable' ? type.inner : type
  return base.kind === 'string' ? `${value}.utf8.count` : `${value}.count`
}

// The Swift type of an argument or member: `T?` when it can hold no value (its presence is 'maybe').
function fieldType (type: Type, presence: Presence): string {
  const t = swiftType(type)
  return presence === 'maybe' && type.kind !== 'nullable' ? `${t}?` : t
}

function decodeArgument (arg: Argument): string[] {
  const name = `a${pascal(arg.name)}`
  const n = str(arg.name)
  const fallback = swiftDefault(arg.type, arg.default)
  const check = (v: string, limit: number) => `try Decode.checkMaxLength(${lengthOf(arg.type, v)}, ${limit}, ${n})`
  return decodeArgumentWith(arg, {
    body: `let ${name} = message.body`,
    text: (t) => fromText(arg.type, t, n),
    json: (t) => `try { let j = try Decode.jsonArg(${t}, ${n}); return ${fromJson(arg.type, 'j', n)} }()`,
    required: (decode) => `let ${name}: ${fieldType(arg.type, 'required')} = ${decode(`try message.require(${n})`)}`,
    optional: (decode) => `let ${name}: ${fieldType(arg.type, arg.presence)} = try (try message.param(${n})).map { t in ${decode('t')} }${fallback && fallback !== 'nil' ? ` ?? ${fallback}` : ''}`,
    maxLength: (limit, mayBeEmpty) => mayBeEmpty ? `if let value = ${name} { ${check('value', limit)} }` : check(name, limit)
  })
}

function viewOf (capability: Capability) {
  const enums = capability.enums.map((e) => ({
    doc: doc(e.doc.summary, ''),
    name: e.name,
    cases: e.values.map((v) => `case ${enumCase(v)} = ${str(v)}`),
    message: str(` must be one of ${e.values.map((v) => `'${v}'`).join(', ')}`)
  }))
  const dictionaries = capability.dictionaries.map((d) => ({
    doc: doc(d.doc.summary, ''),
    name: d.name,
    fields: d.members.map((m) => ({ doc: doc(m.doc, '  '), declaration: `public var ${swiftName(m.name)}: ${fieldType(m.type, m.presence)}` })),
    initParams: d.members.map((m) => {
      const fallback = swiftDefault(m.type, m.default) ?? (m.presence === 'maybe' ? 'nil' : undefined)
      return `${m.name}: ${fieldType(m.type, m.presence)}${fallback ? ` = ${fallback}` : ''}`
    }).join(', '),
    assigns: d.members.map((m) => `self.${m.name} = ${swiftName(m.name)}`),
    reads: d.members.flatMap((m) => {
      const local = `f${pascal(m.name)}`
      const path = `at + ${str('.' + m.name)}`
      const get = `try Decode.member(members, ${str(m.name)}, at, required: ${m.required}, nullable: ${m.type.kind === 'nullable' || m.type.kind === 'json'})`
      const fallback = swiftDefault(m.type, m.default)
      const lines = m.required
        ? [`let ${local}: ${fieldType(m.type, 'required')} = ${fromJson(m.type, `(${get})!`, path)}`]
        : [`let ${local}: ${fieldType(m.type, m.presence)} = try (${get}).map { j in ${fromJson(m.type, 'j', path)} }${fallback && fallback !== 'nil' ? ` ?? ${fallback}` : ''}`]
      if (m.maxLength !== undefined) {
        const optional = m.presence === 'maybe'
        const check = (v: string) => `try Decode.checkMaxLength(${lengthOf(m.type, v)}, ${m.maxLength}, ${path})`
        lines.push(optional ? `if let value = ${local} { ${check('value')} }` : check(local))
      }
      return lines
    }),
    construct: `${d.name}(${d.members.map((m) => `${m.name}: f${pascal(m.name)}`).join(', ')})`,
    writes: d.members.map((m) => {
      const name = `self.${m.name}`
      const optional = m.presence === 'maybe' && m.type.kind !== 'nullable'
      return optional
        ? `if let value = ${name} { out.set(${str(m.name)}, ${toJson(m.type, 'value')}) }`
        : `out.set(${str(m.name)}, ${toJson(m.type, name)})`
    })
  }))
  const operations = capability.operations.map((op) => {
    const result = op.result
    const answer = result.kind === 'undefined'
      ? { returns: '', encoder: 'Answer.unit', encode: undefined }
      : result.kind === 'buffer'
        ? { returns: ' -> [UInt8]', encoder: 'Answer.buffer', encode: undefined }
        : { returns: ` -> ${swiftType(result)}`, encoder: `encode${pascal(op.name)}`, encode: { type: swiftType(result), body: `.data(${toJson(result, 'value')})` } }
    return {
      doc: doc(`${op.doc.summary}\nRoute \`${op.route}\`. Returns the result or throws an IpcError.`, '  '),
      name: swiftName(op.name),
      route: op.route,
      permission: op.permission === PUBLIC_PERMISSION ? 'nil' : JSON.stringify(op.permission),
      argsName: `${capability.interfaceName}${pascal(op.name)}Args`,  // one Swift module holds every capability
      decodeName: `decode${pascal(op.name)}`,
      returns: answer.returns,
      encoder: answer.encoder,
      encodeName: `encode${pascal(op.name)}`,
      encode: answer.encode,
      fields: op.args.map((a) => ({ doc: doc(a.doc, '  '), declaration: `public let ${swiftName(a.name)}: ${fieldType(a.type, a.presence)}` })),
      decode: op.args.flatMap(decodeArgument),
      construct: `${pascal(op.name)}Args(${op.args.map((a) => `${a.name}: a${pascal(a.name)}`).join(', ')})`
    }
  })
  const events = capability.events.map((ev) => ({
    doc: doc(`${ev.doc.summary}\nDispatched in JS as \`${ev.domEvent}\`${ev.binary ? ` with params.source \`${ev.source}\`` : ''}.`, '  '),
    fn: `emit${pascal(ev.name)}`,
    params: ev.binary ? `_ events: EventSink, _ detail: ${swiftType(ev.detail)}, _ bytes: [UInt8]` : `_ events: EventSink, _ detail: ${swiftType(ev.detail)}`,
    body: ev.binary
      ? [
          'var params = JSONObject()',
          `params.set("source", .string(${str(ev.source)}))`,
          'params.set("data", detail.toJSON())',
          `events.emitBinary(${str(ev.domEvent)}, .object(params), bytes)`
        ]
      : [`events.emit(${str(ev.domEvent)}, detail.toJSON())`]
  }))
  return { ...nativeViewBase(capability, doc(capability.doc.summary, '')), enums, dictionaries, operations, events }
}

export const swiftBackend = nativeBackend({
  name: 'swift',
  render,
  before: new Map([['generated/swift/Ipc.swift', SUPPORT]]),
  files: (c) => ({ [`generated/swift/${c.interfaceName}.swift`]: 'capability' }),
  view: viewOf,
  registerAll: {
    path: 'generated/swift/RegisterAll.swift',
    view: (native) => ({ capabilities: native.map((c) => ({ ...nativeViewBase(c, ''), param: swiftName(camel(c.name)) })) })
  }
})
