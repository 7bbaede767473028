// Typed errors shared by the modules: NotSupportedError for what this runtime does not do (it says what),
// and Node-shaped errno errors (code, errno, syscall, path) so `err.code === 'ENOENT'` code keeps working.
import { errnoNumber, errnoMessage } from './errno.ts'

/** Thrown by every API this runtime does not implement; the message names the API. */
export class NotSupportedError extends Error {
  readonly code = 'ERR_NOT_SUPPORTED'
  constructor (what: string) {
    super(`${what} is not supported by this runtime`)
    this.name = 'NotSupportedError'
  }
}

export interface ErrnoDetails {
  syscall?: string
  path?: string
  dest?: string
  address?: string
  port?: number
}

/** An error as Node's fs/dgram raise it: `ENOENT: no such file or directory, open '/x'`. */
export interface ErrnoException extends Error {
  code: string
  errno: number
  syscall?: string
  path?: string
  dest?: string
  address?: string
  port?: number
}

export function errnoException (code: string, details: ErrnoDetails = {}, text?: string): ErrnoException {
  let message = `${code}: ${text ?? errnoMessage(code)}`
  if (details.syscall !== undefined) message += `, ${details.syscall}`
  if (details.path !== undefined) message += ` '${details.path}'`
  if (details.dest !== undefined) message += ` -> '${details.dest}'`
  const error = new Error(message) as ErrnoException
  error.errno = -errnoNumber(code)
  error.code = code
  for (const key of ['syscall', 'path', 'dest', 'address', 'port'] as const) {
    if (details[key] !== undefined) (error as unknown as Record<string, unknown>)[key] = details[key]
  }
  return error
}

/** Node's ERR_* errors (ERR_INVALID_ARG_TYPE, ERR_SOCKET_BAD_PORT, ...): an Error subclass with a code. */
export function codedError<T extends Error> (Base: new (message: string) => T, code: string, message: string): T & { code: string } {
  const error = new Base(message) as T & { code: string }
  error.code = code
  return error
}

export function invalidArgType (name: string, expected: string, actual: unknown): TypeError & { code: string } {
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be ${expected}. Received ${describe(actual)}`)
}

/** Node's validateInteger (and validateInt32/validateUint32 with their bounds): a number, an integer, in [min, max]. */
export function validateInteger (value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value)
  if (!Number.isInteger(value)) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be an integer. Received ${value}`)
  if (value < min || value > max) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= ${min} && <= ${max}. Received ${value}`)
  return value
}

function describe (value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'function') return `function ${value.name}`
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`
  return `type ${typeof value} (${JSON.stringify(value)})`
}
