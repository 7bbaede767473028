// What every backend is: a function from the model to files (path relative to the repository root → content).
import type { Api, Argument, Capability } from '../model.ts'

export type Files = Map<string, string>

export interface Backend {
  name: string
  generate (api: Api): Files
}

/** The capabilities with a native side (not [JSImplemented]): the ones C++, Kotlin and Swift write code for. */
export function nativeCapabilities (api: Api): Capability[] {
  return api.capabilities.filter((capability) => capability.implementedIn === 'native')
}

/** What every native backend's view of a capability starts with (the templates add their own parts). */
export function nativeViewBase (capability: Capability, doc: string) {
  return { source: capability.file, doc, serviceName: `${capability.interfaceName}Service`, objectName: capability.interfaceName }
}

/** A native backend as templates: per capability some files rendered from one view, then register_all and
 * the files that do not depend on the model (support code copied verbatim, tables). */
export interface NativeBackendSpec {
  name: string
  render: (template: string, view: object) => string
  before?: Files
  files: (capability: Capability) => Record<string, string>  // output path → template name
  view: (capability: Capability) => object
  registerAll: { path: string, view: (native: Capability[]) => object }
  after?: () => Files
}

export function nativeBackend (spec: NativeBackendSpec): Backend {
  return {
    name: spec.name,
    generate (api: Api): Files {
      const files: Files = new Map(spec.before)
      const native = nativeCapabilities(api)
      for (const capability of native) {
        const view = spec.view(capability)
        for (const [path, template] of Object.entries(spec.files(capability))) files.set(path, spec.render(template, view))
      }
      files.set(spec.registerAll.path, spec.render('register_all', spec.registerAll.view(native)))
      for (const [path, text] of spec.after?.() ?? []) files.set(path, text)
      return files
    }
  }
}

/** How a native language spells the statements that decode one argument from a request. */
export interface ArgumentSyntax {
  body: string                                               // take the request body
  text: (t: string) => string                                // decode query text `t`
  json: (t: string) => string                                // decode JSON text `t`
  required: (decode: (t: string) => string) => string        // decode a parameter that must be present
  optional: (decode: (t: string) => string) => string        // decode one that may be absent (default applied)
  maxLength: (limit: number, mayBeEmpty: boolean) => string  // check [MaxLength]
}

/** The statements decoding `arg`, chosen by its lowered codec and presence. */
export function decodeArgumentWith (arg: Argument, syntax: ArgumentSyntax): string[] {
  const lines: string[] = []
  if (arg.codec === 'body') lines.push(syntax.body)
  else {
    const decode = arg.codec === 'text' ? syntax.text : syntax.json
    lines.push(arg.presence === 'required' ? syntax.required(decode) : syntax.optional(decode))
  }
  if (arg.maxLength !== undefined) lines.push(syntax.maxLength(arg.maxLength, arg.presence === 'maybe' && arg.codec !== 'body'))
  return lines
}
