// socket:extension — the original's native/WASM extensions (`[build.extensions]`, `extension.load(name)`).
// Loading native code into the host is out of scope for this runtime: every loader throws
// NotSupportedError naming itself; `stats` and `type` answer for what is loaded (nothing).
import { NotSupportedError } from '../internal/errors.ts'

const reason = '(this runtime does not load native or WASM extensions into the host)'

export type ExtensionType = 'shared' | 'wasm32' | 'unknown'

export class Extension extends EventTarget {
  readonly name: string
  constructor (name: string) {
    super()
    this.name = name
    throw new NotSupportedError(`socket:extension Extension ${reason}`)
  }

  static async load (name: string): Promise<never> { throw new NotSupportedError(`extension.load('${name}') ${reason}`) }
  static async unload (name: string): Promise<never> { throw new NotSupportedError(`extension.unload('${name}') ${reason}`) }
  static async stats (): Promise<{ abi: number, loaded: number }> { return { abi: 0, loaded: 0 } }
  static async type (_name: string): Promise<ExtensionType> { return 'unknown' }
}

export const load = Extension.load
export const unload = Extension.unload
export const stats = Extension.stats
export const type = Extension.type
export default { Extension, load, unload, stats, type }
