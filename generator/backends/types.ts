// What every backend is: a function from the model to files (path relative to the repository root → content).
import type { Api, Capability } from '../model.ts'

export type Files = Map<string, string>

export interface Backend {
  name: string
  generate (api: Api): Files
}

/** The capabilities with a native side (not [JSImplemented]): the ones C++, Kotlin and Swift write code for. */
export function nativeCapabilities (api: Api): Capability[] {
  return api.capabilities.filter((capability) => capability.implementedIn === 'native')
}
