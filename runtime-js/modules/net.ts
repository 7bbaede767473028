// socket:net — the original shipped an empty stub; here the address checks are real and TCP throws a
// NotSupportedError (the runtime has no TCP capability; use socket:dgram or fetch/WebSocket).
import { isIP, isIPv4, isIPv6 } from '../internal/ip.ts'
import { NotSupportedError } from '../internal/errors.ts'

function tcp (name: string): () => never {
  return () => { throw new NotSupportedError(`net.${name} (no TCP capability; use socket:dgram, fetch or WebSocket)`) }
}

export { isIP, isIPv4, isIPv6 }
export const createServer = tcp('createServer')
export const createConnection = tcp('createConnection')
export const connect = tcp('connect')
export const Socket = tcp('Socket')
export const Server = tcp('Server')
export default { isIP, isIPv4, isIPv6, createServer, createConnection, connect, Socket, Server }
