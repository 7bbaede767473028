// IpcClient: one call = one request with a fresh `seq=R<n>`, the caller's window `index`, its arguments and
// an optional binary body; the reply becomes a value, raw bytes, or a thrown typed error.
import { buildUri, type Params } from './uri.ts'
import { checkBodySize } from './body.ts'
import { errorFromWire, InternalError, type WireError } from './errors.ts'
import { fetchTransport, type Transport } from './transport.ts'
import { bridgeAvailable, bridgeTransport } from './bridge.ts'
import { fastReadAvailable, fastReadTransport } from './fast-read.ts'
import { androidHost, androidTransport } from './android.ts'

export interface ClientOptions {
  transport?: Transport
  index?: number           // defaults to globalThis.__args.index, else 0
}

export interface CallOptions {
  body?: Uint8Array
  binary?: boolean         // the route answers with raw bytes
  signal?: AbortSignal
}

interface Envelope { source?: string, token?: string | null, id?: string, data?: unknown, err?: WireError }

const decoder = new TextDecoder()

export class IpcClient {
  readonly transport: Transport
  readonly index: number
  private counter = 0

  constructor (options: ClientOptions = {}) {
    this.transport = options.transport ?? defaultTransport()
    const args = (globalThis as { __args?: { index?: number } }).__args
    this.index = options.index ?? args?.index ?? 0
  }

  nextSeq (): string {
    this.counter += 1
    return `R${this.counter}`
  }

  uri (route: string, params: Params): string {
    return buildUri(route, this.nextSeq(), this.index, params)
  }

  async call (route: string, params: Params, options: CallOptions = {}): Promise<unknown> {
    checkBodySize(route, options.body)
    const uri = this.uri(route, params)
    const response = await this.transport.send({ uri, body: options.body, binary: options.binary, signal: options.signal })
    if (response.contentType.startsWith('application/octet-stream')) {
      if (options.binary) return response.body
      throw new InternalError(`${route}: expected a JSON reply, got ${response.body.byteLength} raw bytes`)
    }
    let envelope: Envelope
    try {
      envelope = JSON.parse(response.text ?? decoder.decode(response.body)) as Envelope
    } catch {
      throw new InternalError(`${route}: the reply is not JSON (HTTP ${response.status})`)
    }
    if (envelope.err) throw errorFromWire(envelope.err, route)
    if (options.binary && envelope.data == null) return new Uint8Array(0)
    return envelope.data
  }
}

// In a window of the Linux host: the message bridge, with fetch for what the bridge does not carry. In a page of
// the Android host: its https URL prefix and body channel. Elsewhere: fetch. fs.readFile goes through the Linux
// host's web-process extension when it is there (fast-read.ts).
function defaultTransport (): Transport {
  const fetching = fetchTransport()
  const android = androidHost()
  if (android) return androidTransport(android, fetching)
  const base = bridgeAvailable() ? bridgeTransport(fetching) : fetching
  return fastReadAvailable() ? fastReadTransport(base) : base
}

let shared: IpcClient | undefined

// The client generated modules use unless given one: created on first use, so importing costs nothing.
export function defaultClient (): IpcClient {
  shared ??= new IpcClient()
  return shared
}

export function setDefaultClient (client: IpcClient): void {
  shared = client
}
