// socket:process — a Node-like `process` for the webview: argv/env from the preload's __args, platform
// facts from the host, `exit` through application.exit, and an EventEmitter for 'exit' and signals.
import EventEmitter from 'events/events.js'
import { runtimeArgs } from '../internal/args.ts'
import { osSync } from '../internal/os-sync.ts'
import { hostArch, hostCwd, hostPlatform, hostVersion, requestExit } from '../internal/host.ts'
import { codedError, invalidArgType, validateInteger } from '../internal/errors.ts'

const origin = performance.now()
const NS_PER_MS = 1_000_000n

function hrtime (previous?: [number, number]): [number, number] {
  // Node's checks: an Array of exactly two numbers, or nothing.
  if (previous !== undefined) {
    if (!Array.isArray(previous)) throw invalidArgType('time', 'an instance of Array', previous)
    if (previous.length !== 2) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "time" is out of range. It must be 2. Received ${previous.length}`)
  }
  const now = hrtimeBigint()
  const seconds = Number(now / 1_000_000_000n)
  const nanos = Number(now % 1_000_000_000n)
  if (previous === undefined) return [seconds, nanos]
  let ds = seconds - previous[0]
  let dn = nanos - previous[1]
  if (dn < 0) { ds -= 1; dn += 1e9 }
  return [ds, dn]
}

function hrtimeBigint (): bigint {
  // performance.now() has microsecond resolution at best in the webview; scale it to nanoseconds.
  const ms = performance.timeOrigin + performance.now()
  return BigInt(Math.floor(ms)) * NS_PER_MS + BigInt(Math.round((ms % 1) * 1e6))
}
hrtime.bigint = hrtimeBigint

interface MemoryUsage { rss: number, heapTotal: number, heapUsed: number, external: number, arrayBuffers: number }

class RuntimeProcess extends EventEmitter {
  readonly title = 'socket'
  readonly browser = false
  readonly hrtime = hrtime
  exitCode: number | undefined = undefined

  get argv (): string[] { return runtimeArgs().argv }
  get argv0 (): string { return this.argv[0] ?? 'socket' }
  get env (): Record<string, string> { return envObject }
  get platform (): string { return hostPlatform() }
  get arch (): string { return hostArch() }
  get version (): string { return hostVersion() }
  get versions (): Record<string, string> { return { socket: hostVersion() } }
  get config (): Record<string, unknown> { return runtimeArgs().config }
  get debug (): boolean { return runtimeArgs().debug }

  cwd (): string { return hostCwd() }
  uptime (): number { return (performance.now() - origin) / 1000 }

  nextTick<A extends unknown[]> (callback: (...args: A) => void, ...args: A): void {
    // Checked now, as Node does, rather than failing later as an uncaught error in the microtask.
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback)
    queueMicrotask(() => callback(...args))
  }

  /**
   * `rss` is the host process's peak resident size (getrusage), the nearest fact the host reports; the heap
   * figures come from `performance.memory` where the engine has it (WebKit does not: they are 0 there).
   */
  readonly memoryUsage = Object.assign((): MemoryUsage => this.#memoryUsage(), {
    /** Node's process.memoryUsage.rss(): the resident size alone. */
    rss: (): number => this.resourceUsage().maxRSS * 1024
  })

  #memoryUsage (): MemoryUsage {
    const memory = (performance as { memory?: { totalJSHeapSize: number, usedJSHeapSize: number } }).memory
    return { rss: this.resourceUsage().maxRSS * 1024, heapTotal: memory?.totalJSHeapSize ?? 0, heapUsed: memory?.usedJSHeapSize ?? 0, external: 0, arrayBuffers: 0 }
  }

  /** Node's process.resourceUsage(), from the host's getrusage: CPU times in microseconds, maxRSS in KiB. */
  resourceUsage (): { userCPUTime: number, systemCPUTime: number, maxRSS: number } {
    return osSync('rusage')
  }

  /** Ends the app with `code` (emits 'exit' first, as Node does). */
  exit (code?: number | string | null): void {
    // Node's validateExitCode: nothing, an integer, or a string holding one; checked before 'exit' is emitted.
    if (code !== undefined && code !== null && !(typeof code === 'string' && code !== '' && Number.isInteger(+code))) {
      validateInteger(code, 'code', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    }
    const status = code === undefined || code === null ? this.exitCode ?? 0 : Number(code)
    this.emit('exit', status)
    requestExit(status)
  }
}

/**
 * env is a copy, so apps can write to it as in Node without touching the frozen __args.env; as Node's, it
 * stores every value as a string (`env.N = 1` reads back '1').
 */
const envObject: Record<string, string> = new Proxy({ ...runtimeArgs().env }, {
  set (target, key, value) {
    if (typeof key === 'symbol') return Reflect.set(target, key, value)
    target[key] = String(value)
    return true
  },
  defineProperty (target, key, descriptor) {
    if (typeof key === 'symbol' || !('value' in descriptor)) return Reflect.defineProperty(target, key, descriptor)
    target[key] = String(descriptor.value)
    return true
  }
})

const process = new RuntimeProcess()
export default process
// `version` is left off the named exports: it costs a host round trip, so it is read on use.
export const { argv, env, platform, arch } = process
export const cwd = (): string => process.cwd()
export const exit = (code?: number | string | null): void => process.exit(code)
export const nextTick = process.nextTick.bind(process)
export { hrtime }
export const uptime = (): number => process.uptime()
export const memoryUsage = process.memoryUsage
