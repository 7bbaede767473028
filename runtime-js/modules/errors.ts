// socket:errors — the original's error classes: each has a `name`, a string `code` (`'NOT_FOUND_ERR'`) and a
// static numeric `code` (the DOMException legacy numbers where one exists; 30-32 for the three the original
// numbered itself), so `err.code === 'ABORT_ERR'` and `AbortError.code === 20` both hold.
import { getMessage, getName } from './errno.ts'

export const ABORT_ERR = 20
export const ENCODING_ERR = 32
export const INVALID_ACCESS_ERR = 15
export const INDEX_SIZE_ERR = 1
export const NETWORK_ERR = 19
export const NOT_ALLOWED_ERR = 31
export const NOT_FOUND_ERR = 8
export const NOT_SUPPORTED_ERR = 9
export const OPERATION_ERR = 30
export const SECURITY_ERR = 18
export const TIMEOUT_ERR = 23

/** One class per (name, code, number): the original spells each out; a factory keeps them identical in shape. */
function named<B extends new (...args: any[]) => Error> (Base: B, name: string, code: string, number: number) {
  return class extends Base {
    /** The string code, e.g. 'NOT_FOUND_ERR' (set in the constructor, so no field initializer overwrites it). */
    declare code: string | number
    static get code (): number { return number }
    constructor (...args: any[]) {
      super(...args)
      Object.defineProperty(this, 'name', { value: name, configurable: true, writable: true })
      Object.defineProperty(this, 'code', { value: code, configurable: true, writable: true })
      ;(Error as unknown as { captureStackTrace?: (target: object, ctor: unknown) => void }).captureStackTrace?.(this, new.target)
    }
  }
}

export class BadRequestError extends named(Error, 'BadRequestError', 'BAD_REQUEST_ERR', 0) {}
export class EncodingError extends named(Error, 'EncodingError', 'ENCODING_ERR', ENCODING_ERR) {}
export class IllegalConstructorError extends named(TypeError, 'IllegalConstructorError', 'ILLEGAL_CONSTRUCTOR_ERR', 0) {}
export class IndexSizeError extends named(Error, 'IndexSizeError', 'INDEX_SIZE_ERR', INDEX_SIZE_ERR) {}
export class InvalidAccessError extends named(Error, 'InvalidAccessError', 'INVALID_ACCESS_ERR', INVALID_ACCESS_ERR) {}
export class NetworkError extends named(Error, 'NetworkError', 'NETWORK_ERR', NETWORK_ERR) {}
export class NotAllowedError extends named(Error, 'NotAllowedError', 'NOT_ALLOWED_ERR', NOT_ALLOWED_ERR) {}
export class NotFoundError extends named(Error, 'NotFoundError', 'NOT_FOUND_ERR', NOT_FOUND_ERR) {}
export class NotSupportedError extends named(Error, 'NotSupportedError', 'NOT_SUPPORTED_ERR', NOT_SUPPORTED_ERR) {}
export class OperationError extends named(Error, 'OperationError', 'OPERATION_ERR', OPERATION_ERR) {}
export class SecurityError extends named(Error, 'SecurityError', 'SECURITY_ERR', SECURITY_ERR) {}
export class TimeoutError extends named(Error, 'TimeoutError', 'TIMEOUT_ERR', TIMEOUT_ERR) {}

/** An abort: `new AbortError(signal)` or `new AbortError(reason, signal)`; keeps the signal. */
export class AbortError extends named(Error, 'AbortError', 'ABORT_ERR', ABORT_ERR) {
  signal: AbortSignal | null
  constructor (reasonOrSignal?: unknown, signal?: AbortSignal | null, ...rest: any[]) {
    if (typeof AbortSignal !== 'undefined' && reasonOrSignal instanceof AbortSignal) {
      signal = reasonOrSignal
      reasonOrSignal = signal.reason
    }
    const reason = reasonOrSignal instanceof Error ? reasonOrSignal.message : reasonOrSignal
    super(reason === undefined || reason === null || reason === '' ? 'The operation was aborted' : String(reason), ...rest)
    this.signal = signal ?? null
  }
}

/** An errno failure: `new ErrnoError(2)` is `code 'ENOENT'`, `errno 2`, message the system's text. */
export class ErrnoError extends named(Error, 'ErrnoError', '', 0) {
  errno: number
  constructor (code: number, ...rest: any[]) {
    super(getMessage(code), ...rest)
    this.errno = Math.abs(code)
    Object.defineProperty(this, 'code', { value: getName(code), configurable: true, writable: true })
  }
}

/** An error thrown by a finalizer that socket:gc ran; `cause`-style `error` is the original throw. */
export class FinalizationRegistryCallbackError extends named(Error, 'FinalizationRegistryCallbackError', 'FINALIZATION_REGISTRY_CALLBACK_ERR', 0) {}

/** A failure inside the runtime: `new InternalError(message, code)`; the code defaults to 'INTERNAL_ERR'. */
export class InternalError extends named(Error, 'InternalError', 'INTERNAL_ERR', 0) {
  constructor (message?: string, code?: string | number, ...rest: any[]) {
    super(message, ...rest)
    if (code !== undefined) Object.defineProperty(this, 'code', { value: code, configurable: true, writable: true })
  }
}

/** `require()` of something that does not exist: code 'MODULE_NOT_FOUND', with the require stack. */
export class ModuleNotFoundError extends named(NotFoundError, 'ModuleNotFoundError', 'MODULE_NOT_FOUND', NOT_FOUND_ERR) {
  requireStack: string[]
  constructor (message?: string, requireStack: string[] = [], ...rest: any[]) {
    super(message, ...rest)
    this.requireStack = requireStack
  }
}

export default {
  ABORT_ERR, ENCODING_ERR, INVALID_ACCESS_ERR, INDEX_SIZE_ERR, NETWORK_ERR, NOT_ALLOWED_ERR, NOT_FOUND_ERR,
  NOT_SUPPORTED_ERR, OPERATION_ERR, SECURITY_ERR, TIMEOUT_ERR,
  AbortError, BadRequestError, EncodingError, ErrnoError, FinalizationRegistryCallbackError, IllegalConstructorError,
  IndexSizeError, InternalError, InvalidAccessError, NetworkError, NotAllowedError, NotFoundError, NotSupportedError,
  ModuleNotFoundError, OperationError, SecurityError, TimeoutError
}
