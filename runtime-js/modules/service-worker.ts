// socket:service-worker — service workers run by the runtime, as the original did on Linux: WebKitGTK refuses
// its own on socket: ("serviceWorker.register() must be called with a script URL whose protocol is either HTTP
// or HTTPS"), so the host runs each registered script in a Web Worker of a hidden container window on the app's
// origin and forwards the app's requests under an activated scope to it (docs/host.md, "Service workers").
// This module is the page's side: a ServiceWorkerContainer (also `navigator.serviceWorker` in app frames),
// registrations and their workers' state changes.
import { inRuntime } from '../internal/args.ts'
import { NotSupportedError } from '../internal/errors.ts'
import { service_worker as host, onStateChanged, type ServiceWorkerRegistrationInfo as Info } from '../../generated/js/service_worker.ts'

import { ExtendableEvent, FetchEvent } from '../internal/service-worker/events.ts'
import { CONTAINER_PATH, runContainer } from '../internal/service-worker/container.ts'

export { ExtendableEvent, FetchEvent }

export type ServiceWorkerState = 'installing' | 'installed' | 'activating' | 'activated' | 'redundant'
/** `scheme`: register the worker as the protocol handler of that scheme (socket:protocol-handlers) instead of for a scope. */
export interface RegistrationOptions { scope?: string, type?: 'classic' | 'module', updateViaCache?: string, scheme?: string }

/** One registration's worker, as pages see it (`registration.active`, `navigator.serviceWorker.controller`). */
export class ServiceWorker extends EventTarget {
  readonly #id: number
  readonly scriptURL: string
  #state: ServiceWorkerState
  onstatechange: ((event: Event) => void) | null = null
  onerror: ((event: Event) => void) | null = null

  constructor (info: Info) {
    super()
    this.#id = info.id
    this.scriptURL = info.scriptURL
    this.#state = info.state as ServiceWorkerState
  }

  get state (): ServiceWorkerState { return this.#state }

  /** @internal */
  setState (state: ServiceWorkerState): void {
    if (state === this.#state) return
    this.#state = state
    const event = new Event('statechange')
    this.dispatchEvent(event)
    this.onstatechange?.(event)
  }

  /** Delivers `data` (JSON-serialisable) to the worker as a `message` event. */
  postMessage (data: unknown): void {
    void host.postMessage(this.#id, JSON.stringify(data ?? null)).catch((error) => console.error(`ServiceWorker.postMessage: ${(error as Error).message}`))
  }
}

export class ServiceWorkerRegistration extends EventTarget {
  readonly id: number
  readonly scope: string
  readonly updateViaCache = 'none'
  readonly navigationPreload = { enable: async () => {}, disable: async () => {}, getState: async () => ({ enabled: false, headerValue: '' }) }
  #worker: ServiceWorker
  #type: string
  onupdatefound: ((event: Event) => void) | null = null

  constructor (info: Info) {
    super()
    this.id = info.id
    this.scope = info.scope
    this.#type = info.type
    this.#worker = new ServiceWorker(info)
  }

  get installing (): ServiceWorker | null { return this.#worker.state === 'installing' ? this.#worker : null }
  get waiting (): ServiceWorker | null { return this.#worker.state === 'installed' ? this.#worker : null }
  get active (): ServiceWorker | null { return this.#worker.state === 'activating' || this.#worker.state === 'activated' ? this.#worker : null }
  /** @internal */
  get worker (): ServiceWorker { return this.#worker }

  async unregister (): Promise<boolean> { return await host.unregister(this.scope) }

  /** Registers the same script again (the host keeps a running worker whose script and type did not change). */
  async update (): Promise<ServiceWorkerRegistration> {
    const scheme = this.scope.endsWith(':') ? this.scope.slice(0, -1) : undefined
    return await container.register(this.#worker.scriptURL, { scope: this.scope, scheme, type: this.#type as 'classic' | 'module' })
  }

  showNotification (): Promise<never> { return Promise.reject(new NotSupportedError('ServiceWorkerRegistration.showNotification (use socket:notification)')) }
  getNotifications (): Promise<never[]> { return Promise.resolve([]) }
  get pushManager (): never { throw new NotSupportedError('ServiceWorkerRegistration.pushManager (no push service on Linux)') }
  get sync (): never { throw new NotSupportedError('ServiceWorkerRegistration.sync (no background sync)') }
}

const registrations = new Map<number, ServiceWorkerRegistration>()

function track (info: Info): ServiceWorkerRegistration {
  let registration = registrations.get(info.id)
  if (registration === undefined) {
    registration = new ServiceWorkerRegistration(info)
    registrations.set(info.id, registration)
  }
  registration.worker.setState(info.state as ServiceWorkerState)
  if (info.state === 'redundant') registrations.delete(info.id)
  return registration
}

function covers (registration: ServiceWorkerRegistration, url: string): boolean {
  return url.startsWith(registration.scope)
}

/** The registration with the longest scope that covers `url`. */
function bestFor (url: string, candidates: Iterable<ServiceWorkerRegistration>): ServiceWorkerRegistration | undefined {
  let best: ServiceWorkerRegistration | undefined
  for (const registration of candidates) {
    if (covers(registration, url) && (best === undefined || registration.scope.length > best.scope.length)) best = registration
  }
  return best
}

export class ServiceWorkerContainer extends EventTarget {
  oncontrollerchange: ((event: Event) => void) | null = null
  onmessage: ((event: Event) => void) | null = null
  #controller: ServiceWorker | null = null
  #ready: Promise<ServiceWorkerRegistration> | undefined

  /** The activated worker whose scope covers this page (it answers the page's requests under its scope). */
  get controller (): ServiceWorker | null { return this.#controller }

  /** Resolves with the registration covering this page once its worker is activated. */
  get ready (): Promise<ServiceWorkerRegistration> {
    this.#ready ??= new Promise((resolve) => {
      const check = (): boolean => {
        const registration = bestFor(location.href, registrations.values())
        if (registration?.active?.state !== 'activated') return false
        resolve(registration)
        return true
      }
      if (check()) return
      const listener = (): void => { if (check()) globalThis.removeEventListener('serviceworkerstate', listener) }
      globalThis.addEventListener('serviceworkerstate', listener)
      void this.getRegistrations().then(() => check())
    })
    return this.#ready
  }

  /**
   * Registers `scriptURL` (resolved against the page; it must be on the app's origin) for `options.scope`
   * (default: the script's folder).
   */
  async register (scriptURL: string | URL, options: RegistrationOptions = {}): Promise<ServiceWorkerRegistration> {
    const script = new URL(String(scriptURL), location.href)
    const scope = options.scope === undefined ? new URL('./', script) : new URL(options.scope, location.href)
    for (const [what, url] of [['script', script], ['scope', scope]] as const) {
      if (url.origin !== location.origin) {
        throw new DOMException(`service worker ${what} ${url.href} is not on the app's origin (${location.origin})`, 'SecurityError')
      }
    }
    const info = await host.register(script.pathname, options.scheme === undefined ? scope.pathname : '', options.type ?? 'classic', options.scheme ?? '')
    return track(info)
  }

  /** The registration covering `clientURL` (default: this page). */
  async getRegistration (clientURL: string | URL = location.href): Promise<ServiceWorkerRegistration | undefined> {
    return bestFor(new URL(String(clientURL), location.href).href, await this.getRegistrations())
  }

  async getRegistrations (): Promise<ServiceWorkerRegistration[]> {
    const list = await host.getRegistrations()
    const known = new Set(list.map((info) => info.id))
    for (const id of registrations.keys()) if (!known.has(id)) registrations.delete(id)
    return list.map(track)
  }

  startMessages (): void {}

  /** @internal the host said a registration changed state. */
  changed (info: Info): void {
    track(info)
    this.refresh()
  }

  /** @internal recomputes the controller from the known registrations. */
  refresh (): void {
    const registration = bestFor(location.href, registrations.values())
    const controller = registration?.active?.state === 'activated' ? registration.worker : null
    if (controller === this.#controller) return
    this.#controller = controller
    const event = new Event('controllerchange')
    this.dispatchEvent(event)
    this.oncontrollerchange?.(event)
  }
}

export const container = new ServiceWorkerContainer()

if (inRuntime() && location.protocol === 'socket:' && location.pathname === CONTAINER_PATH) {
  runContainer()
} else if (inRuntime() && location.protocol === 'socket:') {
  onStateChanged((info) => container.changed(info))
  // Registrations made before this page loaded (or by another window) give it a controller too.
  void container.getRegistrations().then(() => container.refresh()).catch(() => {})
  try {
    Object.defineProperty(globalThis.navigator, 'serviceWorker', { configurable: true, enumerable: true, get: () => container })
  } catch {}
}

export async function register (scriptURL: string | URL, options: RegistrationOptions = {}): Promise<ServiceWorkerRegistration> {
  return await container.register(scriptURL, options)
}
export async function getRegistration (clientURL?: string | URL): Promise<ServiceWorkerRegistration | undefined> {
  return await container.getRegistration(clientURL)
}
export async function getRegistrations (): Promise<ServiceWorkerRegistration[]> { return await container.getRegistrations() }
/** Unregisters the registration of `scope` (a path or URL on the app's origin); false when there was none. */
export async function unregister (scope: string | URL): Promise<boolean> {
  return await host.unregister(new URL(String(scope), location.href).pathname)
}

export default {
  register, getRegistration, getRegistrations, unregister, container, ServiceWorkerContainer, ServiceWorkerRegistration,
  ServiceWorker, ExtendableEvent, FetchEvent
}
