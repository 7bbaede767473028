// The page's side of the host's message bridge (native/linux/ipc_bridge.cc): ipc:// calls without a body, whose
// reply is JSON, travel as DOM events to a script in an isolated world that holds the host's message handler,
// instead of as fetch() requests. Same URI, same envelope; about one IPC hop instead of a whole resource load.
// Calls with a body, binary replies, workers and hosts without the bridge use the fallback (fetch).
import type { IpcRequest, IpcResponse, Transport } from './transport.ts'

interface Pending { resolve: (response: IpcResponse) => void, reject: (error: Error) => void }

export function bridgeAvailable (): boolean {
  return probeAnswered('__socket_ipc_probe')
}

/** Whether a script of the host's isolated world cancels the probe event `name` (synchronously; nothing else does). */
export function probeAnswered (name: string): boolean {
  const doc = (globalThis as { document?: Document }).document
  if (!doc || typeof CustomEvent !== 'function') return false
  return !doc.dispatchEvent(new CustomEvent(name, { cancelable: true }))
}

export function bridgeTransport (fallback: Transport): Transport {
  const doc = globalThis.document
  const pending = new Map<string, Pending>()
  let counter = 0
  doc.addEventListener('__socket_ipc_reply', (event) => {
    const detail = String((event as CustomEvent).detail)
    const space = detail.indexOf(' ')
    const id = detail.slice(0, space)
    const waiting = pending.get(id)
    if (!waiting) return
    pending.delete(id)
    const reply = detail.slice(space + 1)
    if (reply.startsWith('!')) waiting.reject(new Error(`ipc bridge: ${reply.slice(1)}`))
    else if (reply.startsWith('b')) waiting.resolve({ status: 200, contentType: 'application/octet-stream', body: fromBase64(reply.slice(1)) })
    else waiting.resolve({ status: 200, contentType: 'application/json', body: new Uint8Array(0), text: reply })
  })
  return {
    send (request: IpcRequest): Promise<IpcResponse> {
      if (request.body || request.binary) return fallback.send(request)
      if (request.signal?.aborted) return Promise.reject(request.signal.reason)
      const id = String(++counter)
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        request.signal?.addEventListener('abort', () => {
          if (pending.delete(id)) reject(request.signal!.reason)
        }, { once: true })
        doc.dispatchEvent(new CustomEvent('__socket_ipc', { detail: `${id} ${request.uri}` }))
      })
    }
  }
}

function fromBase64 (text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
