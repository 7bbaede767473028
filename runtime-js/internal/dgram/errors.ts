// Node's dgram errors: ERR_SOCKET_* codes with Node's messages, and errno failures shaped like Node's
// exceptionWithHostPort (`bind EADDRINUSE 0.0.0.0:41234`, with code, errno, syscall, address, port).
import { codedError, errnoException } from '../errors.ts'
import { errnoMessage, errnoNumber } from '../errno.ts'

export const notRunning = (): Error => codedError(Error, 'ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running')
export const alreadyBound = (): Error => codedError(Error, 'ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound')
export const isConnected = (): Error => codedError(Error, 'ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected')
export const notConnected = (): Error => codedError(Error, 'ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected')
export const badType = (): TypeError => codedError(TypeError, 'ERR_SOCKET_BAD_TYPE', 'Bad socket type specified. Valid types are: udp4, udp6')
export const noAddress = (): Error => codedError(Error, 'ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected')

export function badPort (name: string, port: unknown, allowZero: boolean): RangeError {
  const shown = typeof port === 'string' ? `type string ('${port}')` : `type ${typeof port} (${String(port)})`
  return codedError(RangeError, 'ERR_SOCKET_BAD_PORT', `${name} should be ${allowZero ? '>=' : '>'} 0 and < 65536. Received ${shown}.`)
}

/** Node's validatePort: numbers and numeric strings in range; returns the number. */
export function validatePort (port: unknown, name = 'Port', allowZero = true): number {
  const numeric = typeof port === 'number' || (typeof port === 'string' && port.trim().length > 0)
  const value = Number(port)
  if (!numeric || !Number.isInteger(value) || value < 0 || value > 0xffff || (value === 0 && !allowZero)) {
    throw badPort(name, port, allowZero)
  }
  return value
}

/** A failed native socket call as Node reports it. */
export function socketError (error: unknown, syscall: string, address?: string, port?: number): Error {
  const e = error as { code?: string, message?: string }
  if (typeof e?.code !== 'string' || !/^E[A-Z0-9]+$/.test(e.code)) return error instanceof Error ? error : new Error(String(error))
  const err = errnoException(e.code, { syscall, address, port })
  const where = address === undefined ? '' : ` ${address}${port !== undefined && port > 0 ? `:${port}` : ''}`
  err.message = `${syscall} ${e.code}${where}`
  return err
}

/** Node's ERR_SOCKET_BAD_BUFFER_SIZE, for a size that is not a uint32. */
export const badBufferSize = (): TypeError => codedError(TypeError, 'ERR_SOCKET_BAD_BUFFER_SIZE', 'Buffer size must be a positive integer')

/** Node's ERR_SOCKET_BUFFER_SIZE SystemError (`uv_recv_buffer_size returned EBADF (bad file descriptor)`). */
export function bufferSizeError (code: string, syscall: string): Error {
  const info = { errno: -errnoNumber(code), code, message: errnoMessage(code), syscall }
  return Object.assign(new Error(`Could not get or set buffer size: ${syscall} returned ${code} (${info.message})`), {
    name: 'SystemError', code: 'ERR_SOCKET_BUFFER_SIZE', info, errno: info.errno, syscall
  })
}
