// Node's http client over the webview's fetch: ClientRequest collects the body written to it and sends one
// fetch on end(); the response streams into an IncomingMessage (a Readable). Requests leave the socket:
// origin, so the server must allow it by CORS (Access-Control-Allow-Origin), as for any page's fetch.
// Unlike Node, redirects are followed (fetch cannot expose a 3xx response to a page).
import { Readable, Writable } from 'readable-stream'
import { Buffer } from 'buffer/index.js'
import { STATUS_CODES } from './codes.ts'
import type { BufferEncoding } from '../buffer-encoding.ts'

export interface RequestOptions {
  protocol?: string, host?: string, hostname?: string, port?: number | string, path?: string, method?: string,
  headers?: Record<string, string | number | string[]>, auth?: string, timeout?: number, signal?: AbortSignal,
  agent?: unknown, defaultPort?: number
}

export class IncomingMessage extends Readable {
  statusCode = 0
  statusMessage = ''
  httpVersion = '1.1'
  httpVersionMajor = 1
  httpVersionMinor = 1
  headers: Record<string, string> = {}
  rawHeaders: string[] = []
  trailers: Record<string, string> = {}
  rawTrailers: string[] = []
  url = ''
  method: string | null = null
  complete = false
  aborted = false
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined

  constructor (response?: Response) {
    super()
    if (response === undefined) return
    this.statusCode = response.status
    this.statusMessage = response.statusText !== '' ? response.statusText : (STATUS_CODES[response.status] ?? '')
    this.url = response.url
    response.headers.forEach((value, name) => {
      this.headers[name] = value
      this.rawHeaders.push(name, value)
    })
    this.#reader = response.body?.getReader()
  }

  _read (): void {
    if (this.#reader === undefined) { this.complete = true; this.push(null); return }
    this.#reader.read().then(({ done, value }) => {
      if (done) { this.complete = true; this.push(null) } else this.push(Buffer.from(value))
    }, (error: Error) => this.destroy(error))
  }

  setTimeout (_ms: number, callback?: () => void): this {
    if (callback !== undefined) this.once('timeout', callback)
    return this
  }
}

function invalidArg (name: string, value: unknown): TypeError {
  return Object.assign(new TypeError(`The "${name}" argument is invalid. Received ${String(value)}`), { code: 'ERR_INVALID_ARG_TYPE' })
}

export class ClientRequest extends Writable {
  method: string
  path: string
  host: string
  protocol: string
  reusedSocket = false
  aborted = false
  #headers = new Map<string, [string, string | string[]]>()
  #chunks: Buffer[] = []
  #controller = new AbortController()
  #timer: ReturnType<typeof setTimeout> | undefined
  #url: URL

  constructor (input: string | URL | RequestOptions, options?: RequestOptions | ((res: IncomingMessage) => void), callback?: (res: IncomingMessage) => void, defaultProtocol = 'http:') {
    // Not destroyed after 'finish': the fetch (and its abort signal) outlives the written body.
    super({ autoDestroy: false })
    if (typeof options === 'function') { callback = options; options = undefined }
    let opts: RequestOptions
    if (typeof input === 'string' || input instanceof URL) {
      const url = new URL(String(input))
      opts = { protocol: url.protocol, hostname: url.hostname, port: url.port, path: url.pathname + url.search, ...(url.username !== '' ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}), ...options }
    } else if (input !== null && typeof input === 'object') {
      opts = { ...input, ...options }
    } else {
      throw invalidArg('url', input)
    }
    this.protocol = opts.protocol ?? defaultProtocol
    if (this.protocol !== 'http:' && this.protocol !== 'https:') {
      throw Object.assign(new TypeError(`Protocol "${this.protocol}" not supported. Expected "${defaultProtocol}"`), { code: 'ERR_INVALID_PROTOCOL' })
    }
    this.method = (opts.method ?? 'GET').toUpperCase()
    if (!/^[A-Z!#$%&'*+.^_`|~0-9-]+$/.test(this.method)) throw Object.assign(new TypeError(`Method must be a valid HTTP token ["${this.method}"]`), { code: 'ERR_INVALID_HTTP_TOKEN' })
    this.path = opts.path ?? '/'
    const hostname = opts.hostname ?? opts.host?.replace(/:\d+$/, '') ?? 'localhost'
    this.host = hostname
    const port = opts.port !== undefined && opts.port !== '' ? `:${opts.port}` : ''
    this.#url = new URL(`${this.protocol}//${hostname.includes(':') ? `[${hostname}]` : hostname}${port}${this.path}`)
    for (const [name, value] of Object.entries(opts.headers ?? {})) this.setHeader(name, value)
    if (opts.auth !== undefined) this.setHeader('Authorization', 'Basic ' + btoa(opts.auth))
    if (callback !== undefined) this.once('response', callback)
    if (opts.signal !== undefined) opts.signal.addEventListener('abort', () => this.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' })), { once: true })
    if (opts.timeout !== undefined) this.setTimeout(opts.timeout)
  }

  setHeader (name: string, value: string | number | string[]): this {
    this.#headers.set(name.toLowerCase(), [name, Array.isArray(value) ? value.map(String) : String(value)])
    return this
  }

  getHeader (name: string): string | string[] | undefined { return this.#headers.get(name.toLowerCase())?.[1] }
  getHeaderNames (): string[] { return [...this.#headers.keys()] }
  getHeaders (): Record<string, string | string[]> { return Object.fromEntries([...this.#headers].map(([key, [, value]]) => [key, value])) }
  hasHeader (name: string): boolean { return this.#headers.has(name.toLowerCase()) }
  removeHeader (name: string): void { this.#headers.delete(name.toLowerCase()) }
  flushHeaders (): void {}
  setNoDelay (): void {}
  setSocketKeepAlive (): void {}

  setTimeout (ms: number, callback?: () => void): this {
    if (callback !== undefined) this.once('timeout', callback)
    clearTimeout(this.#timer)
    if (ms > 0) this.#timer = setTimeout(() => this.emit('timeout'), ms)
    return this
  }

  abort (): void {
    this.aborted = true
    this.destroy()
  }

  _write (chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk))
    callback()
  }

  _final (callback: (error?: Error | null) => void): void {
    callback()
    this.#send()
  }

  _destroy (error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.#timer)
    this.#controller.abort()
    callback(error)
  }

  #send (): void {
    const headers = new Headers()
    for (const [, [name, value]] of this.#headers) {
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
    }
    const body = this.#chunks.length > 0 && this.method !== 'GET' && this.method !== 'HEAD' ? Buffer.concat(this.#chunks) : undefined
    fetch(this.#url.href, { method: this.method, headers, body, mode: 'cors', signal: this.#controller.signal }).then((response) => {
      clearTimeout(this.#timer)
      const message = new IncomingMessage(response)
      message.method = this.method
      if (this.listenerCount('response') === 0) message.resume()
      this.emit('response', message)
    }, (error: Error) => {
      clearTimeout(this.#timer)
      if (this.destroyed) return
      // fetch says only "Load failed"/TypeError; Node code checks err.code, so name the usual cause.
      this.destroy(Object.assign(new Error(`request to ${this.#url.href} failed: ${error.message} (connection refused, or the server does not allow the app's origin by CORS)`), { code: 'ECONNREFUSED', cause: error }))
    }).catch((error: Error) => { if (!this.destroyed) this.destroy(error) })
  }
}

export class Agent {
  defaultPort: number
  protocol: string
  options: Record<string, unknown>
  keepAlive: boolean
  maxSockets: number
  maxFreeSockets: number
  requests: Record<string, unknown> = {}
  sockets: Record<string, unknown> = {}
  freeSockets: Record<string, unknown> = {}
  constructor (options: Record<string, any> = {}) {
    this.options = { ...options }
    this.keepAlive = options.keepAlive === true
    this.maxSockets = options.maxSockets ?? Infinity
    this.maxFreeSockets = options.maxFreeSockets ?? 256
    this.defaultPort = options.defaultPort ?? 80
    this.protocol = options.protocol ?? 'http:'
  }

  destroy (): void {}
}
