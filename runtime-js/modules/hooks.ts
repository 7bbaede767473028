// socket:hooks — the original's app lifecycle hooks. Each `onX(callback)` returns a function that removes
// the callback. `init`, `load` and `ready` happen once: a callback added after the fact still runs (on the
// next microtask). The others forward the global events of the same name (`error` also hears
// `unhandledrejection` and `messageerror`; `data` is what a `[linux] cmd` backend sends as event `data`).
// `applicationurl` comes from the host's preload (deep links on the command line, window 0);
// `applicationpause`, `applicationresume`, `notificationpresented` and `permissionchange` are never
// dispatched by the Linux host (docs/modules.md): listening is harmless.

export const RUNTIME_INIT_EVENT_NAME = '__runtime_init__'

/** Global events each hook forwards. */
export const GLOBAL_EVENTS = Object.freeze({
  error: ['error', 'unhandledrejection', 'messageerror'],
  data: ['data'],
  message: ['message'],
  online: ['online'],
  offline: ['offline'],
  languagechange: ['languagechange'],
  permissionchange: ['permissionchange'],
  notificationresponse: ['notificationresponse'],
  notificationpresented: ['notificationpresented'],
  applicationurl: ['applicationurl'],
  applicationpause: ['applicationpause'],
  applicationresume: ['applicationresume']
} as const)

type OnceName = 'init' | 'load' | 'ready'
type HookName = OnceName | keyof typeof GLOBAL_EVENTS
type Callback = (event: Event) => void

export class Hooks extends EventTarget {
  readonly #happened = new Map<OnceName, Event>()
  readonly #forwarding = new Set<string>()

  constructor () {
    super()
    queueMicrotask(() => {
      this.#once('init')
      if (typeof document === 'undefined' || document.readyState === 'complete') {
        this.#once('load')
        this.#once('ready')
      } else {
        globalThis.addEventListener('load', () => { this.#once('load'); this.#once('ready') }, { once: true })
      }
    })
  }

  get isRuntimeInitialized (): boolean { return this.#happened.has('init') }
  get isGlobalLoaded (): boolean { return this.#happened.has('load') }
  get isDocumentReady (): boolean { return typeof document === 'undefined' || document.readyState === 'complete' }
  get isGlobalReady (): boolean { return this.#happened.has('ready') }

  #once (name: OnceName): void {
    if (this.#happened.has(name)) return
    const event = new Event(name)
    this.#happened.set(name, event)
    this.dispatchEvent(event)
  }

  #forward (name: keyof typeof GLOBAL_EVENTS): void {
    if (this.#forwarding.has(name)) return
    this.#forwarding.add(name)
    for (const type of GLOBAL_EVENTS[name]) {
      globalThis.addEventListener?.(type, (event: Event) => {
        const copy = new CustomEvent(name, { detail: (event as CustomEvent).detail ?? (event as MessageEvent).data ?? (event as ErrorEvent).error ?? (event as PromiseRejectionEvent).reason })
        Object.defineProperty(copy, 'sourceEvent', { value: event })
        this.dispatchEvent(copy)
      })
    }
  }

  /** Adds `callback` for `name`; returns the function that removes it. */
  on (name: HookName, callback: Callback): () => void {
    if (typeof callback !== 'function') throw new TypeError(`hooks.on('${name}'): callback must be a function`)
    const listener = (event: Event): void => { callback(event) }
    if (name === 'init' || name === 'load' || name === 'ready') {
      const happened = this.#happened.get(name)
      if (happened !== undefined) {
        let removed = false
        queueMicrotask(() => { if (!removed) callback(happened) })
        return () => { removed = true }
      }
      this.addEventListener(name, listener, { once: true })
    } else {
      if (!(name in GLOBAL_EVENTS)) throw new TypeError(`hooks: unknown hook "${String(name)}"`)
      this.#forward(name)
      this.addEventListener(name, listener)
    }
    return () => this.removeEventListener(name, listener)
  }

  /** Resolves with the event when `name` next happens (at once for init/load/ready that already did). */
  async wait (name: HookName): Promise<Event> {
    return await new Promise((resolve) => { const off = this.on(name, (event) => { off(); resolve(event) }) })
  }

  onInit (callback: Callback): () => void { return this.on('init', callback) }
  onLoad (callback: Callback): () => void { return this.on('load', callback) }
  onReady (callback: Callback): () => void { return this.on('ready', callback) }
  onError (callback: Callback): () => void { return this.on('error', callback) }
  onData (callback: Callback): () => void { return this.on('data', callback) }
  onMessage (callback: Callback): () => void { return this.on('message', callback) }
  onOnline (callback: Callback): () => void { return this.on('online', callback) }
  onOffline (callback: Callback): () => void { return this.on('offline', callback) }
  onLanguageChange (callback: Callback): () => void { return this.on('languagechange', callback) }
  onPermissionChange (callback: Callback): () => void { return this.on('permissionchange', callback) }
  onNotificationResponse (callback: Callback): () => void { return this.on('notificationresponse', callback) }
  onNotificationPresented (callback: Callback): () => void { return this.on('notificationpresented', callback) }
  onApplicationURL (callback: Callback): () => void { return this.on('applicationurl', callback) }
  onApplicationPause (callback: Callback): () => void { return this.on('applicationpause', callback) }
  onApplicationResume (callback: Callback): () => void { return this.on('applicationresume', callback) }
}

export const hooks = new Hooks()

export const wait = (name: HookName): Promise<Event> => hooks.wait(name)
export const onInit = (callback: Callback): (() => void) => hooks.onInit(callback)
export const onLoad = (callback: Callback): (() => void) => hooks.onLoad(callback)
export const onReady = (callback: Callback): (() => void) => hooks.onReady(callback)
export const onError = (callback: Callback): (() => void) => hooks.onError(callback)
export const onData = (callback: Callback): (() => void) => hooks.onData(callback)
export const onMessage = (callback: Callback): (() => void) => hooks.onMessage(callback)
export const onOnline = (callback: Callback): (() => void) => hooks.onOnline(callback)
export const onOffline = (callback: Callback): (() => void) => hooks.onOffline(callback)
export const onLanguageChange = (callback: Callback): (() => void) => hooks.onLanguageChange(callback)
export const onPermissionChange = (callback: Callback): (() => void) => hooks.onPermissionChange(callback)
export const onNotificationResponse = (callback: Callback): (() => void) => hooks.onNotificationResponse(callback)
export const onNotificationPresented = (callback: Callback): (() => void) => hooks.onNotificationPresented(callback)
export const onApplicationURL = (callback: Callback): (() => void) => hooks.onApplicationURL(callback)
export const onApplicationPause = (callback: Callback): (() => void) => hooks.onApplicationPause(callback)
export const onApplicationResume = (callback: Callback): (() => void) => hooks.onApplicationResume(callback)

export default hooks
