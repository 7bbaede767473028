// Facts about the host and the calls every module needs (cwd, platform, exit), in one place. Platform and
// architecture are known without a round trip (the preload's __args.client, the user agent); the working
// directory and version need the host and are fetched once, on first use.
import { inRuntime, runtimeArgs } from './args.ts'
import { NotSupportedError } from './errors.ts'
import { capturingClient, runSync } from './sync-call.ts'
import { createOsClient } from '../../generated/js/os.ts'
import { application } from '../../generated/js/application.ts'

export interface HostFacts { platform: string, arch: string, cwd: string, version: string }

export function hostPlatform (): string {
  const platform = runtimeArgs().client.platform
  return typeof platform === 'string' ? platform : 'linux'
}

/** Node's arch names, from the webview's user agent (`X11; Linux x86_64`). */
export function hostArch (): string {
  const agent = globalThis.navigator?.userAgent ?? ''
  if (/x86_64|amd64|x64/i.test(agent)) return 'x64'
  if (/aarch64|arm64/i.test(agent)) return 'arm64'
  if (/armv7|armv6|\barm\b/i.test(agent)) return 'arm'
  if (/i[3-6]86|x86/i.test(agent)) return 'ia32'
  return 'unknown'
}

export interface Primordials { arch: string, cwd: string, platform: string, version: { short: string, hash: string, full: string } }
let primordials: Primordials | undefined

/** The host's `platform.primordials`, fetched once (a sync call, as the original made at load). */
export function hostPrimordials (): Primordials {
  if (primordials !== undefined) return primordials
  const fallback = { arch: hostArch(), platform: hostPlatform(), cwd: '/', version: { short: '0.0.0', hash: '', full: '0.0.0' } }
  if (!inRuntime()) {
    // Outside a host window (Node tests): `/` is the sandbox root the original used too.
    primordials = Object.freeze(fallback)
  } else {
    let data: unknown
    try {
      data = runSync('platform.primordials', () => createOsClient(capturingClient()).primordials())
    } catch (error) {
      throw new NotSupportedError(`the host working directory and version (platform.primordials failed: ${(error as Error).message})`)
    }
    primordials = Object.freeze({ ...fallback, ...(data as Partial<Primordials>) })
  }
  return primordials
}

export function hostCwd (): string {
  return hostPrimordials().cwd
}

export function hostVersion (): string {
  return hostPrimordials().version.short
}

/** Ends the app with `code` (application.exit); in Node there is no app to end. */
export function requestExit (code: number): void {
  if (!inRuntime()) throw new NotSupportedError(`process.exit(${code}) outside a runtime window`)
  void application.exit(code)
}
