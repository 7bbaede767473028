// The marshalling round trip: values encoded by the generated JS client travel as real ipc:// requests to the
// generated C++ dispatch (compiled with g++), which decodes and validates them; the echo service answers and
// the JS client decodes the reply. Every IDL type, with edge cases, must come back equal.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { IpcClient, NotFoundError } from '../../runtime-js/ipc/index.ts'
import { compileAndLink } from './cpp-build.ts'
import { generateFixture } from './fixture-build.ts'
import { frameTransport, type FrameTransport } from './frame-transport.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let echo: any
let client: IpcClient
let transport: FrameTransport

before(async () => {
  const { root } = generateFixture('test/fixtures/idl/roundtrip', 'roundtrip')
  const server = join(root, 'echo-server')
  await compileAndLink(
    ['test/generator/cpp/echo_server.cc', join(root, 'generated/cpp/echo_dispatch.cc'),
      ...['codec', 'error', 'json', 'message', 'permission', 'reply', 'router', 'utf8'].map((n) => `native/ipc/${n}.cc`)],
    ['native', join(root, 'generated/cpp'), 'test/generator/cpp'],
    server)
  transport = frameTransport(resolve(server))
  client = new IpcClient({ transport, index: 3 })
  const module = await import(pathToFileURL(resolve(root, 'generated/js/echo.ts')).href)
  echo = module.createEchoClient(client)
})

after(async () => { await transport?.close() })

describe('round trip through the generated C++ dispatch', () => {
  test('booleans and every integer type at their limits', async () => {
    for (const v of [true, false]) assert.equal(await echo.echoBoolean(v), v)
    for (const v of [-128, 0, 127]) assert.equal(await echo.echoByte(v), v)
    for (const v of [0, 255]) assert.equal(await echo.echoOctet(v), v)
    for (const v of [-32768, 32767]) assert.equal(await echo.echoShort(v), v)
    for (const v of [0, 65535]) assert.equal(await echo.echoUnsignedShort(v), v)
    for (const v of [-2147483648, 0, 2147483647]) assert.equal(await echo.echoLong(v), v)
    for (const v of [0, 4294967295]) assert.equal(await echo.echoUnsignedLong(v), v)
    for (const v of [-(2n ** 63n), -1n, 0n, 2n ** 53n + 1n, 2n ** 63n - 1n]) assert.equal(await echo.echoLongLong(v), v)
    for (const v of [0n, 2n ** 64n - 1n, 18446744073709551557n]) assert.equal(await echo.echoUnsignedLongLong(v), v)
    assert.equal(await echo.echoUnsignedLongLong(42), 42n, 'a number is accepted for a 64-bit argument')
  })

  test('floating point values', async () => {
    for (const v of [0, -1.5, 0.1, 1e300, -2.2250738585072014e-308, Number.MAX_SAFE_INTEGER]) {
      assert.equal(await echo.echoDouble(v), v)
    }
    assert.equal(await echo.echoFloat(0.5), 0.5)
    assert.equal(await echo.describeUnrestricted(Infinity), 'Infinity')
    assert.equal(await echo.describeUnrestricted(-Infinity), '-Infinity')
    assert.equal(await echo.describeUnrestricted(NaN), 'NaN')
    assert.equal(await echo.describeUnrestricted(2.5), 'finite')
  })

  test('strings: empty, unicode, and the characters the query string uses', async () => {
    const samples = ['', ' ', 'a b', 'a+b', 'a&b=c', '100%', '%20', '?#/', 'line\nbreak\ttab', '"quoted" \\ back',
      'héllo wörld', '日本語', '🎉 emoji', '\u0000nul', 'x'.repeat(10000)]
    for (const v of samples) {
      assert.equal(await echo.echoString(v), v)
      assert.equal(await echo.echoUsvString(v), v)
    }
    assert.equal(await echo.echoUsvString('lone \ud800 surrogate'), 'lone \ufffd surrogate')
  })

  test('enums, including the empty string value', async () => {
    for (const v of ['alpha', 'beta-gamma', '']) assert.equal(await echo.echoEnum(v), v)
  })

  test('dictionaries with every member kind, defaults filled in natively', async () => {
    const full = {
      flag: true, small: 255, id: 2n ** 64n - 2n, delta: -(2n ** 62n), ratio: 0.25, text: 'a+b & c',
      kind: 'beta-gamma', origin: { x: -1, y: 2 }, path: [{ x: 1, y: 1 }, { x: 2, y: 3 }],
      totals: { 'a b': 2n ** 60n, '': 0n }, note: 'n', maybe: 5, label: 'set', size: '50%', extra: { nested: [1, 'two', null] }
    }
    assert.deepEqual(await echo.echoDictionary(full), full)
    const minimal = { flag: false, small: 0, id: 1n, delta: 0n, ratio: 0, text: '', kind: 'alpha', origin: { x: 0, y: 0 } }
    assert.deepEqual(await echo.echoDictionary(minimal),
      { ...minimal, path: [], totals: {}, note: null, label: 'none', size: 1, extra: null })
  })

  test('sequences, records, nullable, optional, unions and any', async () => {
    assert.deepEqual(await echo.echoSequence([]), [])
    assert.deepEqual(await echo.echoSequence([1, -2, 2147483647]), [1, -2, 2147483647])
    assert.deepEqual(await echo.echoPoints([{ x: 1, y: 2 }]), [{ x: 1, y: 2 }])
    assert.deepEqual(await echo.echoRecord({}), {})
    assert.deepEqual(await echo.echoRecord({ 'k&=+': 'v %20', ünï: '' }), { 'k&=+': 'v %20', ünï: '' })
    assert.equal(await echo.echoNullable(null), null)
    assert.equal(await echo.echoNullable(''), '')
    assert.equal(await echo.echoOptional(), 7, 'a missing optional argument takes its IDL default')
    assert.equal(await echo.echoOptional(-3), -3)
    assert.equal(await echo.echoOptionalNoDefault(), null)
    assert.equal(await echo.echoOptionalNoDefault('x'), 'x')
    assert.equal(await echo.echoUnion('42'), '42', 'a numeric-looking string stays a string')
    assert.equal(await echo.echoUnion(42), 42)
    for (const v of [null, 0, 'text', [1, [2]], { a: { b: true } }]) assert.deepEqual(await echo.echoAny(v), v)
  })

  test('buffers: empty, 1 MiB, and beside scalar arguments', async () => {
    assert.deepEqual(await echo.echoBuffer(new Uint8Array(0)), new Uint8Array(0))
    const big = new Uint8Array(1024 * 1024)
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff
    const back: Uint8Array = await echo.echoBuffer(big)
    assert.equal(back.byteLength, big.byteLength)
    assert.ok(Buffer.from(back).equals(Buffer.from(big)))
    assert.deepEqual(await echo.echoBuffer(new Uint16Array([1, 0xffff]).buffer), new Uint8Array([1, 0, 0xff, 0xff]))
    let sum = 0
    for (const b of big) sum = (sum + b) >>> 0
    assert.deepEqual(await echo.echoMixed('t+ x', big), { text: 't+ x', length: big.length, count: 3, checksum: sum })
    assert.deepEqual(await echo.echoMixed('', new Uint8Array(0), 0), { text: '', length: 0, count: 0, checksum: 0 })
  })
})

describe('invalid input is a typed error naming the argument, never a crash', () => {
  const call = (route: string, params: Array<[string, string | undefined]>): Promise<unknown> => client.call(route, params)
  const rejects = (promise: Promise<unknown>, type: typeof Error, message: string): Promise<void> =>
    assert.rejects(promise, (error: Error) => {
      assert.ok(error instanceof type, `expected ${type.name}, got ${error.name}: ${error.message}`)
      assert.equal(error.message, message)
      return true
    })

  test('wrong types and out-of-range numbers', async () => {
    await rejects(call('echo.echoLong', [['value', 'abc']]), TypeError, "echo.echoLong: argument 'value' must be an integer")
    await rejects(call('echo.echoLong', [['value', '1.5']]), TypeError, "echo.echoLong: argument 'value' must be an integer")
    await rejects(call('echo.echoLong', [['value', '2147483648']]), RangeError,
      "echo.echoLong: argument 'value' is out of range (-2147483648 to 2147483647)")
    await rejects(call('echo.echoOctet', [['value', '-1']]), RangeError, "echo.echoOctet: argument 'value' is out of range (0 to 255)")
    await rejects(call('echo.echoUnsignedLongLong', [['value', '18446744073709551616']]), RangeError,
      "echo.echoUnsignedLongLong: argument 'value' is out of range (0 to 18446744073709551615)")
    await rejects(call('echo.echoDouble', [['value', 'Infinity']]), TypeError, "echo.echoDouble: argument 'value' must be a finite number")
    await rejects(call('echo.echoDouble', [['value', 'NaN']]), TypeError, "echo.echoDouble: argument 'value' must be a finite number")
    await rejects(call('echo.echoBoolean', [['value', 'yes']]), TypeError, "echo.echoBoolean: argument 'value' must be a boolean (true or false)")
  })

  test('missing arguments, bad enums, invalid UTF-8 and size limits', async () => {
    await rejects(call('echo.echoString', []), TypeError, "echo.echoString: missing required argument 'value'")
    await rejects(call('echo.echoEnum', [['value', 'gamma']]), TypeError,
      "echo.echoEnum: argument 'value' must be one of 'alpha', 'beta-gamma', ''")
    const raw = await transport.send({ uri: 'ipc://echo.echoString?seq=R1&index=0&value=%FF%FE' })
    assert.match(new TextDecoder().decode(raw.body), /"type":"TypeError","message":"echo.echoString: argument 'value' must be valid UTF-8 text"/)
    await rejects(call('echo.echoLimited', [['value', '123456789']]), RangeError,
      "echo.echoLimited: argument 'value' is longer than the limit of 8")
    assert.equal(await call('echo.echoLimited', [['value', '12345678']]), '12345678')
  })

  test('malformed JSON and wrong member types inside dictionaries', async () => {
    await rejects(call('echo.echoSequence', [['value', '[1,']]), TypeError,
      "echo.echoSequence: argument 'value' is not valid JSON: unexpected end of input at offset 3")
    await rejects(call('echo.echoSequence', [['value', '[1,"2"]']]), TypeError, "echo.echoSequence: argument 'value[1]' must be an integer")
    const dict = { flag: true, small: 1, id: '1', delta: '0', ratio: 1, text: '', kind: 'alpha', origin: { x: 'left', y: 0 } }
    await rejects(call('echo.echoDictionary', [['value', JSON.stringify(dict)]]), TypeError,
      "echo.echoDictionary: argument 'value.origin.x' must be an integer")
    const { origin: _, ...withoutOrigin } = dict
    await rejects(call('echo.echoDictionary', [['value', JSON.stringify(withoutOrigin)]]), TypeError,
      "echo.echoDictionary: missing required argument 'value.origin'")
    await rejects(call('echo.echoUnion', [['value', 'true']]), TypeError,
      "echo.echoUnion: argument 'value' must be one of the union's member types")
  })

  test('an unknown route is a NotFoundError with HTTP 404', async () => {
    await assert.rejects(call('echo.nope', []), NotFoundError)
    const raw = await transport.send({ uri: 'ipc://echo.nope?seq=R9&index=0' })
    assert.equal(raw.status, 404)
    const reply = JSON.parse(new TextDecoder().decode(raw.body))
    assert.equal(reply.source, 'echo.nope')
    assert.equal(reply.err.type, 'NotFoundError')
  })

  test('replies carry the source, the token and an id', async () => {
    const raw = await transport.send({ uri: 'ipc://echo.echoLong?seq=R5&index=1&value=5&ipc-token=abc' })
    const reply = JSON.parse(new TextDecoder().decode(raw.body))
    assert.equal(reply.source, 'echo.echoLong')
    assert.equal(reply.token, 'abc')
    assert.match(reply.id, /^\d+$/)
    assert.equal(reply.data, 5)
    assert.equal(raw.contentType, 'application/json')
  })
})
