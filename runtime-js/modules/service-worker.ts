// socket:service-worker — the original's runtime-managed service workers (`[webview] service_worker`,
// `service-workers`, `protocol-handlers`). WebKitGTK 4.1 refuses them on the app's origin: registering
// `socket://<bundle-id>/sw.js` fails with "serviceWorker.register() must be called with a script URL whose
// protocol is either HTTP or HTTPS", although the host registers `socket:` as secure and CORS-enabled; the
// API that would allow another scheme (WebKit's `registerURLSchemeServiceWorkersCanHandle`) is not public in
// WebKitGTK. So the shape is exported and registering throws NotSupportedError naming this module.
import { NotSupportedError } from '../internal/errors.ts'

const reason = '(WebKitGTK 4.1 allows service workers only on http(s) origins, not on socket:)'

export class ExtendableEvent extends Event {
  #pending: Array<Promise<unknown>> = []
  waitUntil (promise: Promise<unknown>): void { this.#pending.push(Promise.resolve(promise)) }
  async waitsFor (): Promise<void> { await Promise.all(this.#pending) }
}

export class FetchEvent extends ExtendableEvent {
  readonly request: Request
  readonly clientId: string
  constructor (type: string, init: { request: Request, clientId?: string }) {
    super(type)
    this.request = init.request
    this.clientId = init.clientId ?? ''
  }

  respondWith (_response: Response | Promise<Response>): void {
    throw new NotSupportedError(`socket:service-worker FetchEvent.respondWith ${reason}`)
  }
}

export interface RegistrationOptions { scope?: string, type?: 'classic' | 'module', scheme?: string }

export async function register (scriptURL: string | URL, _options: RegistrationOptions = {}): Promise<never> {
  throw new NotSupportedError(`socket:service-worker register('${String(scriptURL)}') ${reason}`)
}

export async function getRegistration (_scope?: string): Promise<undefined> { return undefined }
export async function getRegistrations (): Promise<never[]> { return [] }
export async function unregister (_scope: string): Promise<boolean> { return false }

export default { register, getRegistration, getRegistrations, unregister, ExtendableEvent, FetchEvent }
