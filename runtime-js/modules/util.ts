// socket:util — Node's util, from the `util` npm package (a port of Node's lib/util.js), with promisify
// on Node's well-known symbol and the few newer helpers the port lacks.
import port from 'util/util.js'
import { promisify } from '../internal/promisify.ts'
import { isDeepStrictEqual } from '../internal/deep-equal.ts'
import { makeFormat } from '../internal/format.ts'
import { errnoConstants, errnoMessage } from '../internal/errno.ts'
import * as extras from '../internal/util-extras.ts'
import { types } from '../internal/util-types.ts'

export { types }

export const format = makeFormat(port.inspect as (value: unknown, options?: Record<string, unknown>) => string)
export const {
  inspect, inherits, callbackify, deprecate, debuglog, isArray, isBoolean, isNull,
  isNullOrUndefined, isNumber, isString, isSymbol, isUndefined, isRegExp, isObject, isDate, isError,
  isFunction, isPrimitive, isBuffer
} = port
export { promisify, isDeepStrictEqual }
export const TextEncoder = globalThis.TextEncoder
export const TextDecoder = globalThis.TextDecoder

/** Node's `util.toUSVString`: lone surrogates become U+FFFD. */
export function toUSVString (value: string): string {
  return String(value).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

export const {
  hasOwnProperty, noop, isTypedArray, isArrayLike, isArrayBuffer, isArrayBufferView, isBufferLike, isAsyncFunction,
  isArgumentsObject, isEmptyObject, isPlainObject, isErrorLike, isClass, isPromiseLike, toProperCase, toBuffer,
  splitBuffer, compareBuffers, parseJSON, parseHeaders, isValidPercentageValue
} = extras

/** Node's `util.getSystemErrorName(-2)` -> 'ENOENT' (a negative errno, as libuv reports them). */
export function getSystemErrorName (errno: number): string {
  if (typeof errno !== 'number') throw Object.assign(new TypeError(`The "err" argument must be of type number. Received type ${typeof errno}`), { code: 'ERR_INVALID_ARG_TYPE' })
  if (errno >= 0 || !Number.isSafeInteger(errno)) {
    throw Object.assign(new RangeError(`The value of "err" is out of range. It must be a negative integer. Received ${errno}`), { code: 'ERR_OUT_OF_RANGE' })
  }
  // Aliases (EWOULDBLOCK = EAGAIN, ENOTSUP = EOPNOTSUPP) share a number: the first in the table is libuv's name.
  return Object.keys(errnoConstants).find((code) => errnoConstants[code] === -errno) ?? `Unknown system error ${errno}`
}

/** Node's `util.getSystemErrorMap()`: negative errno -> [name, libuv's message]. */
export function getSystemErrorMap (): Map<number, [string, string]> {
  const map = new Map<number, [string, string]>()
  for (const [code, errno] of Object.entries(errnoConstants)) if (!map.has(-errno)) map.set(-errno, [code, errnoMessage(code)])
  return map
}

/** Node's `util.stripVTControlCharacters`: removes ANSI escape sequences. */
export function stripVTControlCharacters (text: string): string {
  if (typeof text !== 'string') throw Object.assign(new TypeError(`The "str" argument must be of type string. Received type ${typeof text}`), { code: 'ERR_INVALID_ARG_TYPE' })
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, '')
}

export default {
  ...extras, getSystemErrorName, getSystemErrorMap, stripVTControlCharacters,
  format, inspect, inherits, callbackify, deprecate, debuglog, types, isArray, isBoolean, isNull,
  isNullOrUndefined, isNumber, isString, isSymbol, isUndefined, isRegExp, isObject, isDate, isError,
  isFunction, isPrimitive, isBuffer, promisify, isDeepStrictEqual, TextEncoder, TextDecoder, toUSVString
}
