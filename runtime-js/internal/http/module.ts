// The shared body of socket:http and socket:https: request/get bound to a default protocol, an Agent, and
// createServer, which needs a server socket this runtime does not have.
import { ClientRequest, IncomingMessage, Agent, type RequestOptions } from './client.ts'
import { METHODS, STATUS_CODES } from './codes.ts'
import { NotSupportedError } from '../errors.ts'

type Callback = (res: IncomingMessage) => void

export function httpModule (protocol: 'http:' | 'https:', name: string) {
  const globalAgent = new Agent({ defaultPort: protocol === 'http:' ? 80 : 443, protocol })
  function request (url: string | URL | RequestOptions, options?: RequestOptions | Callback, callback?: Callback): ClientRequest {
    return new ClientRequest(url, options, callback, protocol)
  }
  function get (url: string | URL | RequestOptions, options?: RequestOptions | Callback, callback?: Callback): ClientRequest {
    const req = request(url, options, callback)
    req.end()
    return req
  }
  // A function, not an arrow: `new http.Server()` must reach the NotSupportedError, not fail as a non-constructor.
  const unsupported = (what: string) => function () { throw new NotSupportedError(`${name}.${what} (the runtime has no TCP server socket; serve from a backend process or use socket:dgram)`) }
  return {
    METHODS, STATUS_CODES, Agent, globalAgent, ClientRequest, IncomingMessage, request, get,
    createServer: unsupported('createServer'), Server: unsupported('Server'), ServerResponse: unsupported('ServerResponse'),
    OutgoingMessage: unsupported('OutgoingMessage'), maxHeaderSize: 16384,
    validateHeaderName (header: string): void {
      if (typeof header !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) throw Object.assign(new TypeError(`Header name must be a valid HTTP token ["${String(header)}"]`), { code: 'ERR_INVALID_HTTP_TOKEN' })
    },
    validateHeaderValue (header: string, value: unknown): void {
      if (value === undefined) throw Object.assign(new TypeError(`Invalid value "undefined" for header "${header}"`), { code: 'ERR_HTTP_INVALID_HEADER_VALUE' })
      if (/[^\t\x20-\x7e\x80-\xff]/.test(String(value))) throw Object.assign(new TypeError(`Invalid character in header content ["${header}"]`), { code: 'ERR_INVALID_CHAR' })
    }
  }
}
