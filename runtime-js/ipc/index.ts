// The JS side of the wire contract (docs/architecture.md, Contract 1).
export { IpcClient, defaultClient, setDefaultClient, type CallOptions, type ClientOptions } from './client.ts'
export { checkBodySize, MAX_BODY_BYTES } from './body.ts'
export { androidHost, androidRequest, androidTransport, androidUrl, type AndroidPage } from './android.ts'
export { fetchTransport, type IpcRequest, type IpcResponse, type Transport } from './transport.ts'
export { buildUri, encodeComponent, type Params } from './uri.ts'
export { bytes, json, jsonValue, scalar, type BufferInput } from './encode.ts'
export { identity, nullable, record, sequence, toBigInt } from './decode.ts'
export { listen, listenBinary, type Unsubscribe } from './events.ts'
export {
  ErrnoError, errorFromWire, InternalError, IpcError, NotAllowedError, NotFoundError, NotSupportedError,
  TimeoutError, type WireError
} from './errors.ts'
