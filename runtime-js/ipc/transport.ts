// How a request reaches native code. The webview uses fetch('ipc://…'); tests inject their own (for example a
// pipe to a compiled C++ dispatcher), and so can workers or Node tools.

export interface IpcRequest {
  uri: string
  body?: Uint8Array        // present: POST with this body
  binary?: boolean         // the route answers with raw bytes
  signal?: AbortSignal
}

export interface IpcResponse {
  status: number
  contentType: string      // 'application/json' or 'application/octet-stream'
  body: Uint8Array
  text?: string            // the reply already as text (the bridge's JSON); then `body` is unused
}

export interface Transport {
  send (request: IpcRequest): Promise<IpcResponse>
}

export function fetchTransport (fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Transport {
  return {
    async send ({ uri, body, signal }) {
      const response = await fetchImpl(uri, {
        method: body ? 'POST' : 'GET',
        body: body as BodyInit | undefined,
        signal
      })
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: new Uint8Array(await response.arrayBuffer())
      }
    }
  }
}
