// socket:bootstrap — downloads a file to disk and checks its hash, as the original's bootstrap helper:
// `bootstrap({ url, dest, hash })` returns an EventEmitter that emits `progress` ({ loaded, total }),
// `done` (the dest path) or `error` (a failed download, a wrong hash: nothing is written then).
import EventEmitter from './events.ts'
import { writeFile } from './fs/promises.ts'
import { createHash } from './crypto.ts'

export interface BootstrapOptions { url: string, dest: string, hash?: string, algorithm?: string }

export class Bootstrap extends EventEmitter {
  readonly options: BootstrapOptions
  constructor (options: BootstrapOptions) {
    super()
    if (options === null || typeof options !== 'object') throw Object.assign(new TypeError('The "options" argument must be of type object'), { code: 'ERR_INVALID_ARG_TYPE' })
    for (const key of ['url', 'dest'] as const) {
      if (typeof options[key] !== 'string' || options[key] === '') throw Object.assign(new TypeError(`options.${key} must be a non-empty string`), { code: 'ERR_INVALID_ARG_VALUE' })
    }
    this.options = options
  }

  /** Downloads, verifies, writes; resolves with the written path. Rejects (and emits `error`) on failure. */
  async run (): Promise<string> {
    try {
      const bytes = await this.download()
      if (this.options.hash !== undefined) {
        const actual = createHash(this.options.algorithm ?? 'sha512').update(bytes).digest('hex')
        if (actual !== this.options.hash.toLowerCase()) throw Object.assign(new Error(`bootstrap: ${this.options.algorithm ?? 'sha512'} of ${this.options.url} is ${actual}, expected ${this.options.hash}`), { code: 'ERR_HASH_MISMATCH' })
      }
      await writeFile(this.options.dest, bytes)
      this.emit('done', this.options.dest)
      return this.options.dest
    } catch (error) {
      if (this.listenerCount('error') > 0) this.emit('error', error)
      throw error
    }
  }

  async download (): Promise<Uint8Array> {
    const response = await fetch(this.options.url)
    if (!response.ok) throw Object.assign(new Error(`bootstrap: GET ${this.options.url} answered ${response.status}`), { code: 'ERR_HTTP_STATUS', status: response.status })
    const total = Number(response.headers.get('content-length') ?? 0)
    const chunks: Uint8Array[] = []
    let loaded = 0
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      loaded += value.byteLength
      this.emit('progress', { loaded, total })
    }
    const bytes = new Uint8Array(loaded)
    let offset = 0
    for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.byteLength }
    return bytes
  }
}

/** Starts a bootstrap at once; listen on the returned emitter or await its `.run()` promise via `.done`. */
export function bootstrap (options: BootstrapOptions): Bootstrap & { done: Promise<string> } {
  const task = new Bootstrap(options) as Bootstrap & { done: Promise<string> }
  task.done = task.run()
  task.done.catch(() => {})
  return task
}

export default bootstrap
