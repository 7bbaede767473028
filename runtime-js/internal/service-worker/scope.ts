// The ServiceWorkerGlobalScope emulation, run first in each service worker's dedicated Web Worker (built into
// the classic script socket/service-worker/scope.js; the host serves the worker at the app's script URL plus
// `?socket-service-worker`, so relative URLs and `self.location` resolve as for the script), which then loads
// the app's script into it. Control messages from the container carry `__socketServiceWorker` and never reach
// the app's `message` listeners; the app's install/activate/fetch/message listeners are wrapped so that a
// listener that throws is reported, not lost in the worker's console.
export function serviceWorkerScope (): void {
  const scope = self as any
  const CONTROL = '__socketServiceWorker'
  const TYPES = ['install', 'activate', 'fetch', 'message']
  const wrapped = new WeakMap<object, Map<string, EventListener>>()
  const add = EventTarget.prototype.addEventListener
  const remove = EventTarget.prototype.removeEventListener
  const post = (message: Record<string, unknown>, transfer: Transferable[] = []): void => {
    scope.postMessage({ [CONTROL]: true, ...message }, transfer)
  }
  const describe = (error: any): string => error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const notSupported = (what: string): Error => {
    const error = new Error(`${what} is not supported by the runtime's service workers on Linux`)
    error.name = 'NotSupportedError'
    return error
  }

  class ExtendableEvent extends Event {
    constructor (type: string, init?: EventInit) {
      super(type, init)
      Object.defineProperty(this, '_pending', { value: [] })
      Object.defineProperty(this, '_errors', { value: [] })
    }

    waitUntil (promise: unknown): void { (this as any)._pending.push(Promise.resolve(promise)) }
  }
  class FetchEvent extends ExtendableEvent {
    constructor (type: string, init: { request: Request, clientId?: string }) {
      super(type, { cancelable: true })
      Object.defineProperty(this, 'request', { value: init.request, enumerable: true })
      Object.defineProperty(this, 'clientId', { value: init.clientId ?? '', enumerable: true })
      Object.defineProperty(this, 'resultingClientId', { value: '', enumerable: true })
      Object.defineProperty(this, 'preloadResponse', { value: Promise.resolve(undefined), enumerable: true })
      Object.defineProperty(this, '_response', { value: undefined, writable: true })
    }

    respondWith (response: Response | Promise<Response>): void {
      const self = this as any
      if (self._response !== undefined) throw new DOMException('respondWith() was already called', 'InvalidStateError')
      self._response = Promise.resolve(response)
      this.stopImmediatePropagation()
    }
  }
  class ExtendableMessageEvent extends ExtendableEvent {
    constructor (type: string, init: { data?: unknown, origin?: string } = {}) {
      super(type)
      Object.defineProperty(this, 'data', { value: init.data, enumerable: true })
      Object.defineProperty(this, 'origin', { value: init.origin ?? '', enumerable: true })
      Object.defineProperty(this, 'lastEventId', { value: '', enumerable: true })
      Object.defineProperty(this, 'source', { value: null, enumerable: true })
      Object.defineProperty(this, 'ports', { value: [], enumerable: true })
    }
  }
  scope.ExtendableEvent = ExtendableEvent
  scope.FetchEvent = FetchEvent
  scope.ExtendableMessageEvent = ExtendableMessageEvent

  // The app's listeners for the service worker events: an exception is recorded on the event.
  scope.addEventListener = function (type: string, listener: any, options?: any): void {
    if (!TYPES.includes(type) || listener == null) return add.call(this, type, listener, options)
    let byType = wrapped.get(listener)
    if (byType === undefined) wrapped.set(listener, byType = new Map())
    let wrapper = byType.get(type)
    if (wrapper === undefined) {
      wrapper = (event: any) => {
        if (type === 'message' && event.data?.[CONTROL] === true) return
        try {
          if (typeof listener === 'function') listener.call(scope, event)
          else listener.handleEvent(event)
        } catch (error) {
          if (Array.isArray(event._errors)) event._errors.push(error)
          else throw error
        }
      }
      byType.set(type, wrapper)
    }
    add.call(this, type, wrapper, options)
  }
  scope.removeEventListener = function (type: string, listener: any, options?: any): void {
    const wrapper = listener == null ? undefined : wrapped.get(listener)?.get(type)
    remove.call(this, type, wrapper ?? listener, options)
  }
  for (const type of TYPES) {
    let handler: unknown = null
    Object.defineProperty(scope, 'on' + type, {
      configurable: true,
      get: () => handler,
      set: (value: unknown) => {
        if (typeof handler === 'function') scope.removeEventListener(type, handler)
        handler = typeof value === 'function' ? value : null
        if (handler !== null) scope.addEventListener(type, handler)
      }
    })
  }

  let info: { id: number, scope: string, scriptURL: string, type: string, state: string }
  const worker = { get scriptURL () { return info.scriptURL }, get state () { return info.state }, onstatechange: null, postMessage () {} }
  const setState = (state: string, error = ''): void => {
    info.state = state
    post({ type: 'state', state, error })
  }
  scope.registration = {
    get scope () { return info.scope },
    installing: null,
    waiting: null,
    get active () { return info.state === 'activated' || info.state === 'activating' ? worker : null },
    navigationPreload: { enable: async () => {}, disable: async () => {}, getState: async () => ({ enabled: false, headerValue: '' }) },
    async unregister () { post({ type: 'unregister' }); return true },
    async update () { throw notSupported('ServiceWorkerRegistration.update() from inside the worker') }
  }
  scope.serviceWorker = worker
  // There is no waiting state (a new script replaces the running one at once) and every app frame under the
  // scope is served from activation on: skipWaiting() and clients.claim() have nothing left to do.
  scope.skipWaiting = async (): Promise<void> => {}
  scope.clients = {
    claim: async (): Promise<void> => {},
    get: async () => { throw notSupported('clients.get()') },
    matchAll: async () => { throw notSupported('clients.matchAll()') },
    openWindow: async () => { throw notSupported('clients.openWindow()') }
  }
  if (scope.caches === undefined) {
    Object.defineProperty(scope, 'caches', { configurable: true, get: () => { throw notSupported('caches (CacheStorage)') } })
  }

  const settle = async (event: any): Promise<void> => {
    if (event._errors.length > 0) throw event._errors[0]
    await Promise.all(event._pending)
  }
  // Dispatches install or activate and waits for its waitUntil promises; false (now redundant) when one fails.
  const phase = async (type: string): Promise<boolean> => {
    try {
      const event = new ExtendableEvent(type)
      scope.dispatchEvent(event)
      await settle(event)
      return true
    } catch (error) {
      setState('redundant', `${type} failed: ${describe(error)}`)
      return false
    }
  }
  const lifecycle = async (): Promise<void> => {
    try {
      if (info.type === 'module') await import(info.scriptURL)
      else scope.importScripts(info.scriptURL)
    } catch (error) {
      return setState('redundant', `the script did not load: ${describe(error)}`)
    }
    setState('installing')
    if (!await phase('install')) return
    setState('installed')
    setState('activating')
    if (!await phase('activate')) return
    setState('activated')
  }

  const fetched = async (message: any): Promise<void> => {
    const id = message.id as number
    try {
      const method = String(message.method)
      const body = method === 'GET' || method === 'HEAD' || message.body.byteLength === 0 ? undefined : message.body
      const request = new Request(message.url, { method, headers: message.headers, body })
      const event: any = new FetchEvent('fetch', { request })
      scope.dispatchEvent(event)
      if (event._errors.length > 0) throw event._errors[0]
      if (event._response === undefined) return post({ type: 'respond', id, fallback: true })
      const response = await event._response
      if (!(response instanceof Response)) throw new TypeError('respondWith() was given something that is not a Response')
      const bytes = await response.arrayBuffer()
      post({ type: 'respond', id, status: response.status, headers: [...response.headers], body: bytes }, [bytes])
    } catch (error) {
      post({ type: 'respond', id, error: describe(error) })
    }
  }

  add.call(scope, 'message', (event: Event) => {
    const message = (event as MessageEvent).data
    if (message?.[CONTROL] !== true) return
    event.stopImmediatePropagation()
    if (message.type === 'start') {
      info = message.info
      void lifecycle()
    } else if (message.type === 'fetch') {
      void fetched(message)
    } else if (message.type === 'message') {
      const delivered = new ExtendableMessageEvent('message', { data: message.data, origin: message.origin })
      scope.dispatchEvent(delivered)
    }
  })
}
