// Node's socket option calls (multicast, broadcast, TTL) are synchronous and throw at once; the host's udp
// routes are async. Each call here sends the generated request through the blocking path (sync-call.ts) and
// turns a failure into Node's `setTTL EINVAL`-style ErrnoException (code, errno, syscall).
import { createUdpClient, type UdpClient } from '../../../generated/js/udp.ts'
import { capturingClient, runSync } from '../sync-call.ts'
import { invalidArgType } from '../errors.ts'
import { socketError } from './errors.ts'

let client: UdpClient | undefined

/** Runs one udp option route synchronously; `syscall` is Node's name for it in errors. */
export function socketOption (syscall: string, call: (client: UdpClient) => Promise<unknown>): void {
  client ??= createUdpClient(capturingClient())
  const c = client
  try {
    runSync(`udp.${syscall}`, () => call(c))
  } catch (error) {
    throw socketError(error, syscall)
  }
}

/** The host's socket buffer size (`which` 1 receive, 0 send), set first when `size` > 0, synchronously as Node's. */
export function bufferSizeSync (id: bigint, size: number, which: 0 | 1): number {
  client ??= createUdpClient(capturingClient())
  const c = client
  const answer = runSync('udp.bufferSize', () => c.bufferSize(id, size, which)) as { size: number }
  return answer.size
}

/** Node's validateNumber for a TTL; the value then goes to native as a C int, as Node's binding does. */
export function toTtl (ttl: unknown): number {
  if (typeof ttl !== 'number') throw invalidArgType('ttl', 'of type number', ttl)
  return ttl | 0
}

/** Node's ERR_MISSING_ARGS for add/dropMembership without a group. */
export function missingGroup (): TypeError {
  return Object.assign(new TypeError('The "multicastAddress" argument must be specified'), { code: 'ERR_MISSING_ARGS' })
}
