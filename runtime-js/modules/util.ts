// socket:util — Node's util, from the `util` npm package (a port of Node's lib/util.js), with promisify
// on Node's well-known symbol and the few newer helpers the port lacks.
import port from 'util/util.js'
import { promisify } from '../internal/promisify.ts'
import { isDeepStrictEqual } from '../internal/deep-equal.ts'
import { makeFormat } from '../internal/format.ts'

export const format = makeFormat(port.inspect as (value: unknown, options?: Record<string, unknown>) => string)
export const {
  inspect, inherits, callbackify, deprecate, debuglog, types, isArray, isBoolean, isNull,
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

export default {
  format, inspect, inherits, callbackify, deprecate, debuglog, types, isArray, isBoolean, isNull,
  isNullOrUndefined, isNumber, isString, isSymbol, isUndefined, isRegExp, isObject, isDate, isError,
  isFunction, isPrimitive, isBuffer, promisify, isDeepStrictEqual, TextEncoder, TextDecoder, toUSVString
}
