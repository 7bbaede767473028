// Node's os functions are synchronous; the IDL's os capability is async. This runs a generated os method
// through the sync path (sync-call.ts) and caches the facts that cannot change while the app runs.
import { createOsClient, osResults, type OsClient } from '../../generated/js/os.ts'
import { capturingClient, runSync } from './sync-call.ts'

let client: OsClient | undefined
const cache = new Map<string, unknown>()

export function osSync<K extends keyof OsClient> (method: K, options: { cache?: boolean } = {}): Awaited<ReturnType<OsClient[K]>> {
  if (options.cache === true && cache.has(method)) return cache.get(method) as Awaited<ReturnType<OsClient[K]>>
  const value = osCallSync(`os.${method}`, (c) => (c[method] as () => Promise<unknown>)())
  if (options.cache === true) cache.set(method, value)
  return value as Awaited<ReturnType<OsClient[K]>>
}

/** Any os call with arguments, synchronously, through the same client (`route` names it in errors). */
export function osCallSync<T> (route: string, invoke: (client: OsClient) => Promise<T>): T {
  client ??= createOsClient(capturingClient())
  const c = client
  return runSync(route, () => invoke(c), false, osResults[route.slice('os.'.length) as keyof OsClient]) as T
}
