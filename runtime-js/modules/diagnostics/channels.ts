// socket:diagnostics/channels — named publish/subscribe channels, Node's diagnostics_channel shape
// (channel, subscribe, unsubscribe, hasSubscribers, Channel) plus the original's registry and groups.

export type ChannelListener = (message: unknown, name: string | symbol) => void

export class Channel {
  readonly name: string | symbol
  readonly #subscribers = new Set<ChannelListener>()
  constructor (name: string | symbol) { this.name = name }

  get hasSubscribers (): boolean { return this.#subscribers.size > 0 }

  subscribe (listener: ChannelListener): this {
    if (typeof listener !== 'function') {
      throw Object.assign(new TypeError(`The "subscription" argument must be of type function. Received ${typeof listener}`), { code: 'ERR_INVALID_ARG_TYPE' })
    }
    this.#subscribers.add(listener)
    return this
  }

  unsubscribe (listener: ChannelListener): boolean { return this.#subscribers.delete(listener) }

  /** Delivers `message` to every subscriber, synchronously; a throwing subscriber is reported, not rethrown. */
  publish (message: unknown): boolean {
    for (const listener of [...this.#subscribers]) {
      try {
        listener(message, this.name)
      } catch (error) {
        queueMicrotask(() => { throw error })
      }
    }
    return this.#subscribers.size > 0
  }

  /** Runs `fn` with `store` bound (Node's bindStore/runStores shape without stores: it just calls fn). */
  runStores<R, A extends unknown[]> (message: unknown, fn: (...args: A) => R, thisArg?: unknown, ...args: A): R {
    this.publish(message)
    return fn.apply(thisArg, args)
  }
}

/** Several channels under one prefix: `group('window', ['fetch'])` holds `window.fetch`. */
export class ChannelGroup {
  readonly name: string
  readonly channels: Channel[]
  constructor (name: string, names: string[], registry: ChannelRegistry) {
    this.name = name
    this.channels = names.map((n) => registry.channel(`${name}.${n}`))
  }

  subscribe (listener: ChannelListener): this { for (const c of this.channels) c.subscribe(listener); return this }
  unsubscribe (listener: ChannelListener): boolean { return this.channels.map((c) => c.unsubscribe(listener)).some(Boolean) }
  get hasSubscribers (): boolean { return this.channels.some((c) => c.hasSubscribers) }
}

export class ChannelRegistry {
  readonly #channels = new Map<string | symbol, Channel>()
  channel (name: string | symbol): Channel {
    if (typeof name !== 'string' && typeof name !== 'symbol') {
      throw Object.assign(new TypeError(`The "channel" argument must be one of type string or symbol. Received ${typeof name}`), { code: 'ERR_INVALID_ARG_TYPE' })
    }
    let found = this.#channels.get(name)
    if (found === undefined) this.#channels.set(name, found = new Channel(name))
    return found
  }

  hasChannel (name: string | symbol): boolean { return this.#channels.has(name) }
  hasSubscribers (name: string | symbol): boolean { return this.#channels.get(name)?.hasSubscribers ?? false }
  subscribe (name: string | symbol, listener: ChannelListener): void { this.channel(name).subscribe(listener) }
  unsubscribe (name: string | symbol, listener: ChannelListener): boolean { return this.#channels.get(name)?.unsubscribe(listener) ?? false }
  group (name: string, names: string[]): ChannelGroup { return new ChannelGroup(name, names, this) }
}

export const registry = new ChannelRegistry()
export const channel = (name: string | symbol): Channel => registry.channel(name)
export const hasChannel = (name: string | symbol): boolean => registry.hasChannel(name)
export const hasSubscribers = (name: string | symbol): boolean => registry.hasSubscribers(name)
export const subscribe = (name: string | symbol, listener: ChannelListener): void => registry.subscribe(name, listener)
export const unsubscribe = (name: string | symbol, listener: ChannelListener): boolean => registry.unsubscribe(name, listener)
export const group = (name: string, names: string[]): ChannelGroup => registry.group(name, names)

export default registry
