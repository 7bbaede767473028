// Facts about the host and the calls every module needs (cwd, platform, exit), in one place.
import { inRuntime } from './args.ts'
import { NotSupportedError } from './errors.ts'

export interface HostFacts { platform: string, arch: string, cwd: string, version: string }

let facts: HostFacts | undefined

export function hostFacts (): HostFacts {
  if (facts !== undefined) return facts
  if (!inRuntime()) {
    // Outside a host window (Node tests): a neutral Linux-shaped answer, with `/` as the sandbox root.
    facts = { platform: 'linux', arch: 'x64', cwd: '/', version: '0.0.0' }
    return facts
  }
  throw new NotSupportedError('host facts (platform.primordials) before the IPC bindings exist')
}

export function requestExit (code: number): void {
  throw new NotSupportedError(`process.exit(${code}) before the IPC bindings exist`)
}
