// socket:os — Node's os over the IDL's os capability (synchronous, as Node's is: a blocking call, cached
// for facts that cannot change), process priorities included, plus the original's extras (isWindows, host,
// rusage, hrtime, ...).
import constants from './os/constants.ts'
import { osCallSync, osSync } from '../internal/os-sync.ts'
import { hostArch, hostPlatform } from '../internal/host.ts'
import { runtimeArgs } from '../internal/args.ts'
import { validateInteger } from '../internal/errors.ts'
import { errnoMessage, errnoNumber } from '../internal/errno.ts'
import { ErrnoError } from '../ipc/index.ts'
import type { OsClient } from '../../generated/js/os.ts'
import { Buffer } from './buffer.ts'
import type { BufferEncoding } from '../internal/buffer-encoding.ts'

export { constants }
export const EOL = '\n'
export const devNull = '/dev/null'

export function arch (): string { return hostArch() }
export function platform (): string { return hostPlatform() }
export function machine (): string { return osSync('uname', { cache: true }).machine }
export function release (): string { return osSync('uname', { cache: true }).release }
export function version (): string { return osSync('uname', { cache: true }).version }
export function type (): string { return osSync('uname', { cache: true }).sysname }
export function endianness (): 'LE' | 'BE' { return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE' }
export function isWindows (): boolean { return platform() === 'win32' }
export function uname (): { sysname: string, release: string, version: string, machine: string } { return osSync('uname', { cache: true }) }
export function uptime (): number { return Number(osSync('uptime')) }
export function freemem (): number { return Number(osSync('availableMemory')) }
export function totalmem (): number { return Number(osSync('totalMemory', { cache: true })) }
export function hostname (): string { return osSync('hostname') }
export function loadavg (): number[] { return osSync('loadavg') }
export function availableMemory (): number { return freemem() }
/**
 * The host's CPU count (Node's counts the CPUs the process may run on; the host lists them all). Not
 * navigator.hardwareConcurrency: WebKit reports a rounded figure (4 on a 2-CPU machine).
 */
export function availableParallelism (): number { return Math.max(1, cpus().length) }
export function rusage (): { userCPUTime: number, systemCPUTime: number, maxRSS: number } { return osSync('rusage') }
/** A monotonic clock in nanoseconds (the host's), as the original's os.hrtime(). */
export function hrtime (): bigint { return osSync('hrtime') }

export function cpus (): Array<{ model: string, speed: number, times: { user: number, nice: number, sys: number, idle: number, irq: number } }> {
  return osSync('cpus')
}

export function networkInterfaces (): Record<string, Array<{ address: string, netmask: string, family: string, mac: string, internal: boolean, cidr: string | null, scopeid?: number }>> {
  const interfaces = osSync('networkInterfaces')
  // Node lists scopeid only for IPv6 addresses.
  for (const list of Object.values(interfaces)) {
    for (const entry of list as Array<{ family: string, scopeid?: number }>) if (entry.family === 'IPv4') delete entry.scopeid
  }
  return interfaces as ReturnType<typeof networkInterfaces>
}

function paths (): Record<string, string> {
  return osSync('paths', { cache: true })
}

export function homedir (): string {
  return runtimeArgs().env.HOME ?? paths().home ?? '/'
}

/** Node's tmpdir: $TMPDIR, $TMP or $TEMP without a trailing slash, else the host's, else /tmp. */
export function tmpdir (): string {
  const env = runtimeArgs().env
  const dir = env.TMPDIR ?? env.TMP ?? env.TEMP ?? paths().tmp ?? '/tmp'
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir
}

/** The original's os.host(): the runtime's origin host (the bundle id). */
export function host (): string {
  return globalThis.location?.host ?? ''
}

interface UserInfo<T> { uid: number, gid: number, username: T, homedir: T, shell: T | null }

/**
 * Node's os.userInfo(): the account the host runs as, from the password database (homedir is the recorded
 * one, not $HOME). With `{ encoding: 'buffer' }` the strings are Buffers, as in Node.
 */
export function userInfo (options?: { encoding?: BufferEncoding | 'buffer' }): UserInfo<string | Buffer> {
  // As Node, options that are not an object are ignored.
  const encoding = (options !== null && typeof options === 'object' ? options.encoding : undefined) ?? 'utf8'
  const info = osSync('userInfo')
  const convert = (text: string): string | Buffer => encoding === 'buffer' ? Buffer.from(text) : Buffer.from(text).toString(encoding)
  // Node's result has a null prototype.
  return Object.assign(Object.create(null) as UserInfo<string | Buffer>, {
    uid: info.uid, gid: info.gid, username: convert(info.username), homedir: convert(info.homedir), shell: info.shell === null || info.shell === undefined ? null : convert(info.shell)
  })
}

const INT32_MIN = -2147483648, INT32_MAX = 2147483647

/** Node's ERR_SYSTEM_ERROR for a failed libuv call (`uv_os_getpriority returned ESRCH (no such process)`). */
function systemError (error: unknown, syscall: string): unknown {
  const code = (error as { code?: unknown })?.code
  if (!(error instanceof ErrnoError) || typeof code !== 'string') return error
  const info = { errno: -errnoNumber(code), code, message: errnoMessage(code), syscall }
  return Object.assign(new Error(`A system error occurred: ${syscall} returned ${code} (${info.message})`), {
    name: 'SystemError', code: 'ERR_SYSTEM_ERROR', info, errno: info.errno, syscall
  })
}

function prioritySync<T> (route: string, syscall: string, invoke: (client: OsClient) => Promise<T>): T {
  try {
    return osCallSync(route, invoke)
  } catch (error) {
    throw systemError(error, syscall)
  }
}

/** Node's os.getPriority([pid]): the nice value of `pid` (0, the default, is the runtime itself). */
export function getPriority (pid?: number): number {
  const target = pid === undefined ? 0 : validateInteger(pid, 'pid', INT32_MIN, INT32_MAX)
  return prioritySync('os.getPriority', 'uv_os_getpriority', async (client) => await client.getPriority(target))
}

/** Node's os.setPriority([pid,] priority): with one argument it sets the runtime's own. */
export function setPriority (pid: number, priority?: number): void {
  if (priority === undefined) {
    priority = pid
    pid = 0
  }
  const target = validateInteger(pid, 'pid', INT32_MIN, INT32_MAX)
  const value = validateInteger(priority, 'priority', -20, 19)
  prioritySync('os.setPriority', 'uv_os_setpriority', async (client) => await client.setPriority(target, value))
}

export default {
  EOL, devNull, constants, arch, platform, machine, release, version, type, endianness, isWindows, uname, uptime,
  freemem, availableMemory, availableParallelism, rusage, hrtime, cpus, networkInterfaces, homedir, tmpdir, host,
  hostname, totalmem, loadavg, userInfo, getPriority, setPriority
}
