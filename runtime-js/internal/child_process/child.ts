// The ChildProcess of socket:child_process: an EventEmitter over one host child (route child_process.spawn),
// with stdin as a Writable (child_process.write) and stdout/stderr as Readables fed by the host's `data`
// events. The host sends `childprocessexit` only after both pipes are drained, so 'exit' follows all output.
import EventEmitter from 'events/events.js'
import { Readable, Writable } from '../../modules/stream.ts'
import { Buffer } from '../../modules/buffer.ts'
import { child_process as binding, onOutput, onExited, type ChildExit } from '../../../generated/js/child_process.ts'
import { newId } from '../fs/descriptors.ts'
import { signalConstants } from '../errno.ts'
import { codedError } from '../errors.ts'

const signals = signalConstants as Record<string, number>
const live = new Map<bigint, ChildProcess>()
let subscribed = false

// One pair of listeners for every child of this page, subscribed on the first spawn.
function subscribe (): void {
  if (subscribed) return
  subscribed = true
  onOutput((detail, bytes) => live.get(BigInt(detail.id))?.receive(detail.stream, bytes))
  onExited((detail) => live.get(BigInt(detail.id))?.ended(detail))
}

export function signalNumber (signal: string | number | undefined): number {
  if (signal === undefined) return signals.SIGTERM
  if (typeof signal === 'number' && Number.isInteger(signal) && signal >= 0 && signal < 65) return signal
  if (typeof signal === 'string' && typeof signals[signal] === 'number') return signals[signal]
  throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${String(signal)}`)
}

function signalName (number: number): string | null {
  if (number === 0) return null
  return Object.keys(signals).find((name) => signals[name] === number) ?? null
}

// The host's typed error as Node's: `spawn nosuch ENOENT`, code, errno, syscall, path, spawnargs.
function spawnError (error: unknown, file: string, args: string[]): Error {
  const wire = error as { name?: string, code?: string, errno?: number }
  if (wire?.name !== 'ErrnoError' || typeof wire.code !== 'string') return error as Error
  return Object.assign(new Error(`spawn ${file} ${wire.code}`), { errno: wire.errno, code: wire.code, syscall: `spawn ${file}`, path: file, spawnargs: args })
}

export interface SpawnOptions { cwd?: string | URL, env?: Record<string, string | undefined>, argv0?: string, signal?: AbortSignal, stdio?: unknown, shell?: boolean | string, timeout?: number }

export class ChildProcess extends EventEmitter {
  readonly #id = newId()
  readonly #ready: Promise<boolean>
  pid: number | undefined = undefined
  exitCode: number | null = null
  signalCode: string | null = null
  killed = false
  connected = false
  readonly spawnfile: string
  readonly spawnargs: string[]
  readonly stdout = new Readable({ read () {} })
  readonly stderr = new Readable({ read () {} })
  readonly stdin: Writable
  readonly stdio: [Writable, Readable, Readable]

  constructor (file: string, args: string[], options: SpawnOptions = {}) {
    super()
    this.spawnfile = file
    this.spawnargs = [file, ...args]
    const child = this
    // Writes wait for the spawn answer, so bytes never reach the host before the child exists.
    this.stdin = new Writable({
      write (chunk: Uint8Array, _encoding: string, callback: (error?: Error | null) => void) {
        child.#ready.then(async (ok) => { if (ok) await binding.write(child.#id, chunk) }).then(() => callback(), callback)
      },
      final (callback: (error?: Error | null) => void) {
        child.#ready.then(async (ok) => { if (ok) await binding.write(child.#id, new Uint8Array(0), true) }).then(() => callback(), callback)
      }
    })
    this.stdin.on('error', () => {})  // EPIPE after the child exited is not fatal, as in Node
    this.stdio = [this.stdin, this.stdout, this.stderr]
    subscribe()
    live.set(this.#id, this)
    const env = options.env === undefined ? [] : Object.entries(options.env).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`)
    // An explicitly empty env must not mean "inherit": pass one harmless entry instead.
    if (options.env !== undefined && env.length === 0) env.push('SOCKET_CHILD_EMPTY_ENV=1')
    const cwd = options.cwd === undefined ? '' : options.cwd instanceof URL ? decodeURIComponent(options.cwd.pathname) : String(options.cwd)
    this.#ready = binding.spawn(this.#id, this.spawnargs, cwd, env).then((result) => {
      this.pid = result.pid
      this.emit('spawn')
      return true
    }, (error: unknown) => {
      live.delete(this.#id)
      const failure = spawnError(error, file, this.spawnargs) as Error & { errno?: number }
      this.exitCode = typeof failure.errno === 'number' ? failure.errno : -1
      this.stdout.push(null)
      this.stderr.push(null)
      this.emit('error', failure)
      this.emit('close', this.exitCode, null)
      return false
    })
    if (options.signal) {
      const signal = options.signal
      const abort = (): void => { this.kill(); this.emit('error', Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' })) }
      if (signal.aborted) queueMicrotask(abort)
      else signal.addEventListener('abort', abort, { once: true })
    }
    if (options.timeout !== undefined && options.timeout > 0) {
      const timer = setTimeout(() => this.kill(), options.timeout)
      this.once('exit', () => clearTimeout(timer))
    }
  }

  /** Sends `signal` (default SIGTERM); false when the child has already ended. */
  kill (signal?: string | number): boolean {
    const number = signalNumber(signal)
    if (this.exitCode !== null || this.signalCode !== null) return false
    this.#ready.then(async (ok) => { if (ok) await binding.kill(this.#id, number) }).catch((error: Error) => this.emit('error', error))
    this.killed = true
    return true
  }

  ref (): this { return this }
  unref (): this { return this }

  /** @internal Output bytes from the host. */
  receive (stream: string, bytes: Uint8Array): void {
    // Events can overtake the spawn answer; chaining on #ready keeps Node's order ('spawn' first) and theirs.
    void this.#ready.then(() => (stream === 'stderr' ? this.stderr : this.stdout).push(Buffer.from(bytes)))
  }

  /** @internal The host's exit event: 'exit', then 'close' once flowing readers saw the end of both streams. */
  ended (detail: ChildExit): void {
    live.delete(this.#id)
    void this.#ready.then(() => this.finish(detail))
  }

  private finish (detail: ChildExit): void {
    this.exitCode = detail.code >= 0 ? detail.code : null
    this.signalCode = signalName(detail.signal)
    this.stdout.push(null)
    this.stderr.push(null)
    this.emit('exit', this.exitCode, this.signalCode)
    const drained = (stream: Readable): Promise<void> => new Promise((resolve) => {
      if (stream.readableEnded || stream.readableFlowing !== true) resolve()
      else stream.once('end', () => resolve())
    })
    void Promise.all([drained(this.stdout), drained(this.stderr)]).then(() => {
      setTimeout(() => this.emit('close', this.exitCode, this.signalCode), 0)
    })
  }
}
