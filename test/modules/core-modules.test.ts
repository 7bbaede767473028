// The original's core modules that need no host (errno, signal, errors, enumeration, gc, async, diagnostics
// channels, Path, murmur3, util helpers, socket:test's harness pieces), in Node. Node-shaped facts are
// compared with Node (os.constants, util.getSystemErrorName, diagnostics_channel) and the C library's texts
// with the system's own strerror/strsignal (through python3, when it is installed).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import * as nodeOs from 'node:os'
import * as nodeUtil from 'node:util'
import * as nodeChannels from 'node:diagnostics_channel'
import * as errno from '../../runtime-js/modules/errno.ts'
import * as signal from '../../runtime-js/modules/process/signal.ts'
import * as signalAlias from '../../runtime-js/modules/signal.ts'
import * as errors from '../../runtime-js/modules/errors.ts'
import { Enumeration } from '../../runtime-js/modules/enumeration.ts'
import * as gc from '../../runtime-js/modules/gc.ts'
import { AsyncContext, AsyncLocalStorage, Deferred } from '../../runtime-js/modules/async.ts'
import * as channels from '../../runtime-js/modules/diagnostics/channels.ts'
import { Path } from '../../runtime-js/internal/path/path-class.ts'
import { murmur3 } from '../../runtime-js/internal/crypto/murmur3.ts'
import * as extras from '../../runtime-js/internal/util-extras.ts'
import equal from '../../runtime-js/modules/test/fast-deep-equal.ts'

const python = spawnSync('python3', ['-c', 'print(1)']).status === 0
function systemTexts (kind: 'strerror' | 'strsignal', numbers: number[]): string[] {
  const expr = kind === 'strerror' ? 'os.strerror(n)' : 'signal.strsignal(n)'
  const run = spawnSync('python3', ['-c', `import os, signal, json, sys; print(json.dumps([${expr} for n in json.loads(sys.argv[1])]))`, JSON.stringify(numbers)], { encoding: 'utf8' })
  return JSON.parse(run.stdout) as string[]
}

test('socket:errno: constants are Node\'s os.constants.errno; names are util.getSystemErrorName\'s', () => {
  const names = Object.keys(errno.constants)
  assert.ok(names.length >= 70)
  for (const name of names) {
    assert.equal(errno.constants[name], (nodeOs.constants.errno as Record<string, number>)[name], name)
    assert.equal((errno as unknown as Record<string, number>)[name], errno.constants[name], `export ${name}`)
    assert.equal(errno.getCode(name), errno.constants[name])
    assert.equal(errno.getCode(name.toLowerCase()), errno.constants[name])
  }
  for (const number of new Set(Object.values(errno.constants))) {
    const node = nodeUtil.getSystemErrorName(-number)
    // libuv names fewer errnos than Linux has (EBADMSG, ENOLINK, ...): Node says "Unknown system error" there.
    if (!node.startsWith('Unknown')) assert.equal(errno.getName(number), node, `getName(${number})`)
    assert.equal(errno.getName(-number), errno.getName(number))
  }
  assert.equal(errno.getCode('ENOPE'), 0)
  assert.equal(errno.getName(100000), '')
  assert.equal(errno.getMessage('ENOENT'), 'No such file or directory')
  assert.equal(errno.getMessage(-13), 'Permission denied')
  assert.equal(errno.toString(2), errno.strings[2])
  assert.equal((errno.default as unknown as Record<string, number>).ENOENT, 2)
})

test('socket:errno strings are the C library\'s strerror texts', { skip: python ? false : 'python3 is not installed' }, () => {
  const numbers: number[] = [...new Set(Object.values(errno.constants))].sort((a, b) => a - b)
  assert.deepEqual(numbers.map((n) => errno.strings[n]), systemTexts('strerror', numbers))
})

test('socket:signal / process/signal: constants are Node\'s os.constants.signals, texts are strsignal\'s', { skip: python ? false : 'python3 is not installed' }, () => {
  assert.equal(signalAlias.SIGTERM, signal.SIGTERM)
  assert.equal(signalAlias.default, signal.default)
  for (const [name, number] of Object.entries(signal.constants)) {
    assert.equal(number, (nodeOs.constants.signals as Record<string, number>)[name], name)
  }
  const numbers = Array.from({ length: 31 }, (_, i) => i + 1)
  assert.deepEqual(numbers.map((n) => signal.strings[n]), systemTexts('strsignal', numbers))
  assert.equal(signal.getCode('sigusr1'), 10)
  assert.equal(signal.getName(15), 'SIGTERM')
  assert.equal(signal.getName('SIGINT'), 'SIGINT')
  assert.equal(signal.getMessage('SIGKILL'), 'Killed')
  assert.equal(signal.getName(99), '')
  assert.throws(() => signal.addEventListener('SIGNOPE', () => {}), /unknown signal: SIGNOPE/)
  assert.throws(() => signal.addEventListener('SIGINT', 'x' as never), TypeError)
})

test('socket:errors: names, string codes, numeric static codes, and the extra fields', () => {
  const expected: Array<[keyof typeof errors, string, number]> = [
    ['AbortError', 'ABORT_ERR', 20], ['EncodingError', 'ENCODING_ERR', 32], ['IndexSizeError', 'INDEX_SIZE_ERR', 1],
    ['InvalidAccessError', 'INVALID_ACCESS_ERR', 15], ['NetworkError', 'NETWORK_ERR', 19], ['NotAllowedError', 'NOT_ALLOWED_ERR', 31],
    ['NotFoundError', 'NOT_FOUND_ERR', 8], ['NotSupportedError', 'NOT_SUPPORTED_ERR', 9], ['OperationError', 'OPERATION_ERR', 30],
    ['SecurityError', 'SECURITY_ERR', 18], ['TimeoutError', 'TIMEOUT_ERR', 23], ['BadRequestError', 'BAD_REQUEST_ERR', 0],
    ['IllegalConstructorError', 'ILLEGAL_CONSTRUCTOR_ERR', 0], ['FinalizationRegistryCallbackError', 'FINALIZATION_REGISTRY_CALLBACK_ERR', 0]
  ]
  for (const [name, code, number] of expected) {
    const Class = errors[name] as unknown as (new (message?: string) => Error & { code: string }) & { code: number }
    const error = new Class('because')
    assert.ok(error instanceof Error, name)
    assert.equal(error.name, name)
    assert.equal(error.code, code)
    assert.equal(error.message, name === 'AbortError' ? 'because' : 'because')
    assert.equal(Class.code, number, `${name}.code`)
    assert.match(String(error.stack), new RegExp(name))
    if (number !== 0) assert.equal((errors as unknown as Record<string, number>)[code], number)
  }
  assert.ok(new errors.IllegalConstructorError() instanceof TypeError)
  const controller = new AbortController()
  controller.abort('stop')
  const aborted = new errors.AbortError(controller.signal)
  assert.equal(aborted.signal, controller.signal)
  assert.equal(aborted.message, 'stop')
  assert.equal(new errors.AbortError().message, 'The operation was aborted')
  const enoent = new errors.ErrnoError(2) as errors.ErrnoError & { code: string }
  assert.deepEqual([enoent.name, enoent.code, enoent.errno, enoent.message], ['ErrnoError', 'ENOENT', 2, 'No such file or directory'])
  const missing = new errors.ModuleNotFoundError('Cannot find module \'x\'', ['/a.js']) as errors.ModuleNotFoundError & { code: string }
  assert.ok(missing instanceof errors.NotFoundError)
  assert.deepEqual([missing.code, missing.requireStack], ['MODULE_NOT_FOUND', ['/a.js']])
  assert.equal((new errors.InternalError('x', 'E_X') as unknown as { code: string }).code, 'E_X')
})

test('socket:enumeration: keys as properties, values in a frozen read-only set', () => {
  const states = Enumeration.from(['granted', 'denied', 'prompt'])
  assert.deepEqual([states.granted, states.length, states.has('denied'), states.keyOf('prompt'), [...states]], ['granted', 3, true, 'prompt', ['granted', 'denied', 'prompt']])
  const flags = new Enumeration({ READ: 1, WRITE: 2 })
  assert.deepEqual([flags.READ, flags.keyOf(2), flags.keyOf(3), flags.toJSON()], [1, 'WRITE', null, [1, 2]])
  assert.ok(Object.isFrozen(flags))
  assert.throws(() => flags.add(), /read-only/)
  assert.throws(() => { (flags as unknown as Record<string, number>).READ = 5 }, TypeError)
  assert.deepEqual([...new Enumeration(flags)], [1, 2])
})

test('socket:gc: finalize and release run a finalizer once; unref drops it; a throwing finalizer is reported', async () => {
  const calls: unknown[] = []
  const make = (label: string): object => ({ [gc.finalizer]: (...extra: unknown[]) => ({ args: [label, ...extra], handle: (...args: unknown[]) => { calls.push(args) } }) })
  const a = make('a')
  const b = make('b')
  const c = make('c')
  assert.equal(await gc.ref(a, 1), true)
  assert.equal(await gc.ref(a), false, 'a second ref is refused')
  assert.equal(await gc.ref({}), false, 'no finalizer method')
  assert.equal(await gc.ref(b), true)
  assert.equal(await gc.ref(c), true)
  assert.equal(gc.refs(), 3)
  assert.equal(gc.unref(c), true)
  assert.equal(await gc.finalize(a), true)
  assert.deepEqual(calls, [['a', 1]])
  await gc.release()
  assert.deepEqual(calls, [['a', 1], ['b']])
  assert.equal(gc.refs(), 0)
  const f = gc.Finalizer.from(() => {})
  assert.deepEqual(f.args, [])
  assert.throws(() => gc.Finalizer.from(5 as never), TypeError)
  const logged: unknown[] = []
  const original = console.error
  console.error = (value: unknown) => { logged.push(value) }
  try {
    await gc.finalize({ [gc.finalizer]: () => ({ handle: () => { throw new Error('bad finalizer') } }) })
  } finally {
    console.error = original
  }
  assert.ok(logged[0] instanceof errors.FinalizationRegistryCallbackError)
})

test('socket:async: AsyncContext.Variable/Snapshot and Deferred', async () => {
  const v = new AsyncContext.Variable({ name: 'v', defaultValue: 'd' })
  const snapshot = v.run('captured', () => new AsyncContext.Snapshot())
  const wrapped = v.run('wrapped', () => AsyncContext.Snapshot.wrap(() => v.get()))
  assert.deepEqual([v.get(), v.run('x', () => v.get()), snapshot.run(() => v.get()), wrapped(), v.name], ['d', 'x', 'captured', 'wrapped', 'v'])
  const als = new AsyncLocalStorage<number>()
  als.run(1, () => { als.enterWith(2); assert.equal(als.getStore(), 2) })
  assert.equal(als.getStore(), undefined, 'enterWith inside run ends with it')
  const deferred = new Deferred<number>()
  setTimeout(() => deferred.resolve(7), 1)
  assert.equal(await deferred, 7)
  assert.equal(String(deferred), '[object Deferred]')
})

test('socket:diagnostics channels behave as node:diagnostics_channel', () => {
  const observe = (dc: typeof nodeChannels): unknown[] => {
    const seen: unknown[] = []
    const name = `test.${Math.random()}`
    const ch = dc.channel(name)
    const before = [ch.hasSubscribers, dc.hasSubscribers(name)]
    const listener = (message: unknown, from: unknown): void => { seen.push([message, from === name]) }
    dc.subscribe(name, listener)
    ch.publish({ n: 1 })
    const during = [ch.hasSubscribers, dc.hasSubscribers(name), dc.channel(name) === ch]
    const removed = dc.unsubscribe(name, listener)
    ch.publish({ n: 2 })
    let threw: unknown
    try { dc.channel(5 as never) } catch (error) { threw = (error as { code?: string }).code }
    return [before, during, removed, dc.unsubscribe(name, listener), seen, threw]
  }
  assert.deepEqual(observe(channels as unknown as typeof nodeChannels), observe(nodeChannels))
  const group = channels.group('g', ['a', 'b'])
  const got: unknown[] = []
  group.subscribe((message) => got.push(message))
  channels.channel('g.b').publish('hi')
  assert.deepEqual(got, ['hi'])
})

test('socket:path Path: strings, file: URLs, parts, and back to a file: URL', () => {
  const p = Path.from('file:///home/user/My%20Docs/notes.txt')
  assert.deepEqual([p.value, p.root, p.dir, p.base, p.name, p.ext, p.parent, p.isRelative],
    ['/home/user/My Docs/notes.txt', '/', '/home/user/My Docs', 'notes.txt', 'notes', '.txt', '/home/user/My Docs', false])
  assert.equal(p.toURL().href, 'file:///home/user/My%20Docs/notes.txt')
  assert.equal(new Path('a/../b/./c.js').value, 'b/c.js')
  assert.equal(new Path('b/c.js', '/root').value, '/root/b/c.js')
  assert.equal(new Path(new URL('file:///x%23y')).value, '/x#y')
  assert.equal(Path.from('/a/b').join('c', '..', 'd').value, '/a/b/d')
  assert.equal(Path.from('/a/b').relative('/a/c'), '../c')
  assert.throws(() => Path.from(new URL('https://example.com/')), /only file: URLs/)
  assert.throws(() => Path.from('file:///a%2Fb'), /encoded \//)
  assert.throws(() => new Path(5 as never), TypeError)
})

test('socket:crypto murmur3 gives MurmurHash3 x86_32\'s published values', () => {
  assert.deepEqual([murmur3(''), murmur3('', 1), murmur3('', 0xffffffff), murmur3('test'), murmur3('Hello, world!', 1234),
    murmur3('The quick brown fox jumps over the lazy dog'), murmur3(new Uint8Array([0x21, 0x43, 0x65, 0x87]))],
  [0, 0x514e28b7, 0x81f16f39, 0xba6bd213, 0xfaf6cdb3, 0x2e4ff723, 0xf55b516b])
})

test('socket:util: the original\'s helpers', () => {
  class K {}
  assert.deepEqual([extras.hasOwnProperty({ a: 1 }, 'a'), extras.hasOwnProperty({}, 'toString'), extras.hasOwnProperty(null, 'a')], [true, false, false])
  assert.deepEqual([extras.isTypedArray(new Uint8Array()), extras.isTypedArray(new DataView(new ArrayBuffer(1))), extras.isArrayLike({ length: 2 }), extras.isArrayLike('x')], [true, false, true, false])
  assert.deepEqual([extras.isClass(K), extras.isClass(() => {}), extras.isPlainObject({}), extras.isPlainObject(new K()), extras.isPromiseLike({ then () {} })], [true, false, true, false, true])
  assert.deepEqual([extras.isAsyncFunction(async () => {}), extras.isEmptyObject({}), extras.isErrorLike({ name: 'E', message: 'm' }), extras.isBufferLike(new ArrayBuffer(1))], [true, true, true, true])
  assert.deepEqual([extras.toProperCase('hello'), extras.parseJSON('{"a":1}'), extras.parseJSON('{'), extras.parseHeaders('A: 1\r\nB-C:  two \n')], ['Hello', { a: 1 }, null, [['a', '1'], ['b-c', 'two']]])
  assert.deepEqual(extras.splitBuffer('abcde', 2).map(String), ['ab', 'cd', 'e'])
  assert.throws(() => extras.splitBuffer('x', 0), RangeError)
  assert.deepEqual([extras.compareBuffers('a', 'b'), extras.isValidPercentageValue('50'), extras.isValidPercentageValue(101)], [-1, true, false])
})

test('socket:test/fast-deep-equal follows fast-deep-equal (es6)\'s rules', () => {
  const cases: Array<[unknown, unknown, boolean]> = [
    [1, 1, true], [NaN, NaN, true], [0, -0, true], ['1', 1, false], [null, undefined, false], [{}, [], false],
    [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true], [{ a: 1, b: 2 }, { b: 2, a: 1 }, true], [{ a: 1 }, { a: 1, b: undefined }, false],
    [new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]]), true], [new Set([1, 2]), new Set([2, 1]), true], [new Set([{}]), new Set([{}]), false],
    [new Uint8Array([1, 2]), new Uint8Array([1, 2]), true], [new Uint8Array([1]), new Int8Array([1]), false],
    [/a/g, /a/g, true], [/a/g, /a/i, false], [new Date(1), new Date(1), true], [new Date(1), new Date(2), false],
    [Object.create(null), {}, false], [[1, 2], [1, 2, 3], false]
  ]
  for (const [a, b, expected] of cases) assert.equal(equal(a, b), expected, `${nodeUtil.inspect(a)} vs ${nodeUtil.inspect(b)}`)
})
