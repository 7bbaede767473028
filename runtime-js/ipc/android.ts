// The Android host's transport (native/android): its WebView cannot give `ipc://` to fetch, so the host answers
// `https://<bundle-id>.socket.local/ipc/<route>?<query>` instead (IpcBridge.kt), the prefix its preload puts in
// `__args.ipc`. shouldInterceptRequest never sees a request body, so a body is handed to native first through
// the preload's `__socketHost.putBody(seq, base64)` (which adds the page's secret), keyed by the request's seq,
// and the request itself is a GET. Replies are the same envelopes and raw bytes as on Linux.
import { fetchTransport, type IpcRequest, type Transport } from './transport.ts'

/** What the Android preload (Preload.kt) defines on the page's global object. */
export interface AndroidPage {
  __args?: { ipc?: unknown, client?: { platform?: unknown } }
  __socketHost?: { putBody?: unknown, dispatch?: unknown }
}

interface AndroidHost { prefix: string, putBody: (seq: string, base64: string) => void }

/** The Android host's IPC prefix and body channel, or null when `page` was not loaded by the Android host. */
export function androidHost (page: AndroidPage = globalThis as AndroidPage): AndroidHost | null {
  const args = page.__args
  const host = page.__socketHost
  if (args?.client?.platform !== 'android' || typeof args.ipc !== 'string' || typeof host?.putBody !== 'function') return null
  if (!/^https:\/\/[^/]+\.socket\.local\/ipc\/$/.test(args.ipc)) return null
  const putBody = host.putBody as (seq: string, base64: string) => void
  return { prefix: args.ipc, putBody: (seq, base64) => putBody.call(host, seq, base64) }
}

/** `ipc://<route>?<query>` as the URL the Android host answers. */
export function androidUrl (prefix: string, uri: string): string {
  if (!uri.startsWith('ipc://')) throw new TypeError(`not an ipc:// URI: ${uri}`)
  return prefix + uri.slice('ipc://'.length)
}

/**
 * Hands `body` (if any) to native under the request's seq, where IpcBridge takes it when the request arrives,
 * and returns the URL to GET. Shared by the async transport and the synchronous XHR (internal/ipc-sync.ts).
 */
export function androidRequest (host: AndroidHost, uri: string, body?: Uint8Array): string {
  const url = androidUrl(host.prefix, uri)
  if (body) {
    const seq = new URL(uri).searchParams.get('seq')
    if (!seq) throw new TypeError(`${uri}: a request with a body needs a seq`)
    host.putBody(seq, toBase64(body))
  }
  return url
}

export function androidTransport (host: AndroidHost, fetching: Transport = fetchTransport()): Transport {
  return {
    async send ({ uri, body, binary, signal }: IpcRequest) {
      return await fetching.send({ uri: androidRequest(host, uri, body), binary, signal })
    }
  }
}

function toBase64 (bytes: Uint8Array): string {
  const native = (bytes as { toBase64?: () => string }).toBase64
  if (typeof native === 'function') return native.call(bytes)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
