// socket:dns — dns.lookup (the original had only lookup), callback form over dns/promises.
import * as promises from './dns/promises.ts'
import type { LookupAddress, LookupOptions } from './dns/promises.ts'
import { customPromisify } from '../internal/promisify.ts'

type LookupCallback = (error: Error | null, address?: string | LookupAddress[], family?: number) => void

export function lookup (hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void {
  if (typeof options === 'function') {
    callback = options
    options = {}
  }
  const done = callback as LookupCallback
  promises.lookup(hostname, options).then((result) => {
    if (Array.isArray(result)) done(null, result)
    else done(null, result.address, result.family)
  }, (error: Error) => done(error))
}
Object.defineProperty(lookup, customPromisify, { value: promises.lookup })

export { promises }
export default { lookup, promises }
