// socket:dgram — Node's UDP sockets (createSocket, Socket as an EventEmitter) over the IDL's udp capability
// (generated/js/udp.ts): datagrams arrive as the host's `data` events, filtered by this socket's id.
import EventEmitter from 'events/events.js'
import { udp, onDatagram, type SocketAddress } from '../../generated/js/udp.ts'
import { Buffer } from './buffer.ts'
import { newId } from '../internal/fs/descriptors.ts'
import { codedError, errnoException, invalidArgType, NotSupportedError, validateInteger } from '../internal/errors.ts'
import {
  alreadyBound, badBufferSize, badType, bufferSizeError, isConnected, notConnected, notRunning, socketError, validatePort
} from '../internal/dgram/errors.ts'
import { bufferSizeSync, missingGroup, socketOption, toTtl } from '../internal/dgram/options.ts'
import { isIP } from '../internal/ip.ts'
import { lookup } from './dns/promises.ts'

export type SocketType = 'udp4' | 'udp6'
/** Node's `lookup` option: dns.lookup's shape, called with (hostname, 4 or 6, callback). */
export type LookupFunction = (hostname: string, family: 4 | 6, callback: (error: Error | null, address?: string, family?: number) => void) => void
export interface SocketOptions { type: SocketType, reuseAddr?: boolean, ipv6Only?: boolean, recvBufferSize?: number, sendBufferSize?: number, signal?: AbortSignal, lookup?: LookupFunction }
export interface RemoteInfo { address: string, family: 'IPv4' | 'IPv6', port: number, size: number }
export interface AddressInfo { address: string, family: string, port: number }
type MessageInput = string | ArrayBufferView | ArrayBuffer | ReadonlyArray<string | ArrayBufferView>
type SendCallback = (error: Error | null, bytes?: number) => void

const enum State { Unbound, Binding, Bound, Closed }

export class Socket extends EventEmitter {
  readonly type: SocketType
  readonly #id = newId()
  readonly #reuseAddr: boolean
  readonly #customLookup: LookupFunction | undefined
  /** The options' buffer sizes, applied once bound (as Node applies them). */
  readonly #initialSizes: { recv?: number, send?: number } = {}
  #state = State.Unbound
  #local: SocketAddress | undefined
  #remote: SocketAddress | undefined
  #connecting = false
  #unsubscribe: (() => void) | undefined
  #ready: Promise<void> | undefined
  /** Sends waiting for the socket to bind; a close() meanwhile waits for them. */
  readonly #waitingSends = new Set<Promise<unknown>>()
  #closeQueued = false

  constructor (options: SocketType | SocketOptions, listener?: (msg: Buffer, rinfo: RemoteInfo) => void) {
    super()
    const type = typeof options === 'string' ? options : options?.type
    if (type !== 'udp4' && type !== 'udp6') throw badType()
    this.type = type
    this.#reuseAddr = typeof options === 'object' && options.reuseAddr === true
    const custom = typeof options === 'object' ? options.lookup : undefined
    if (custom !== undefined && typeof custom !== 'function') throw invalidArgType('options.lookup', 'of type function', custom)
    this.#customLookup = custom
    if (typeof options === 'object') {
      if (options.recvBufferSize !== undefined) this.#initialSizes.recv = validateInteger(options.recvBufferSize, 'options.recvBufferSize', 0, 0xffffffff)
      if (options.sendBufferSize !== undefined) this.#initialSizes.send = validateInteger(options.sendBufferSize, 'options.sendBufferSize', 0, 0xffffffff)
    }
    if (listener !== undefined) this.on('message', listener)
    if (typeof options === 'object') options.signal?.addEventListener('abort', () => { if (this.#state !== State.Closed) this.close() }, { once: true })
  }

  /** bind([port][, address][, callback]) | bind({ port, address, exclusive }[, callback]) */
  bind (port?: number | { port?: number, address?: string, exclusive?: boolean, fd?: number } | (() => void), address?: string | (() => void), callback?: () => void): this {
    if (this.#state === State.Closed) throw notRunning()
    if (this.#state !== State.Unbound) throw alreadyBound()
    if (typeof port === 'function') { callback = port; port = undefined }
    if (typeof address === 'function') { callback = address; address = undefined }
    let host = address
    let number: number
    if (port !== null && typeof port === 'object') {
      if (port.fd !== undefined) throw new NotSupportedError('dgram Socket.bind({ fd })')
      host = port.address
      number = validatePort(port.port ?? 0)
    } else {
      number = validatePort(port ?? 0)
    }
    if (host !== undefined && typeof host !== 'string') throw invalidArgType('address', 'of type string', host)
    if (callback !== undefined) this.once('listening', callback)
    this.#state = State.Binding
    const bindAddress = host ?? (this.type === 'udp6' ? '::' : '0.0.0.0')
    this.#ready = this.#bindNative(number, bindAddress)
    return this
  }

  async #bindNative (port: number, address: string): Promise<void> {
    try {
      this.#unsubscribe = onDatagram((detail, bytes) => {
        if (BigInt(detail.id) !== this.#id || this.#state !== State.Bound) return
        const rinfo: RemoteInfo = { address: detail.address, family: detail.address.includes(':') ? 'IPv6' : 'IPv4', port: detail.port, size: bytes.byteLength }
        this.emit('message', Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), rinfo)
      })
      const numeric = await this.#lookup(address)
      try {
        this.#local = await udp.bind(this.#id, port, numeric, this.#reuseAddr)
      } catch (error) {
        throw socketError(error, 'bind', numeric, port)
      }
      if (this.#state === State.Closed) return
      if (this.#initialSizes.recv) await udp.bufferSize(this.#id, this.#initialSizes.recv, 1)
      if (this.#initialSizes.send) await udp.bufferSize(this.#id, this.#initialSizes.send, 0)
      await udp.readStart(this.#id)
      this.#state = State.Bound
      this.emit('listening')
    } catch (error) {
      this.#unsubscribe?.()
      this.#unsubscribe = undefined
      if (this.#state === State.Closed) return
      this.#state = State.Unbound
      this.emit('error', error)
    }
  }

  /** The address to give the host for `host`: itself when numeric, else the system resolver's answer of this socket's family (Node's dns.lookup; its ENOTFOUND errors as they are). */
  async #lookup (host: string): Promise<string> {
    const family = this.type === 'udp6' ? 6 : 4
    // A `lookup` option is asked about every address, numeric ones too, as Node asks it.
    const custom = this.#customLookup
    if (custom !== undefined) {
      return await new Promise((resolve, reject) => custom(host, family, (error, address) => error ? reject(error) : resolve(String(address))))
    }
    if (isIP(host) !== 0) return host
    const found = await lookup(host, family)
    return (Array.isArray(found) ? found[0] : found).address
  }

  /** Binds to an ephemeral port when needed (Node sends from an unbound socket the same way). */
  async #ensureBound (): Promise<void> {
    if (this.#state === State.Unbound) this.bind(0)
    await this.#ready
    if (this.#state !== State.Bound) throw notRunning()
  }

  connect (port: number, address?: string | (() => void), callback?: () => void): void {
    const number = validatePort(port, 'Port', false)
    if (typeof address === 'function') { callback = address; address = undefined }
    if (this.#state === State.Closed) throw notRunning()
    if (this.#remote !== undefined || this.#connecting) throw isConnected()
    if (callback !== undefined) this.once('connect', callback)
    this.#connecting = true
    const host = address ?? (this.type === 'udp6' ? '::1' : '127.0.0.1')
    this.#ensureBound().then(async () => {
      const numeric = await this.#lookup(host)
      try {
        this.#remote = await udp.connect(this.#id, number, numeric)
      } catch (error) {
        throw socketError(error, 'connect', numeric, number)
      }
      this.#connecting = false
      this.emit('connect')
    }).catch((error: unknown) => {
      this.#connecting = false
      // As Node: a failed connect goes to the callback when one was given, else to 'error'.
      if (callback === undefined) return this.emit('error', error)
      this.off('connect', callback)
      ;(callback as (error: unknown) => void)(error)
    })
  }

  disconnect (): void {
    // Node checks the connection first: a closed socket that was never connected is "Not connected".
    if (this.#remote === undefined) throw notConnected()
    if (this.#state === State.Closed) throw notRunning()
    this.#remote = undefined
    void udp.disconnect(this.#id).catch((error: unknown) => this.emit('error', socketError(error, 'disconnect')))
  }

  /** send(msg[, offset, length][, port][, address][, callback]), as Node parses it. */
  send (msg: MessageInput, ...rest: unknown[]): void {
    let [offset, length, port, address, callback] = rest as [unknown, unknown, unknown, unknown, unknown]
    let data = toBytes(msg)
    const connected = this.#remote !== undefined
    if (!connected) {
      if ((address !== undefined && address !== null) || (port !== undefined && port !== null && typeof port !== 'function')) {
        data = slice(data, offset, length)
      } else {
        callback = port
        port = offset
        address = length
      }
    } else {
      if (typeof length === 'number') {
        data = slice(data, offset, length)
        if (typeof port === 'function') { callback = port; port = null }
      } else {
        callback = offset
      }
      if ((port !== undefined && port !== null) || (address !== undefined && address !== null)) throw isConnected()
    }
    if (this.#state === State.Closed || this.#closeQueued) throw notRunning()
    const portNumber = connected ? 0 : validatePort(port, 'Port', false)
    if (typeof address === 'function') { callback = address; address = undefined }
    if (address !== undefined && address !== null && typeof address !== 'string') throw invalidArgType('address', 'of type string', address)
    // Like Node, a non-function in the callback slot (e.g. a port given to a connected socket) is ignored.
    if (typeof callback !== 'function') callback = undefined
    const host = connected ? '' : (address as string | undefined) ?? (this.type === 'udp6' ? '::1' : '127.0.0.1')
    const done = callback as SendCallback | undefined
    const sent = this.#ensureBound().then(async () => {
      const numeric = connected ? host : await this.#lookup(host)
      try {
        return await udp.send(this.#id, data, portNumber, numeric)
      } catch (error) {
        throw socketError(error, 'send', numeric || undefined, portNumber || undefined)
      }
    }).then((result) => {
      done?.(null, result.bytes)
    }, (error: unknown) => {
      if (done !== undefined) done(error as Error)
      else this.emit('error', error)
    })
    if (this.#state !== State.Bound) {
      this.#waitingSends.add(sent)
      void sent.finally(() => this.#waitingSends.delete(sent))
    }
  }

  close (callback?: () => void): this {
    if (this.#closeQueued) {
      if (callback !== undefined) this.once('close', callback)
      return this
    }
    if (this.#state === State.Closed) throw notRunning()
    if (callback !== undefined) this.once('close', callback)
    // As Node queues close() behind sends that wait for the socket to bind, the close waits for them (they
    // are handed to the host first), and the socket still emits 'listening'.
    if (this.#state === State.Binding && this.#waitingSends.size > 0) {
      this.#closeQueued = true
      void (this.#ready ?? Promise.resolve()).then(() => Promise.all(this.#waitingSends)).then(() => this.#closeNow())
      return this
    }
    this.#closeNow()
    return this
  }

  #closeNow (): void {
    this.#closeQueued = false
    if (this.#state === State.Closed) return
    const wasOpen = this.#state !== State.Unbound
    this.#state = State.Closed
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    const closed = wasOpen ? (this.#ready ?? Promise.resolve()).then(() => udp.close(this.#id)).catch(() => {}) : Promise.resolve()
    void closed.then(() => this.emit('close'))
  }

  address (): AddressInfo {
    if (this.#state === State.Closed) throw notRunning()
    // Node asks the OS (getsockname) even before bind, and reports its EBADF.
    if (this.#state !== State.Bound || this.#local === undefined) throw errnoException('EBADF', { syscall: 'getsockname' })
    return { address: this.#local.address, family: this.#local.family, port: this.#local.port }
  }

  remoteAddress (): AddressInfo {
    if (this.#state === State.Closed) throw notRunning()
    if (this.#remote === undefined) throw notConnected()
    return { address: this.#remote.address, family: this.#remote.family, port: this.#remote.port }
  }

  ref (): this { return this }
  unref (): this { return this }

  // Buffer sizes, synchronous as Node's (a blocking call); the kernel reports twice what was set.
  getRecvBufferSize (): number { return this.#bufferSize(0, 1) }
  getSendBufferSize (): number { return this.#bufferSize(0, 0) }
  setRecvBufferSize (size: number): void { this.#bufferSize(size, 1) }
  setSendBufferSize (size: number): void { this.#bufferSize(size, 0) }

  /** Node's bufferSize(): `size` 0 reads, more sets. */
  #bufferSize (size: unknown, which: 0 | 1): number {
    if (typeof size !== 'number' || size >>> 0 !== size) throw badBufferSize()
    this.#checkOpen()
    const syscall = which === 1 ? 'uv_recv_buffer_size' : 'uv_send_buffer_size'
    if (this.#state !== State.Bound) throw bufferSizeError('EBADF', syscall)
    try {
      return bufferSizeSync(this.#id, size, which)
    } catch (error) {
      const code = (error as { code?: unknown })?.code
      throw typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? bufferSizeError(code, syscall) : error
    }
  }

  // Socket options, synchronous as in Node. They act on the host's socket, which exists once bound (or after
  // a first send): before that they throw EBADF, as Node's setMulticastTTL/Loopback/Interface do (Node's
  // setBroadcast, setTTL and addMembership instead work on an unbound socket, binding it for addMembership).
  setBroadcast (flag: boolean): void {
    this.#checkOpen()
    socketOption('setBroadcast', (c) => c.setBroadcast(this.#id, Boolean(flag)))
  }

  setTTL (ttl: number): number {
    const value = toTtl(ttl)
    this.#checkOpen()
    socketOption('setTTL', (c) => c.setTTL(this.#id, value))
    return ttl
  }

  setMulticastTTL (ttl: number): number {
    const value = toTtl(ttl)
    this.#checkOpen()
    socketOption('setMulticastTTL', (c) => c.setMulticastTTL(this.#id, value))
    return ttl
  }

  setMulticastLoopback<T> (flag: T): T {
    this.#checkOpen()
    socketOption('setMulticastLoopback', (c) => c.setMulticastLoopback(this.#id, Boolean(flag)))
    return flag
  }

  setMulticastInterface (interfaceAddress: string): void {
    this.#checkOpen()
    if (typeof interfaceAddress !== 'string') throw invalidArgType('interfaceAddress', 'of type string', interfaceAddress)
    socketOption('setMulticastInterface', (c) => c.setMulticastInterface(this.#id, interfaceAddress))
  }

  addMembership (multicastAddress: string, interfaceAddress?: string): void {
    this.#membership('addMembership', multicastAddress, interfaceAddress)
  }

  dropMembership (multicastAddress: string, interfaceAddress?: string): void {
    this.#membership('dropMembership', multicastAddress, interfaceAddress)
  }

  #membership (syscall: 'addMembership' | 'dropMembership', group: unknown, iface: unknown): void {
    this.#checkOpen()
    if (!(group as boolean)) throw missingGroup()
    const where = iface === undefined || iface === null ? '' : String(iface)
    socketOption(syscall, (c) => c[syscall](this.#id, String(group), where))
  }

  #checkOpen (): void {
    if (this.#state === State.Closed) throw notRunning()
  }
}

function toBytes (msg: MessageInput): Uint8Array {
  if (typeof msg === 'string') return Buffer.from(msg)
  if (msg instanceof ArrayBuffer) return new Uint8Array(msg)
  if (ArrayBuffer.isView(msg)) return new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength)
  if (Array.isArray(msg)) return Buffer.concat(msg.map((part) => toBytes(part as string | ArrayBufferView)))
  throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', msg)
}

function slice (data: Uint8Array, offset: unknown, length: unknown): Uint8Array {
  const start = typeof offset === 'number' ? offset : 0
  const count = typeof length === 'number' ? length : data.byteLength - start
  if (start < 0 || start > data.byteLength) throw codedError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds')
  if (count < 0 || start + count > data.byteLength) throw codedError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"length" is outside of buffer bounds')
  return data.subarray(start, start + count)
}

export function createSocket (options: SocketType | SocketOptions, listener?: (msg: Buffer, rinfo: RemoteInfo) => void): Socket {
  return new Socket(options, listener)
}

export default { createSocket, Socket }
