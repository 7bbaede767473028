// socket:https — Node's https client (request, get, ClientRequest, IncomingMessage, Agent, METHODS, STATUS_CODES)
// over the webview's fetch (internal/http). createServer throws NotSupportedError: there is no server socket.
import { httpModule } from '../internal/http/module.ts'

const https = httpModule('https:', 'https')
export const {
  METHODS, STATUS_CODES, Agent, globalAgent, ClientRequest, IncomingMessage, request, get, createServer, Server,
  ServerResponse, OutgoingMessage, maxHeaderSize, validateHeaderName, validateHeaderValue
} = https
export default https
