// socket:dns/promises — dns.lookup as a promise. IP literals and `localhost` are answered here; other names
// need a `dns.lookup` route, which idl/ does not describe yet (NotSupportedError says so).
import { isIP } from '../../internal/ip.ts'
import { NotSupportedError, codedError } from '../../internal/errors.ts'

export interface LookupOptions { family?: 0 | 4 | 6 | 'IPv4' | 'IPv6', all?: boolean, hints?: number, verbatim?: boolean, order?: string }
export interface LookupAddress { address: string, family: 4 | 6 }

function familyOf (options: LookupOptions | number | undefined): 0 | 4 | 6 {
  const family = typeof options === 'number' ? options : options?.family
  if (family === 'IPv4') return 4
  if (family === 'IPv6') return 6
  if (family === undefined || family === 0 || family === 4 || family === 6) return family ?? 0
  throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.family' must be one of: 0, 4, 6. Received ${String(family)}`)
}

export async function lookup (hostname: string, options?: LookupOptions | number): Promise<LookupAddress | LookupAddress[]> {
  if (typeof hostname !== 'string') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "hostname" argument must be of type string. Received ${typeof hostname}`)
  }
  const family = familyOf(options)
  const all = typeof options === 'object' && options?.all === true
  let found: LookupAddress[]
  const literal = isIP(hostname)
  if (literal !== 0) {
    found = family === 0 || family === literal ? [{ address: hostname, family: literal as 4 | 6 }] : []
  } else if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    found = [{ address: '127.0.0.1', family: 4 as const }, { address: '::1', family: 6 as const }].filter((a) => family === 0 || a.family === family)
  } else {
    throw new NotSupportedError(`dns.lookup('${hostname}') (idl/ has no dns capability; only IP literals and localhost resolve)`)
  }
  if (found.length === 0) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname })
  }
  return all ? found : found[0]
}

export default { lookup }
