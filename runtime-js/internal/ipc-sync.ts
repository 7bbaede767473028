// The synchronous half of the wire (the original's sendSync, and the fs *Sync forms): a synchronous
// XMLHttpRequest to the same `ipc://` URI the async client would fetch. Same URI building, same envelope,
// same typed errors as runtime-js/ipc; only the transport differs, so this file adapts and never re-encodes.
import { androidHost, androidRequest, checkBodySize, defaultClient, errorFromWire, InternalError, type Params, type WireError } from '../ipc/index.ts'
import { NotSupportedError } from './errors.ts'

export interface SyncOptions { body?: Uint8Array, binary?: boolean }

interface Envelope { data?: unknown, err?: WireError }

export function callSync (route: string, params: Params, options: SyncOptions = {}): unknown {
  return sendSyncRequest(route, defaultClient().uri(route, params), options)
}

/** Sends an already built `ipc://` URI (and body) with a blocking XHR and decodes the reply. */
export function sendSyncRequest (route: string, uri: string, options: SyncOptions = {}): unknown {
  if (typeof XMLHttpRequest !== 'function') throw new NotSupportedError(`synchronous IPC (${route}) outside a webview`)
  checkBodySize(route, options.body)
  // The Android host answers an https prefix and takes bodies through its preload (runtime-js/ipc/android.ts).
  const android = androidHost()
  const url = android ? androidRequest(android, uri, options.body) : uri
  const body = android ? undefined : options.body
  const request = new XMLHttpRequest()
  request.open(body !== undefined ? 'POST' : 'GET', url, false)
  // Sync XHR cannot use responseType 'arraybuffer' in a window; this charset keeps every byte in 0..255.
  request.overrideMimeType('text/plain; charset=x-user-defined')
  request.send(body as XMLHttpRequestBodyInit | undefined)
  const text = request.responseText
  const type = request.getResponseHeader('content-type') ?? ''
  if (type.startsWith('application/octet-stream')) {
    if (options.binary !== true) throw new InternalError(`${route}: expected a JSON reply, got ${text.length} raw bytes`)
    const bytes = new Uint8Array(text.length)
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff
    return bytes
  }
  let envelope: Envelope
  try {
    envelope = JSON.parse(utf8(text)) as Envelope
  } catch {
    throw new InternalError(`${route}: the reply is not JSON (HTTP ${request.status})`)
  }
  if (envelope.err !== undefined) throw errorFromWire(envelope.err, route)
  if (options.binary === true && envelope.data == null) return new Uint8Array(0)
  return envelope.data
}

/** The x-user-defined text is bytes; JSON replies are UTF-8, so decode them properly. */
function utf8 (text: string): string {
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff
  return new TextDecoder().decode(bytes)
}
