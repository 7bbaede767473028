// socket:dns/promises — dns.lookup as a promise. IP literals are answered here; every name goes to the host's
// `dns.lookup` route (the system resolver: /etc/hosts, NSS, DNS), whose failures become Node-shaped errors
// (`getaddrinfo ENOTFOUND name`, code, errno, syscall, hostname).
import { isIP } from '../../internal/ip.ts'
import { codedError } from '../../internal/errors.ts'
import { dns } from '../../../generated/js/dns.ts'

export interface LookupOptions { family?: 0 | 4 | 6 | 'IPv4' | 'IPv6', all?: boolean, hints?: number, verbatim?: boolean, order?: string }
export interface LookupAddress { address: string, family: 4 | 6 }

function familyOf (options: LookupOptions | number | undefined): 0 | 4 | 6 {
  const family = typeof options === 'number' ? options : options?.family
  if (family === 'IPv4') return 4
  if (family === 'IPv6') return 6
  if (family === undefined || family === 0 || family === 4 || family === 6) return family ?? 0
  throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.family' must be one of: 0, 4, 6. Received ${String(family)}`)
}

function notFound (hostname: string): Error {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname })
}

// The host's typed error, reshaped as Node's plain Error with code/errno/syscall/hostname.
function resolverError (error: unknown, hostname: string): Error {
  const wire = error as { name?: string, code?: string, errno?: number, message?: string }
  if (wire?.name !== 'ErrnoError' || typeof wire.code !== 'string') return error as Error
  return Object.assign(new Error(`getaddrinfo ${wire.code} ${hostname}`), { code: wire.code, errno: wire.errno, syscall: 'getaddrinfo', hostname })
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
  } else {
    try {
      found = (await dns.lookup(hostname, family)).filter((a): a is LookupAddress => a.family === 4 || a.family === 6)
    } catch (error) {
      throw resolverError(error, hostname)
    }
  }
  if (found.length === 0) throw notFound(hostname)
  return all ? found : found[0]
}

export default { lookup }
