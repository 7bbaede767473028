// Runs a generated binding synchronously. Generated clients only have async methods, but each one builds
// its request (URI + body) synchronously before the first await; a capturing transport records that request,
// and the sync XHR in ipc-sync.ts sends it. So the sync forms still get their URIs from the IDL.
import { IpcClient, type IpcRequest, type Transport } from '../ipc/index.ts'
import { sendSyncRequest } from './ipc-sync.ts'

let captured: IpcRequest | undefined

const capturing: Transport = {
  send (request: IpcRequest) {
    captured = request
    return new Promise(() => {}) // never settles: nobody awaits it, and it must not reject unhandled
  }
}

let client: IpcClient | undefined

/** The client to build a sync call's request with: pass it to the generated `create<Cap>Client(client)`. */
export function capturingClient (): IpcClient {
  client ??= new IpcClient({ transport: capturing })
  return client
}

/** The request `invoke` (a generated method on a capturingClient() client) builds, without sending it. */
export function captureRequest (route: string, invoke: () => Promise<unknown>): IpcRequest {
  captured = undefined
  void invoke()
  const request = captured as IpcRequest | undefined
  captured = undefined
  if (request === undefined) throw new Error(`${route}: the generated binding built no request synchronously; sync forms cannot use it`)
  return request
}

/**
 * Calls `invoke` (a generated method on a capturingClient() client) and sends its request synchronously. `decode`
 * is that method's entry in the generated `<capability>Results`, so the value has the same types as the async
 * method's (64-bit integers as bigint).
 */
export function runSync (route: string, invoke: () => Promise<unknown>, binary = false, decode?: (value: unknown) => unknown): unknown {
  const request = captureRequest(route, invoke)
  // The generated method marks routes that answer with raw bytes (IDL `Promise<Uint8Array>`).
  const value = sendSyncRequest(route, request.uri, { body: request.body, binary: binary || request.binary === true })
  return decode === undefined ? value : decode(value)
}
