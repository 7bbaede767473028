// socket:extension — the original's native extensions: shared objects `ssc build` compiles from the C/C++
// sources listed in `[build.extensions]`, loaded by the host (dlopen) when the page calls `load(name)`. An
// extension maps routes (`sapi_ipc_router_map`); `ext.call(route, params)` and `ext.binding.<method>(params)`
// (route `<name>.<method>`) reach them through the host's `extension.call`. WASM extensions are not
// supported (`type` never answers 'wasm32'). Native code runs inside the host process: only what the app
// built and listed can load (docs/modules-loading-workers-desktop.md).
import { extension as client, type ExtensionInfo } from '../../generated/js/extension.ts'

export type ExtensionType = 'shared' | 'wasm32' | 'unknown'
export interface ExtensionStats { abi: number, loaded: number, names: string[] }
type Params = Record<string, string | number | boolean | bigint>

function stringify (params: Params = {}): Record<string, string> {
  if (params === null || typeof params !== 'object') throw new TypeError('extension call params must be an object')
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]))
}

export class Extension extends EventTarget {
  readonly name: string
  readonly description: string
  readonly version: string
  readonly routes: readonly string[]
  readonly type: ExtensionType = 'shared'
  #loaded = true
  /** `binding.echo({ value: 'x' })` calls route `<name>.echo`. */
  readonly binding: Record<string, (params?: Params) => Promise<unknown>>

  constructor (info: ExtensionInfo) {
    super()
    this.name = info.name
    this.description = info.description
    this.version = info.version
    this.routes = Object.freeze([...info.routes])
    this.binding = new Proxy({}, {
      get: (_target, method) => typeof method === 'string' ? async (params?: Params) => await this.call(`${this.name}.${method}`, params) : undefined
    })
  }

  get loaded (): boolean { return this.#loaded }

  /** Calls a route this extension mapped; resolves with the JSON it replied. */
  async call (route: string, params: Params = {}): Promise<unknown> {
    return await client.call(this.name, route, stringify(params))
  }

  async unload (): Promise<boolean> {
    const was = await client.unload(this.name)
    this.#loaded = false
    this.dispatchEvent(new Event('unload'))
    return was
  }

  static async load (name: string, _options: Record<string, unknown> = {}): Promise<Extension> {
    if (typeof name !== 'string') throw new TypeError('extension.load(name): name must be a string')
    return new Extension(await client.load(name))
  }

  static async unload (name: string): Promise<boolean> { return await client.unload(name) }
  static async stats (): Promise<ExtensionStats> { return await client.stats() }
  static async type (name: string): Promise<ExtensionType> { return await client.type(name) as ExtensionType }
}

export const load = Extension.load.bind(Extension)
export const unload = Extension.unload.bind(Extension)
export const stats = Extension.stats.bind(Extension)
export const type = Extension.type.bind(Extension)
export default { Extension, load, unload, stats, type }
