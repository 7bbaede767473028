// fs.watch: an FSWatcher (EventEmitter) fed by the host's `fswatch` events for this watcher's id. With
// `recursive` the host watches every directory below too and names changes relative to the watched one.
import EventEmitter from 'events/events.js'
import { onChange } from '../../../generated/js/fs.ts'
import { newId } from './descriptors.ts'
import { native, runAsync } from './ops.ts'
import { toPath } from './args.ts'
import { Buffer } from '../../modules/buffer.ts'
import type { BufferEncoding } from '../buffer-encoding.ts'

export interface WatchOptions { encoding?: BufferEncoding | 'buffer', persistent?: boolean, recursive?: boolean, signal?: AbortSignal }

export class FSWatcher extends EventEmitter {
  readonly #id = newId()
  #unsubscribe: (() => void) | undefined
  #closed = false

  constructor (path: string, options: WatchOptions) {
    super()
    this.#unsubscribe = onChange((detail: { id: unknown, path: string, kind: string }) => {
      if (this.#closed || detail.id !== this.#id) return
      const name = options.encoding === 'buffer' ? Buffer.from(detail.path) : detail.path
      this.emit('change', detail.kind, name)
    })
    runAsync(native({ method: 'watch', args: [this.#id, path, options.recursive === true], syscall: 'watch', path })).catch((error: Error) => {
      this.emit('error', error)
      this.close()
    })
    options.signal?.addEventListener('abort', () => this.close(), { once: true })
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

/** fs/promises watch: an async iterator of `{ eventType, filename }`. */
export async function * watchAsync (path: unknown, options: WatchOptions = {}): AsyncGenerator<{ eventType: string, filename: string | Buffer }> {
  const watcher = watch(path, options)
  const queue: Array<{ eventType: string, filename: string | Buffer }> = []
  let wake: (() => void) | undefined
  let failure: Error | undefined
  watcher.on('change', (eventType: string, filename: string | Buffer) => { queue.push({ eventType, filename }); wake?.() })
  watcher.on('error', (error: Error) => { failure = error; wake?.() })
  watcher.on('close', () => wake?.())
  try {
    while (true) {
      if (queue.length === 0) await new Promise<void>((resolve) => { wake = resolve })
      if (failure !== undefined) throw failure
      if (options.signal?.aborted === true) {
        throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' })
      }
      const next = queue.shift()
      if (next === undefined) continue
      yield next
    }
  } finally {
    watcher.close()
  }
}
