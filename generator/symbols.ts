// The names each backend will emit, per language and scope, checked before anything is written: two IDL
// declarations that map to one identifier (enum values "two-pass" and "TwoPass", a dictionary ReadArgs beside an
// operation read(), a type named like a language keyword or a support type) are reported at the second one with
// the first one's location, instead of producing code that does not compile.
import { IdlError, type Location } from './errors.ts'
import type { Capability } from './model.ts'
import { pascal } from './render.ts'
import { cppName, enumValueName, isCppReserved } from './backends/cpp/names.ts'
import { enumConstant, isKotlinKeyword } from './backends/kotlin/names.ts'
import { enumCase, isSwiftKeyword } from './backends/swift/names.ts'

export type Language = 'C++' | 'Kotlin' | 'Swift' | 'TypeScript'

// Where a model object was declared; build-model.ts records one for every object it makes.
export type Locator = (declaration: object) => Location

interface Origin { what: string, location?: Location }
interface Clash { origin: Origin, previous: Origin, names: Array<{ language: Language, identifier: string }> }

// Names that generated code already uses in each scope (imports, support types): a declaration may not take them.
const SUPPORT: Record<Language, string[]> = {
  'C++': ['ipc'],
  Kotlin: ['Answer', 'Answers', 'Context', 'Decode', 'Encode', 'EventSink', 'IpcError', 'Json', 'Message', 'Router', 'PermissionPolicy'],
  Swift: ['JSON', 'JSONObject', 'IpcError', 'Message', 'EventSink', 'Context', 'Response', 'Answer', 'Envelope', 'Handler', 'Router',
    'Decode', 'Encode', 'PermissionPolicy', 'String', 'Int', 'Double', 'Float', 'Bool', 'Array', 'Dictionary', 'Error',
    'Optional', 'Data', 'Codable', 'Decoder', 'Encoder', 'UInt8', 'Int8', 'Int16', 'UInt16', 'Int32', 'UInt32', 'Int64', 'UInt64'],
  TypeScript: ['IpcClient', 'defaultClient', 'bytes', 'json', 'jsonValue', 'scalar', 'BufferInput', 'identity', 'nullable',
    'record', 'sequence', 'toBigInt', 'listen', 'listenBinary', 'Unsubscribe', 'Promise', 'Uint8Array', 'EventTarget']
}

class Tables {
  readonly clashes: Clash[] = []
  private readonly scopes = new Map<string, Map<string, Origin>>()
  private readonly supportOrigins = new Map<string, Origin>()

  // One origin per support name, shared by every language that uses it, so a clash is reported once.
  private support (name: string): Origin {
    let origin = this.supportOrigins.get(name)
    if (!origin) { origin = { what: 'a name the generated code itself uses' }; this.supportOrigins.set(name, origin) }
    return origin
  }

  declare (language: Language, scope: string, identifier: string, origin: Origin): void {
    const key = `${language}\u0000${scope}`
    let table = this.scopes.get(key)
    if (!table) {
      table = new Map(SUPPORT[language].map((name) => [name, this.support(name)]))
      this.scopes.set(key, table)
    }
    const previous = table.get(identifier)
    if (!previous) { table.set(identifier, origin); return }
    if (previous === origin) return
    const same = this.clashes.find((c) => c.origin === origin && c.previous === previous)
    if (same) { if (!same.names.some((n) => n.language === language)) same.names.push({ language, identifier }); return }
    this.clashes.push({ origin, previous, names: [{ language, identifier }] })
  }
}

function where (origin: Origin): string {
  if (!origin.location) return origin.what
  return `${origin.what} (${origin.location.file.path}:${origin.location.line}:${origin.location.column})`
}

export function checkSymbols (capabilities: Capability[], locate: Locator): IdlError[] {
  const tables = new Tables()
  const keywords: IdlError[] = []
  const origin = (what: string, declaration: object): Origin => ({ what, location: locate(declaration) })
  const reserved = (name: string, o: Origin): void => {
    const languages = [isCppReserved(name) && 'C++', isKotlinKeyword(name) && 'Kotlin', isSwiftKeyword(name) && 'Swift']
      .filter((l): l is Language => Boolean(l))
    if (languages.length > 0 && o.location) keywords.push(new IdlError('reserved-name', o.location, `${o.what}: '${name}' is a reserved word in ${languages.join(', ')}; rename it`))
  }

  for (const capability of capabilities) {
    const cap = capability.name
    const native = capability.implementedIn === 'native'
    const iface = capability.interfaceName
    const interfaceOrigin = origin(`interface ${iface}`, capability)
    // Type-level names: C++ and Kotlin per capability namespace, Swift one module for all, TypeScript per module.
    const type = (name: string, o: Origin, languages: Language[]): void => {
      for (const language of languages) tables.declare(language, language === 'Swift' ? 'module' : cap, name, o)
    }
    const nativeLanguages: Language[] = native ? ['C++', 'Kotlin', 'Swift'] : []
    reserved(iface, interfaceOrigin)
    type(`${iface}Service`, { what: `the service interface of ${iface}`, location: interfaceOrigin.location }, [...nativeLanguages, 'TypeScript'])
    if (native) {
      type(iface, { what: `the routes object of ${iface}`, location: interfaceOrigin.location }, ['Kotlin', 'Swift'])
      type(`${iface}Client`, { what: `the client interface of ${iface}`, location: interfaceOrigin.location }, ['TypeScript'])
      type(`create${iface}Client`, { what: `the client factory of ${iface}`, location: interfaceOrigin.location }, ['TypeScript'])
      type(cap, { what: `the client of ${iface}`, location: interfaceOrigin.location }, ['TypeScript'])
      tables.declare('C++', `${cap} functions`, `register${iface}Routes`, interfaceOrigin)
    } else {
      type(`${iface}EventMap`, { what: `the event map of ${iface}`, location: interfaceOrigin.location }, ['TypeScript'])
    }

    for (const e of capability.enums) {
      const o = origin(`enum ${e.name}`, e)
      reserved(e.name, o)
      type(e.name, o, [...nativeLanguages, 'TypeScript'])
      e.values.forEach((value, i) => {
        const v = origin(`value "${value}" of enum ${e.name}`, e.values.length > 0 ? valueKey(e, i) : e)
        if (!native) return
        tables.declare('C++', `enum ${e.name}`, enumValueName(value), v)
        tables.declare('Kotlin', `enum ${e.name}`, enumConstant(value), v)
        tables.declare('Swift', `enum ${e.name}`, enumCase(value).replace(/`/g, ''), v)
      })
    }
    for (const d of capability.dictionaries) {
      const o = origin(`dictionary ${d.name}`, d)
      reserved(d.name, o)
      type(d.name, o, [...nativeLanguages, 'TypeScript'])
      if (!native) continue
      tables.declare('TypeScript', cap, `decode${d.name}`, { what: `the decoder of dictionary ${d.name}`, location: o.location })
      for (const m of d.members) tables.declare('C++', `struct ${d.name}`, cppName(m.name), origin(`member ${d.name}.${m.name}`, m))
    }
    for (const c of capability.callbacks) {
      const o = origin(`callback ${c.name}`, c)
      type(c.name, o, ['TypeScript'])
    }
    for (const op of capability.operations) {
      const o = origin(`operation ${op.name}()`, op)
      if (!native) continue
      const P = pascal(op.name)
      type(`${P}Args`, { what: `the arguments struct of operation ${op.name}()`, location: o.location }, ['C++', 'Kotlin'])
      type(`${iface}${P}Args`, { what: `the arguments struct of operation ${op.name}()`, location: o.location }, ['Swift'])
      tables.declare('C++', `${cap} functions`, `resolve${P}`, o)
      tables.declare('Kotlin', `object ${iface}`, `encode${P}`, o)
      tables.declare('Kotlin', `object ${iface}`, `decode${P}`, o)
      tables.declare('Swift', `enum ${iface}`, `encode${P}`, o)
      tables.declare('Swift', `enum ${iface}`, `decode${P}`, o)
      tables.declare('C++', `service ${iface}`, cppName(op.name), o)
      for (const a of op.args) tables.declare('C++', `struct ${cap}::${P}Args`, cppName(a.name), origin(`argument ${a.name} of ${op.name}()`, a))
    }
    for (const ev of capability.events) {
      const o = origin(`event ${ev.name}`, ev)
      const P = pascal(ev.name)
      tables.declare('TypeScript', cap, `on${P}`, o)
      if (!native) continue
      tables.declare('C++', `${cap} functions`, `emit${P}`, o)
      tables.declare('Kotlin', `object ${iface}`, `emit${P}`, o)
      tables.declare('Swift', `enum ${iface}`, `emit${P}`, o)
    }
  }

  const errors = tables.clashes.map((clash) => {
    const location = clash.origin.location ?? clash.previous.location!
    const names = clash.names.map((n) => `'${n.identifier}' in ${n.language}`).join(', ')
    return new IdlError('name-collision', location, `${clash.origin.what} becomes ${names}, which is already ${where(clash.previous)}`)
  })
  return [...keywords, ...errors]
}

// Enum values are strings, not objects: build-model.ts registers a key object per value through this function,
// so the locator can find the value's own location.
const valueKeys = new WeakMap<object, object[]>()
export function valueKey (owner: object, index: number): object {
  let keys = valueKeys.get(owner)
  if (!keys) { keys = []; valueKeys.set(owner, keys) }
  keys[index] ??= {}
  return keys[index]
}
