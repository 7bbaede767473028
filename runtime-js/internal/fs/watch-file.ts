// fs.watchFile/unwatchFile: stat polling in JS over the ordinary stat route, with libuv's uv_fs_poll rules
// as Node exposes them. One StatWatcher (one timer) per resolved path, shared by all its listeners.
import EventEmitter from 'events/events.js'
import { posix } from '../path/posix.ts'
import { runAsync } from './ops.ts'
import { stat } from './operations.ts'
import { BigIntStats, Stats } from './stats.ts'
import { toPath } from './args.ts'
import { invalidArgType, validateInteger } from '../errors.ts'
import { errnoNumber } from '../errno.ts'

type AnyStats = Stats | BigIntStats
export type StatListener = (curr: AnyStats, prev: AnyStats) => void
export interface WatchFileOptions { interval?: number, persistent?: boolean, bigint?: boolean }

// What uv_fs_poll compares: a change in any of these is a change (atime, read by every read, is not).
const compared = ['ctimeMs', 'mtimeMs', 'birthtimeMs', 'size', 'mode', 'uid', 'gid', 'ino', 'dev'] as const

function same (a: AnyStats, b: AnyStats): boolean {
  return compared.every((field) => a[field] === b[field])
}

/** Node's validateUint32 for `interval`. */
function toInterval (value: unknown): number {
  return validateInteger(value, 'interval', 0, 4294967295)
}

export class StatWatcher extends EventEmitter {
  readonly #bigint: boolean
  #path = ''
  #interval = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  #running = false
  // uv_fs_poll's state: 0 before the first stat, 1 after a good one, else the failing stat's (negative) errno.
  #status = 0
  #last: AnyStats
  // Node's own first-call filter (kOldStatus): -1 until the first report.
  #reported = -1

  constructor (bigint: boolean) {
    super()
    this.#bigint = bigint
    this.#last = this.#zero()
  }

  /** Starts polling `path` every `interval` ms; the first stat only sets the baseline (or reports a failure). */
  start (path: string, interval: number): void {
    if (this.#running) return
    this.#path = path
    this.#interval = toInterval(interval)
    this.#running = true
    void this.#poll()
  }

  /** Stops polling and emits 'stop' once. */
  stop (): void {
    if (!this.#running) return
    this.#running = false
    clearTimeout(this.#timer)
    queueMicrotask(() => this.emit('stop'))
  }

  // A page has no event loop to keep alive: persistent and ref/unref change nothing here.
  ref (): this { return this }
  unref (): this { return this }

  #zero (): AnyStats {
    return this.#bigint ? BigIntStats.from({}) : Stats.from({})
  }

  async #poll (): Promise<void> {
    const started = Date.now()
    let current: AnyStats | undefined
    let failure = 0
    try {
      current = await runAsync(stat(this.#path, { bigint: this.#bigint }))
    } catch (error) {
      const code = (error as { code?: unknown }).code
      failure = typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? -errnoNumber(code) : -errnoNumber('EIO')
    }
    if (!this.#running) return
    if (current === undefined) {
      // A failure is reported once per distinct errno, with zeroed stats as `curr`.
      if (this.#status !== failure) this.#report(failure, this.#zero(), this.#last)
      this.#status = failure
    } else {
      if (this.#status < 0 || (this.#status === 1 && !same(this.#last, current))) this.#report(0, current, this.#last)
      this.#last = current
      this.#status = 1
    }
    if (!this.#running) return
    // As libuv: the next poll keeps to the interval's grid, however long this stat took.
    const interval = Math.max(this.#interval, 1)
    this.#timer = setTimeout(() => { void this.#poll() }, interval - ((Date.now() - started) % interval))
  }

  #report (status: number, curr: AnyStats, prev: AnyStats): void {
    if (this.#reported === -1 && status === -1 && curr.nlink === prev.nlink) return
    this.#reported = status
    this.emit('change', curr, prev)
  }
}

const watchers = new Map<string, StatWatcher>()

export function watchFile (filename: unknown, options?: unknown, listener?: unknown): StatWatcher {
  const path = posix.resolve(toPath(filename, 'filename'))
  if (options === null || typeof options !== 'object') {
    listener = options
    options = null
  }
  const opts: WatchFileOptions = { interval: 5007, persistent: true, ...(options as WatchFileOptions | null) }
  if (typeof listener !== 'function') throw invalidArgType('listener', 'of type function', listener)
  let watcher = watchers.get(path)
  if (watcher === undefined) {
    watcher = new StatWatcher(opts.bigint === true)
    watcher.start(path, opts.interval as number)
    watchers.set(path, watcher)
  }
  watcher.addListener('change', listener as StatListener)
  return watcher
}

export function unwatchFile (filename: unknown, listener?: unknown): void {
  const path = posix.resolve(toPath(filename, 'filename'))
  const watcher = watchers.get(path)
  if (watcher === undefined) return
  if (typeof listener === 'function') watcher.removeListener('change', listener as StatListener)
  else watcher.removeAllListeners('change')
  if (watcher.listenerCount('change') === 0) {
    watcher.stop()
    watchers.delete(path)
  }
}
