// socket:conduit — the original's WebSocket channel to the host. `conduit.start` (the host's conduit
// capability) starts a WebSocket server on 127.0.0.1 and gives this window a key; a `Conduit` connects to
// ws://127.0.0.1:<port>/<window index>/<id>?key=<key>. Each message is one binary frame in the original's
// encoding (options, then a payload of at most 65535 bytes); a frame whose `route` option names an IPC route
// is dispatched by the host like an ipc:// request (same permissions and checks) and answered with a frame
// carrying `route`, `seq`, `status`, `content-type` and the reply body. `request()` pairs the two by `seq`.
import { conduit as client } from '../../generated/js/conduit.ts'
import { runtimeArgs } from '../internal/args.ts'

export const DEFAULT_MAX_RECONNECT_RETRIES = 32
export const DEFAULT_MAX_RECONNECT_TIMEOUT = 256

export interface ConduitOptions { id?: bigint | string | number, sharedKey?: string }
export type ConduitFrameOptions = Record<string, string | number | boolean | bigint>
export interface ConduitMessage { options: Record<string, string>, payload: Uint8Array }

const encoder = new TextEncoder()
const decoder = new TextDecoder()
let active = false

/** The original's frame: u8 count; per option u8 key length, key, u16 value length, value; u16 payload length, payload. */
export function encodeMessage (options: ConduitFrameOptions, payload: Uint8Array = new Uint8Array(0)): Uint8Array<ArrayBuffer> {
  const entries = Object.entries(options).map(([key, value]) => [encoder.encode(key), encoder.encode(String(value))] as const)
  if (entries.length > 255) throw new RangeError('a conduit frame carries at most 255 options')
  if (payload.byteLength > 0xffff) throw new RangeError(`a conduit payload is at most 65535 bytes (got ${payload.byteLength})`)
  const size = 1 + entries.reduce((sum, [key, value]) => sum + 1 + key.byteLength + 2 + value.byteLength, 0) + 2 + payload.byteLength
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  let at = 0
  out[at++] = entries.length
  for (const [key, value] of entries) {
    if (key.byteLength > 255 || value.byteLength > 0xffff) throw new RangeError('a conduit option is too long')
    out[at++] = key.byteLength
    out.set(key, at); at += key.byteLength
    view.setUint16(at, value.byteLength); at += 2
    out.set(value, at); at += value.byteLength
  }
  view.setUint16(at, payload.byteLength); at += 2
  out.set(payload, at)
  return out
}

export function decodeMessage (data: ArrayBuffer | Uint8Array): ConduitMessage {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const need = (at: number, n: number): void => { if (at + n > bytes.byteLength) throw new RangeError('truncated conduit frame') }
  let at = 0
  need(at, 1)
  const count = bytes[at++]
  const options: Record<string, string> = {}
  for (let i = 0; i < count; i++) {
    need(at, 1)
    const keyLength = bytes[at++]
    need(at, keyLength + 2)
    const key = decoder.decode(bytes.subarray(at, at + keyLength)); at += keyLength
    const valueLength = view.getUint16(at); at += 2
    need(at, valueLength)
    options[key] = decoder.decode(bytes.subarray(at, at + valueLength)); at += valueLength
  }
  need(at, 2)
  const payloadLength = view.getUint16(at); at += 2
  need(at, payloadLength)
  return { options, payload: bytes.slice(at, at + payloadLength) }
}

export class Conduit extends EventTarget {
  static async status (): Promise<{ isActive: boolean, port: number }> {
    const status = await client.status()
    active = status.isActive
    return { isActive: status.isActive, port: status.port }
  }

  static isActive (): boolean { return active }

  /** Starts the host's server if needed; resolves once it listens. */
  static async waitForActiveState (): Promise<void> {
    await Conduit.start()
  }

  /** Not in the original: starts the server and answers where it listens and this window's key. */
  static async start (): Promise<{ isActive: boolean, port: number, hostname: string, sharedKey: string }> {
    const status = await client.start()
    active = status.isActive
    return status
  }

  readonly id: string
  #socket: WebSocket | undefined
  #seq = 0
  #pending = new Map<string, { resolve: (value: unknown) => void, reject: (error: Error) => void }>()
  #opened: Promise<void>
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null

  constructor (options: ConduitOptions = {}) {
    super()
    this.id = String(options.id ?? Math.floor(Math.random() * Number.MAX_SAFE_INTEGER))
    if (!/^\d+$/.test(this.id)) throw new TypeError('Conduit id must be a non-negative integer')
    this.#opened = this.connect()
    this.#opened.catch(() => {})
  }

  get isConnected (): boolean { return this.#socket?.readyState === WebSocket.OPEN }

  /** Connects (again); resolves when open, rejects when the host refuses. */
  async connect (): Promise<void> {
    const status = await client.start()
    active = status.isActive
    const url = `ws://${status.hostname}:${status.port}/${runtimeArgs().index}/${this.id}?key=${status.sharedKey}`
    const socket = new WebSocket(url)
    socket.binaryType = 'arraybuffer'
    this.#socket = socket
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', (event) => { this.onopen?.(event); this.dispatchEvent(new Event('open')); resolve() })
      socket.addEventListener('error', (event) => { this.onerror?.(event); this.dispatchEvent(new Event('error')); reject(new Error('conduit: the connection failed')) })
      socket.addEventListener('close', (event) => {
        for (const pending of this.#pending.values()) pending.reject(new Error(`conduit closed (${event.code} ${event.reason})`))
        this.#pending.clear()
        this.onclose?.(event)
        this.dispatchEvent(new CloseEvent('close', { code: event.code, reason: event.reason }))
        reject(new Error(`conduit closed (${event.code} ${event.reason})`))
      })
      socket.addEventListener('message', (event) => this.#receive(event.data as ArrayBuffer))
    })
  }

  #receive (data: ArrayBuffer): void {
    const message = decodeMessage(data)
    const pending = this.#pending.get(message.options.seq)
    if (pending !== undefined) {
      this.#pending.delete(message.options.seq)
      if (message.options['content-type'] !== 'application/json') {
        pending.resolve(message.payload)  // a binary reply (e.g. fs.read): the bytes themselves
      } else {
        const envelope = JSON.parse(decoder.decode(message.payload))
        if (envelope.err !== undefined) pending.reject(Object.assign(new Error(envelope.err.message), { name: envelope.err.type, code: envelope.err.code }))
        else pending.resolve(envelope.data)
      }
    }
    const event = new MessageEvent('message', { data: message })
    this.onmessage?.(event)
    this.dispatchEvent(new MessageEvent('message', { data: message }))
  }

  /** Calls `receive(handler)` for every frame (the original's shape). */
  receive (handler: (error: Error | null, message: ConduitMessage) => void): void {
    this.addEventListener('message', (event) => handler(null, (event as MessageEvent).data as ConduitMessage))
  }

  /** Sends one frame; false when not connected. */
  send (options: ConduitFrameOptions, payload?: Uint8Array): boolean {
    if (!this.isConnected) return false
    this.#socket!.send(encodeMessage(options, payload))
    return true
  }

  /** Calls an IPC route over the conduit; resolves with its data (or the raw bytes of a binary reply). */
  async request (route: string, params: ConduitFrameOptions = {}, payload?: Uint8Array): Promise<unknown> {
    await this.#opened
    const seq = `C${++this.#seq}`
    return await new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject })
      if (!this.send({ ...params, route, seq }, payload)) {
        this.#pending.delete(seq)
        reject(new Error('conduit: not connected'))
      }
    })
  }

  close (): void { this.#socket?.close() }
}

export default Conduit
