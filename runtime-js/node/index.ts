// Helper for a Node backend (`[linux] cmd = "node backend.js"`): receive the window's
// `window.send({backend: true, event, value})` as events, send events into windows, and have console output
// and the exit status reach the app through the newline-delimited ipc:// protocol on stdio.
import { EventEmitter } from 'node:events'
import { formatLine, LineSplitter, parseLine, type IpcLine } from './protocol.ts'

export { formatLine, parseLine, LineSplitter }
export type { IpcLine }

/** The original warns above this size per message: big payloads belong in files, not on a pipe. */
export const MAX_MESSAGE_BYTES = 512 * 1024

export interface SendOptions {
  event: string
  value?: unknown
  /** Target window index; -1 (the default) sends to every window. `window` is accepted as an alias. */
  index?: number
  window?: number
}

export interface BackendOptions {
  input?: NodeJS.ReadableStream
  output?: NodeJS.WritableStream
  /** Route this process's stdout/stderr writes (console.log…) through `ipc://stdout`/`ipc://stderr`. */
  captureOutput?: boolean
}

/**
 * The runtime, seen from the backend. Events: one per `event` name the window sends (listener gets the parsed
 * JSON value), `ipc` for every line ({name, params}), `text` for stdin lines that are not ipc://, `close` when
 * the runtime closes stdin.
 */
export class Backend extends EventEmitter {
  private readonly output: NodeJS.WritableStream
  private readonly rawWrite: (chunk: string) => boolean

  constructor (options: BackendOptions = {}) {
    super()
    const input = options.input ?? process.stdin
    this.output = options.output ?? process.stdout
    const out = this.output as NodeJS.WritableStream & { write: (chunk: string) => boolean }
    this.rawWrite = out.write.bind(out)
    if (options.captureOutput ?? (options.output === undefined)) this.captureProcessOutput()

    const lines = new LineSplitter()
    input.setEncoding?.('utf8')
    input.on('data', (chunk: string | Buffer) => {
      for (const line of lines.push(String(chunk))) this.receive(line)
    })
    input.on('end', () => {
      for (const line of lines.flush()) this.receive(line)
      this.emit('close')
    })
  }

  /** Emits `event` with `value` (JSON) into window `index`, or every window. */
  send ({ event, value = null, index, window }: SendOptions): void {
    if (typeof event !== 'string' || event === '') throw new TypeError('backend.send: "event" must be a non-empty string')
    const target = index ?? window ?? -1
    if (!Number.isInteger(target)) throw new TypeError(`backend.send: "index" must be an integer, got ${String(target)}`)
    this.writeLine(formatLine('send', { event, index: target, value: JSON.stringify(value) ?? 'null' }))
  }

  /** Resolves a pending `send` of the window (`seq`), successfully (`state` 0) or as an error (1). */
  resolve (seq: string, value: unknown, state: 0 | 1 = 0): void {
    this.writeLine(formatLine('resolve', { seq, state, value: JSON.stringify(value) ?? 'null' }))
  }

  /** Tells the app this backend is about to exit with `code` (a `process-exit` event in every window). */
  exiting (code: number): void {
    this.writeLine(formatLine('process.exit', { value: code }))
  }

  private writeLine (line: string): void {
    if (line.length > MAX_MESSAGE_BYTES) {
      process.emitWarning(`backend message of ${line.length} bytes exceeds ${MAX_MESSAGE_BYTES}; prefer files for bulk data`)
    }
    this.rawWrite(line + '\n')
  }

  private receive (line: string): void {
    if (line.trim() === '') return
    if (line.length > MAX_MESSAGE_BYTES) {
      process.emitWarning(`message from the runtime of ${line.length} bytes exceeds ${MAX_MESSAGE_BYTES}`)
    }
    const message = parseLine(line)
    if (message === null) {
      this.emit('text', line)
      return
    }
    this.emit('ipc', message)
    const event = message.params.get('event')
    if (message.name === 'process.write' && event !== undefined) {
      const raw = message.params.get('value') ?? 'null'
      let value: unknown = raw
      try { value = JSON.parse(raw) } catch {}
      // `ipc` and `text`, `close` are this class's own events; a window event by those names still arrives.
      this.emit(event, value, message)
    }
  }

  /** Every write to process.stdout/stderr becomes one `ipc://stdout|stderr?value=` line. */
  private captureProcessOutput (): void {
    for (const [stream, name] of [[process.stdout, 'stdout'], [process.stderr, 'stderr']] as const) {
      // Both travel on stdout, as in the original helper; raw stderr stays for crashes Node prints itself.
      const write = this.rawWrite
      stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
        const ok = write(formatLine(name, { value: text.replace(/\n$/, '') }) + '\n')
        const done = typeof encoding === 'function' ? encoding : callback
        if (typeof done === 'function') process.nextTick(done as () => void)
        return ok
      }) as typeof stream.write
    }
    process.once('exit', (code) => this.exiting(code))
  }
}

let shared: Backend | undefined

/** The backend of this process, created on first use (stdin/stdout, output captured). */
export function backend (): Backend {
  shared ??= new Backend()
  return shared
}

export default backend
