// socket:assert — Node's assert (strict and legacy comparisons), written here: the npm `assert` port is
// not among the project's packages. Failures are AssertionError with code ERR_ASSERTION, actual, expected
// and operator, as in Node.
import { isDeepStrictEqual } from '../internal/deep-equal.ts'
import { inspect } from './util.ts'

export class AssertionError extends Error {
  readonly code = 'ERR_ASSERTION'
  readonly actual: unknown
  readonly expected: unknown
  readonly operator: string
  readonly generatedMessage: boolean

  constructor (options: { message?: string | Error, actual?: unknown, expected?: unknown, operator?: string }) {
    const generated = options.message === undefined
    super(generated
      ? `${inspect(options.actual)} ${options.operator ?? '=='} ${inspect(options.expected)}`
      : String(options.message instanceof Error ? options.message.message : options.message))
    this.name = 'AssertionError'
    this.actual = options.actual
    this.expected = options.expected
    this.operator = options.operator ?? 'fail'
    this.generatedMessage = generated
  }
}

type Message = string | Error | undefined

function check (pass: boolean, actual: unknown, expected: unknown, operator: string, message: Message): void {
  if (pass) return
  if (message instanceof Error) throw message
  throw new AssertionError({ message, actual, expected, operator })
}

/** Loose deep equality (==, no prototype check), as Node's legacy deepEqual. */
function looseDeepEqual (a: unknown, b: unknown, seen = new Map<object, unknown>()): boolean {
  // eslint-disable-next-line eqeqeq
  if (a == b || (Number.isNaN(a) && Number.isNaN(b))) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (seen.get(a) === b) return true
  seen.set(a, b)
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && looseDeepEqual(v, b.get(k), seen))
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((v) => b.has(v))
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keysA = Object.keys(a)
  const keysB = Object.keys(b)
  return keysA.length === keysB.length && keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) &&
    looseDeepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], seen))
}

export function ok (value: unknown, message?: Message): void {
  check(Boolean(value), value, true, '==', message)
}
// eslint-disable-next-line eqeqeq
export const equal = (a: unknown, b: unknown, m?: Message): void => check(a == b || (Number.isNaN(a) && Number.isNaN(b)), a, b, '==', m)
// eslint-disable-next-line eqeqeq
export const notEqual = (a: unknown, b: unknown, m?: Message): void => check(!(a == b || (Number.isNaN(a) && Number.isNaN(b))), a, b, '!=', m)
export const strictEqual = (a: unknown, b: unknown, m?: Message): void => check(Object.is(a, b), a, b, 'strictEqual', m)
export const notStrictEqual = (a: unknown, b: unknown, m?: Message): void => check(!Object.is(a, b), a, b, 'notStrictEqual', m)
export const deepEqual = (a: unknown, b: unknown, m?: Message): void => check(looseDeepEqual(a, b), a, b, 'deepEqual', m)
export const notDeepEqual = (a: unknown, b: unknown, m?: Message): void => check(!looseDeepEqual(a, b), a, b, 'notDeepEqual', m)
export const deepStrictEqual = (a: unknown, b: unknown, m?: Message): void => check(isDeepStrictEqual(a, b), a, b, 'deepStrictEqual', m)
export const notDeepStrictEqual = (a: unknown, b: unknown, m?: Message): void => check(!isDeepStrictEqual(a, b), a, b, 'notDeepStrictEqual', m)

export function fail (message: Message = 'Failed'): never {
  if (message instanceof Error) throw message
  throw new AssertionError({ message, operator: 'fail' })
}

export function match (value: string, pattern: RegExp, message?: Message): void {
  check(typeof value === 'string' && pattern.test(value), value, pattern, 'match', message)
}

export function doesNotMatch (value: string, pattern: RegExp, message?: Message): void {
  check(typeof value === 'string' && !pattern.test(value), value, pattern, 'doesNotMatch', message)
}

export function ifError (value: unknown): void {
  if (value === null || value === undefined) return
  const shown = value instanceof Error ? value.message : inspect(value)
  throw new AssertionError({ message: `ifError got unwanted exception: ${shown}`, actual: value, expected: null, operator: 'ifError' })
}

type Expected = RegExp | (new (...args: any[]) => unknown) | ((error: unknown) => boolean) | Record<string, unknown>

/** Does `error` satisfy `expected` (a class, a RegExp on the message, a predicate, or an object of properties)? */
function matches (error: unknown, expected: Expected | undefined): boolean {
  if (expected === undefined) return true
  if (expected instanceof RegExp) return expected.test(String((error as Error)?.message ?? error))
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && error instanceof (expected as new () => unknown)) return true
    if (Error.isPrototypeOf(expected) || expected === Error) return false
    return (expected as (error: unknown) => boolean)(error) === true
  }
  return Object.entries(expected).every(([key, value]) => {
    const actual = (error as Record<string, unknown>)?.[key]
    return value instanceof RegExp && typeof actual === 'string' ? value.test(actual) : isDeepStrictEqual(actual, value)
  })
}

export function throws (fn: () => unknown, expected?: Expected | string, message?: Message): void {
  if (typeof expected === 'string') { message = expected; expected = undefined }
  try {
    fn()
  } catch (error) {
    if (!matches(error, expected)) throw new AssertionError({ message, actual: error, expected, operator: 'throws' })
    return
  }
  throw new AssertionError({ message: message ?? 'Missing expected exception.', actual: undefined, expected, operator: 'throws' })
}

export function doesNotThrow (fn: () => unknown, message?: Message): void {
  try {
    fn()
  } catch (error) {
    throw new AssertionError({ message: message ?? `Got unwanted exception.\nActual message: "${(error as Error)?.message}"`, actual: error, operator: 'doesNotThrow' })
  }
}

export async function rejects (promiseOrFn: Promise<unknown> | (() => Promise<unknown>), expected?: Expected | string, message?: Message): Promise<void> {
  if (typeof expected === 'string') { message = expected; expected = undefined }
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn)
  } catch (error) {
    if (!matches(error, expected)) throw new AssertionError({ message, actual: error, expected, operator: 'rejects' })
    return
  }
  throw new AssertionError({ message: message ?? 'Missing expected rejection.', actual: undefined, expected, operator: 'rejects' })
}

export async function doesNotReject (promiseOrFn: Promise<unknown> | (() => Promise<unknown>), message?: Message): Promise<void> {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn)
  } catch (error) {
    throw new AssertionError({ message: message ?? `Got unwanted rejection.\nActual message: "${(error as Error)?.message}"`, actual: error, operator: 'doesNotReject' })
  }
}

const legacy = { ok, equal, notEqual, strictEqual, notStrictEqual, deepEqual, notDeepEqual, deepStrictEqual, notDeepStrictEqual, fail, match, doesNotMatch, ifError, throws, doesNotThrow, rejects, doesNotReject, AssertionError }

/** assert.strict: the same functions with equal/deepEqual meaning their strict forms. */
export const strict = Object.assign((value: unknown, message?: Message) => ok(value, message), legacy, {
  equal: strictEqual, notEqual: notStrictEqual, deepEqual: deepStrictEqual, notDeepEqual: notDeepStrictEqual
})

const assert = Object.assign((value: unknown, message?: Message) => ok(value, message), legacy, { strict })
export default assert
