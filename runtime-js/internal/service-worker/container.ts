// The page of the hidden service worker container window (the host serves /socket/service-worker/container.html
// to that window only; it imports socket:service-worker, which calls runContainer there). It starts each
// registered script in a Web Worker with the ServiceWorkerGlobalScope emulation, passes it the requests the host
// forwards, and gives the host their answers. Anywhere else the host refuses its routes (attach, updateState,
// respond).
import {
  service_worker as host, onFetchRequested, onMessageReceived, onRegistered, onUnregistered,
  type ServiceWorkerRegistrationInfo as Info
} from '../../../generated/js/service_worker.ts'

const CONTROL = '__socketServiceWorker'
const running = new Map<number, Worker>()

function report (promise: Promise<unknown>): void {
  promise.catch((error) => console.error(`service worker container: ${(error as Error).message}`))
}

function start (info: Info): void {
  stop(info.id)
  // The host answers this URL, for this window only, with the scope emulation (socket/service-worker/scope.js).
  const worker = new Worker(info.scriptURL + '?socket-service-worker', { name: info.scriptURL })
  running.set(info.id, worker)
  worker.addEventListener('error', (event) => {
    event.preventDefault()
    report(host.updateState(info.id, 'redundant', `uncaught in the worker: ${event.message}`))
  })
  worker.addEventListener('message', (event: MessageEvent) => {
    const message = event.data
    if (message?.[CONTROL] !== true) return
    if (message.type === 'state') report(host.updateState(info.id, message.state, message.error ?? ''))
    else if (message.type === 'unregister') report(host.unregister(info.scope))
    else if (message.type === 'respond') {
      const body = message.body instanceof ArrayBuffer ? new Uint8Array(message.body) : new Uint8Array(0)
      report(host.respond(message.id, message.status ?? 0, JSON.stringify(message.headers ?? []), body, message.fallback === true, message.error ?? ''))
    }
  })
  worker.postMessage({ [CONTROL]: true, type: 'start', info })
}

function stop (id: number): void {
  running.get(id)?.terminate()
  running.delete(id)
}

export const CONTAINER_PATH = '/socket/service-worker/container.html'

export function runContainer (): void {
  onRegistered(start)
  onUnregistered((info) => stop(info.id))
  onMessageReceived((detail) => {
    let data: unknown
    try { data = JSON.parse(detail.data) } catch { data = detail.data }
    running.get(detail.registration)?.postMessage({ [CONTROL]: true, type: 'message', data, origin: location.origin })
  })
  onFetchRequested((detail, body) => {
    const worker = running.get(detail.registration)
    if (worker === undefined) return report(host.respond(detail.id, 0, '[]', new Uint8Array(0), true))
    let headers: Array<[string, string]> = []
    try { headers = JSON.parse(detail.headers) } catch {}
    const copy = body.slice().buffer
    worker.postMessage({ [CONTROL]: true, type: 'fetch', id: detail.id, method: detail.method, url: detail.url, headers, body: copy }, [copy])
  })
  report(host.attach().then((registrations) => { for (const info of registrations) if (info.state !== 'redundant') start(info) }))
}
