// fs.watch: an FSWatcher (EventEmitter) fed by the host's `fswatch` events for this watcher's id. With
// `recursive` the host watches every directory below too and names changes relative to the watched one.
// The same class is the original's socket:fs/watcher Watcher (id, path, closed, start(), async iteration).
import EventEmitter from 'events/events.js'
import { onChange } from '../../../generated/js/fs.ts'
import { newId } from './descriptors.ts'
import { native, runAsync } from './ops.ts'
import { toPath } from './args.ts'
import { Buffer } from '../../modules/buffer.ts'
import type { BufferEncoding } from '../buffer-encoding.ts'

export interface WatchOptions { encoding?: BufferEncoding | 'buffer', persistent?: boolean, recursive?: boolean, signal?: AbortSignal }

interface Change { eventType: string, filename: string | Buffer }

function abortError (): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' })
}

export class FSWatcher extends EventEmitter {
  readonly #id = newId()
  readonly path: string
  readonly encoding: BufferEncoding | 'buffer'
  readonly persistent: boolean
  readonly recursive: boolean
  #unsubscribe: (() => void) | undefined
  #closed = false
  #started: Promise<void>

  constructor (path: string, options: WatchOptions = {}) {
    super()
    this.path = path
    this.encoding = options.encoding ?? 'utf8'
    this.persistent = options.persistent ?? true
    this.recursive = options.recursive === true
    this.#unsubscribe = onChange((detail: { id: unknown, path: string, kind: string }) => {
      if (this.#closed || detail.id !== this.#id) return
      const name = this.encoding === 'buffer' ? Buffer.from(detail.path) : detail.path
      this.emit('change', detail.kind, name)
    })
    this.#started = runAsync(native<void>({ method: 'watch', args: [this.#id, path, this.recursive], syscall: 'watch', path })).catch((error: Error) => {
      try {
        if (!this.#closed) this.emit('error', error)
      } finally {
        this.close()
      }
      throw error
    })
    this.#started.catch(() => {})
    // An already-aborted signal closes the watcher (as Node does, on the next tick), it never waits for 'abort'.
    if (options.signal?.aborted === true) queueMicrotask(() => this.close())
    else options.signal?.addEventListener('abort', () => this.close(), { once: true })
  }

  /** The host's 64-bit id for this watcher. */
  get id (): bigint { return this.#id }
  get closed (): boolean { return this.#closed }

  /** Resolves once the host watches the path; rejects with the errno error when it cannot (the original's start()). */
  async start (): Promise<void> {
    await this.#started
  }

  close (): void {
    if (this.#closed) return
    this.#closed = true
    this.#unsubscribe?.()
    runAsync(native({ method: 'stopWatch', args: [this.#id], syscall: 'watch' })).catch(() => {})
    queueMicrotask(() => this.emit('close'))
  }

  ref (): this { return this }
  unref (): this { return this }

  /** Changes as `{ eventType, filename }` until the watcher closes (ends) or fails (throws). */
  [Symbol.asyncIterator] (): AsyncGenerator<Change> {
    return changes(this)
  }
}

/**
 * The watcher's changes as an async iterator. It ends on 'close' and throws the 'error', whenever either
 * comes (waiting again after the watcher had closed or failed was a hang); `signal` makes it throw AbortError.
 */
async function * changes (watcher: FSWatcher, signal?: AbortSignal): AsyncGenerator<Change> {
  const queue: Change[] = []
  let wake: (() => void) | undefined
  let failure: Error | undefined
  let closed = watcher.closed
  const onChangeEvent = (eventType: string, filename: string | Buffer): void => { queue.push({ eventType, filename }); wake?.() }
  const onError = (error: Error): void => { failure = error; wake?.() }
  const onClose = (): void => { closed = true; wake?.() }
  watcher.on('change', onChangeEvent)
  watcher.on('error', onError)
  watcher.on('close', onClose)
  try {
    while (true) {
      if (signal?.aborted === true) throw abortError()
      if (failure !== undefined) throw failure
      const next = queue.shift()
      if (next !== undefined) {
        yield next
        continue
      }
      if (closed) return
      await new Promise<void>((resolve) => { wake = resolve })
      wake = undefined
    }
  } finally {
    watcher.off('change', onChangeEvent)
    watcher.off('error', onError)
    watcher.off('close', onClose)
    watcher.close()
  }
}

export function watch (path: unknown, options?: unknown, listener?: (event: string, filename: string | Buffer) => void): FSWatcher {
  if (typeof options === 'function') {
    listener = options as typeof listener
    options = {}
  }
  const opts = (typeof options === 'string' ? { encoding: options } : options ?? {}) as WatchOptions
  const watcher = new FSWatcher(toPath(path, 'filename'), opts)
  if (listener !== undefined) watcher.on('change', listener)
  return watcher
}

/** fs/promises watch: an async iterator of `{ eventType, filename }`; AbortError when `signal` aborts. */
export async function * watchAsync (path: unknown, options: WatchOptions = {}): AsyncGenerator<Change> {
  if (options.signal?.aborted === true) throw abortError()
  const watcher = watch(path, options)
  yield * changes(watcher, options.signal)
}
