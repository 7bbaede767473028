// socket:ipc — the low-level IPC of the original (send, sendSync, request, write, Message, Result,
// primordials, createBinding), as a thin layer over runtime-js/ipc (the wire) and a sync XHR for sendSync.
// Like the original, these never throw for a failed call: the error is in `result.err`.
import { defaultClient, type Params } from '../ipc/index.ts'
import { callSync } from '../internal/ipc-sync.ts'
import { toParams } from '../internal/ipc-params.ts'
import { runtimeArgs } from '../internal/args.ts'
import { hostPrimordials, type Primordials } from '../internal/host.ts'

export const OK = 0
export const ERROR = 1
export const TIMEOUT = 32_000

/** A call's outcome: `{ id, err, data, source, headers }`, also readable as `[err, data, source, headers]`. */
export class Result {
  readonly id: string | null
  readonly err: Error | null
  readonly data: unknown
  readonly source: string | null
  readonly headers: Headers

  constructor (id: string | null, err: Error | null, data?: unknown, source?: string | null, headers?: Headers) {
    this.id = id
    this.err = err
    this.data = data ?? null
    this.source = source ?? null
    this.headers = headers ?? new Headers()
  }

  get 0 (): Error | null { return this.err }
  get 1 (): unknown { return this.data }
  get 2 (): string | null { return this.source }
  get 3 (): Headers { return this.headers }
  get length (): number { return 4 }

  * [Symbol.iterator] (): Generator<unknown> {
    yield this.err
    yield this.data
    yield this.source
    yield this.headers
  }

  static from (value: unknown, error?: Error | null, source?: string | null): Result {
    if (value instanceof Result) return value
    if (value instanceof Error) return new Result(null, value, null, source)
    const envelope = (value !== null && typeof value === 'object' ? value : { data: value }) as { id?: string, err?: Error, data?: unknown, source?: string }
    return new Result(envelope.id ?? null, error ?? envelope.err ?? null, envelope.data, source ?? envelope.source ?? null)
  }

  toJSON (): Record<string, unknown> {
    return { id: this.id, err: this.err === null ? null : { name: this.err.name, message: this.err.message, code: (this.err as { code?: string }).code }, data: this.data, source: this.source }
  }
}

/** A parsed `ipc://command?…` URI, as the original's Message: command, seq, index, value and params. */
export class Message extends URL {
  static from (input: string | URL | { command: string, params?: Record<string, unknown> }): Message {
    if (typeof input === 'string' || input instanceof URL) return new Message(String(input))
    const uri = new URL(`ipc://${input.command}`)
    for (const [key, value] of toParams(input.params ?? {})) if (value !== undefined) uri.searchParams.set(key, value)
    return new Message(uri.href)
  }

  static isValidInput (input: unknown): boolean {
    return typeof input === 'string' && /^ipc:\/\/[^?\s]+/.test(input)
  }

  constructor (input: string) {
    super(input)
    if (this.protocol !== 'ipc:') throw new TypeError(`Invalid protocol in IPC message: ${this.protocol}`)
  }

  get command (): string { return this.hostname }
  get name (): string { return this.hostname }
  get seq (): string | null { return this.searchParams.get('seq') }
  get index (): number { return Number(this.searchParams.get('index') ?? -1) }
  get id (): string | null { return this.searchParams.get('id') }
  get value (): unknown { return this.get('value') }
  get params (): Record<string, unknown> { return Object.fromEntries([...this.searchParams.keys()].map((key) => [key, this.get(key)])) }

  has (key: string): boolean { return this.searchParams.has(key) }
  set (key: string, value: unknown): void { this.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value)) }
  delete (key: string): void { this.searchParams.delete(key) }

  /** A parameter, JSON-decoded when it is JSON (numbers, booleans, objects), else the string. */
  get (key: string, fallback?: unknown): unknown {
    const raw = this.searchParams.get(key)
    if (raw === null) return fallback
    try { return JSON.parse(raw) } catch { return raw }
  }
}

export interface SendOptions { bytes?: Uint8Array | ArrayBuffer, signal?: AbortSignal }

function body (bytes: Uint8Array | ArrayBuffer | ArrayBufferView | undefined): Uint8Array | undefined {
  if (bytes === undefined) return undefined
  if (bytes instanceof Uint8Array) return bytes
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes)
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

async function call (command: string, params: Params, binary: boolean, bytes?: Uint8Array, signal?: AbortSignal): Promise<Result> {
  try {
    const data = await defaultClient().call(command, params, { body: bytes, binary, signal })
    return new Result(null, null, data, command)
  } catch (error) {
    return new Result(null, error as Error, null, command)
  }
}

/** Asynchronous call; resolves with a Result (never rejects for a failed call). */
export async function send (command: string, value?: unknown, options: SendOptions = {}): Promise<Result> {
  return await call(command, toParams(value), false, body(options.bytes), options.signal)
}

/** Synchronous call through a blocking XHR (use sparingly: it blocks the page). */
export function sendSync (command: string, value?: unknown, options: { bytes?: Uint8Array | ArrayBuffer } = {}): Result {
  try {
    return new Result(null, null, callSync(command, toParams(value), { body: body(options.bytes) }), command)
  } catch (error) {
    return new Result(null, error as Error, null, command)
  }
}

/** Asynchronous call whose reply may be raw bytes (`responseType: 'arraybuffer'` gives an ArrayBuffer). */
export async function request (command: string, value?: unknown, options: { responseType?: string, signal?: AbortSignal } = {}): Promise<Result> {
  const binary = options.responseType === 'arraybuffer'
  const result = await call(command, toParams(value), binary, undefined, options.signal)
  if (binary && result.data instanceof Uint8Array) {
    const bytes = result.data
    return new Result(result.id, result.err, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), result.source)
  }
  return result
}

/** Asynchronous call carrying a binary body (POST). */
export async function write (command: string, value: unknown, buffer: Uint8Array | ArrayBuffer | ArrayBufferView, options: { signal?: AbortSignal } = {}): Promise<Result> {
  return await call(command, toParams(value), false, body(buffer), options.signal)
}

/** Dispatches a CustomEvent on globalThis, as native events arrive. */
export function emit (name: string, value?: unknown, target: EventTarget = globalThis as unknown as EventTarget): void {
  target.dispatchEvent(new CustomEvent(name, { detail: value }))
}

/** Resolves once the preload has run (immediately in a host window); rejects after 10 s, as the original. */
export async function ready (): Promise<void> {
  const started = Date.now()
  while ((globalThis as { __args?: unknown }).__args === undefined) {
    if (Date.now() - started > 10_000) throw new Error('socket:ipc: the runtime preload (__args) never appeared')
    await new Promise((resolve) => setTimeout(resolve, 16))
  }
}

/** `createBinding('fs').open({...})` is `send('fs.open', {...})`. */
export function createBinding (domain: string): Record<string, (value?: unknown, options?: SendOptions) => Promise<Result>> {
  return new Proxy({}, {
    get: (_target, name) => typeof name === 'string' ? (value?: unknown, options?: SendOptions) => send(`${domain}.${name}`, value, options) : undefined
  })
}

export let debug = runtimeArgs().debug

/** The webview's Headers plus the original's `Headers.from`: a Headers, an object, [name, value] pairs or `"Name: value"` lines. */
class IpcHeaders extends globalThis.Headers {
  static from (input: unknown): IpcHeaders {
    if (input instanceof globalThis.Headers) return new IpcHeaders(input)
    if (typeof input === 'string') {
      return new IpcHeaders(input.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.includes(':'))
        .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()] as [string, string]))
    }
    if (Array.isArray(input)) return new IpcHeaders(input as Array<[string, string]>)
    if (input !== null && typeof input === 'object') return new IpcHeaders(Object.entries(input).map(([k, v]) => [k, String(v)]))
    return new IpcHeaders()
  }

  toJSON (): Record<string, string> { return Object.fromEntries(this.entries()) }
}
export { IpcHeaders as Headers }

/** The number in a request sequence id (`'R12'` or `'12'` -> 12; NaN when there is none). */
export function parseSeq (seq: unknown): number {
  const match = /^R?(\d+)$/.exec(String(seq))
  return match === null ? NaN : Number(match[1])
}

/**
 * Answers a request the host or a backend is waiting on: dispatches `resolve-<window index>-<seq>` with
 * `value` as its detail, the event name the host uses for a backend's `resolve` lines (docs/host.md).
 */
export async function resolve (seq: string | number, value?: unknown): Promise<void> {
  emit(`resolve-${runtimeArgs().index}-${String(seq)}`, value)
}

/** `{ arch, cwd, platform, version }` from the host, frozen: one sync call when socket:ipc loads, as the original. */
export const primordials: Readonly<Primordials> = hostPrimordials()

export default { OK, ERROR, TIMEOUT, Result, Message, Headers: IpcHeaders, send, sendSync, request, write, emit, resolve, ready, createBinding, parseSeq, primordials, debug }
