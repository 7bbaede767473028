// The page's side of the fast file read (native/linux/fast_read.hh): `fs.readFile` calls go as a DOM event to the
// host's script in its isolated world, whose web-process extension gets the file from the host as a read-only
// descriptor and reads it straight into a Uint8Array of this world; the answer is a `__socket_fast_read_reply` event
// in this world with `[id, Uint8Array | JSON envelope | "fallback"]`. "fallback" (the file grew while read, or the
// extension could not read it) sends the same call the ordinary way. Nothing here exists unless the host's isolated world answers the probe.
import type { IpcRequest, IpcResponse, Transport } from './transport.ts'
import { probeAnswered } from './bridge.ts'

const ROUTE = 'ipc://fs.readFile?'

export function fastReadAvailable (): boolean {
  return probeAnswered('__socket_fast_read_probe')
}

export function fastReadTransport (fallback: Transport): Transport {
  const doc = globalThis.document
  const pending = new Map<string, { request: IpcRequest, resolve: (response: IpcResponse) => void, reject: (error: unknown) => void }>()
  let counter = 0
  doc.addEventListener('__socket_fast_read_reply', (event) => {
    const detail = (event as CustomEvent).detail as unknown
    if (!Array.isArray(detail) || detail.length !== 2) return
    const [id, value] = detail as [unknown, unknown]
    const waiting = pending.get(String(id))
    if (!waiting) return
    pending.delete(String(id))
    if (value instanceof Uint8Array) {
      waiting.resolve({ status: 200, contentType: 'application/octet-stream', body: value })
    } else if (value === 'fallback') {
      fallback.send(waiting.request).then(waiting.resolve, waiting.reject)
    } else {
      waiting.resolve({ status: 200, contentType: 'application/json', body: new Uint8Array(0), text: String(value) })
    }
  })
  return {
    send (request: IpcRequest): Promise<IpcResponse> {
      if (request.body || !request.uri.startsWith(ROUTE)) return fallback.send(request)
      if (request.signal?.aborted) return Promise.reject(request.signal.reason)
      const id = String(++counter)
      return new Promise((resolve, reject) => {
        pending.set(id, { request, resolve, reject })
        request.signal?.addEventListener('abort', () => {
          if (pending.delete(id)) reject(request.signal!.reason)
        }, { once: true })
        doc.dispatchEvent(new CustomEvent('__socket_fast_read', { detail: `${id} ${request.uri}` }))
      })
    }
  }
}
