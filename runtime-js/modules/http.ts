// socket:http — Node's http client (request, get, ClientRequest, IncomingMessage, Agent, METHODS, STATUS_CODES)
// over the webview's fetch (internal/http). createServer throws NotSupportedError: there is no server socket.
import { httpModule } from '../internal/http/module.ts'

const http = httpModule('http:', 'http')
export const {
  METHODS, STATUS_CODES, Agent, globalAgent, ClientRequest, IncomingMessage, request, get, createServer, Server,
  ServerResponse, OutgoingMessage, maxHeaderSize, validateHeaderName, validateHeaderValue
} = http
export default http
