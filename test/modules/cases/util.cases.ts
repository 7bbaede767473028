// Observations of util: the same file runs against node:util and socket:util. `inspect` output of
// Maps, Sets, class instances and long arrays differs between Node 20 and the npm port, so only the
// shapes both print alike are observed here (docs/modules.md lists the differences: also strings holding a
// quote, and -0).
import type * as NodeUtil from 'node:util'
import { Observer, type Observations } from '../harness/observe.ts'

export async function observeUtil (util: typeof NodeUtil): Promise<Observations> {
  const o = new Observer()
  o.see('format %s %d %j', () => util.format('%s=%d %j', 'a', 42, { b: [1] }))
  o.see('format extra args', () => util.format('x', 1, 'y'))
  o.see('format %%', () => util.format('100%% %s', 'sure'))
  o.see('format %i %f', () => util.format('%i %f', 4.7, '1.5'))
  o.see('inspect object', () => util.inspect({ a: 1, b: 'two', c: [1, 2, 3], d: { e: null } }))
  o.see('inspect nested depth', () => util.inspect({ a: { b: { c: { d: 1 } } } }))
  o.see('inspect undefined', () => util.inspect(undefined))
  o.see('types', () => [util.types.isDate(new Date()), util.types.isRegExp(/x/), util.types.isPromise(Promise.resolve()),
    util.types.isUint8Array(new Uint8Array()), util.types.isGeneratorFunction(function * () {})])
  o.see('inherits', () => {
    function A (this: { a?: number }): void { this.a = 1 }
    A.prototype.hello = function (): string { return 'hi' }
    function B (): void {}
    util.inherits(B, A)
    return [new (B as unknown as new () => { hello (): string })().hello(), (B as unknown as { super_: unknown }).super_ === A]
  })
  await o.seeAsync('promisify', async () => {
    const fn = (a: number, cb: (e: Error | null, v?: number) => void): void => { setTimeout(() => cb(null, a * 2), 1) }
    return await util.promisify(fn)(21)
  })
  await o.seeAsync('promisify rejects', async () => {
    const fn = (cb: (e: Error | null) => void): void => cb(new RangeError('no'))
    return await util.promisify(fn)()
  })
  o.see('promisify custom symbol', () => {
    const fn = (): void => {}
    const custom = async (): Promise<string> => 'custom'
    ;(fn as unknown as Record<symbol, unknown>)[Symbol.for('nodejs.util.promisify.custom')] = custom
    return [util.promisify(fn) === custom, util.promisify.custom === Symbol.for('nodejs.util.promisify.custom')]
  })
  o.see('promisify non-function throws', () => util.promisify(1 as unknown as () => void))
  await o.seeAsync('callbackify', async () => {
    const fn = util.callbackify(async (x: number) => x + 1)
    return await new Promise((resolve) => fn(1, (error, value) => resolve([error, value])))
  })
  o.see('isDeepStrictEqual', () => [
    util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }),
    util.isDeepStrictEqual({ a: 1 }, { a: '1' }),
    util.isDeepStrictEqual(new Map([[1, 'a']]), new Map([[1, 'a']])),
    util.isDeepStrictEqual([1, 2], [2, 1]),
    util.isDeepStrictEqual(NaN, NaN),
    util.isDeepStrictEqual(new Date(5), new Date(5))
  ])
  o.see('TextEncoder', () => new util.TextEncoder().encode('é'))
  o.see('toUSVString', () => util.toUSVString('a\ud800b'))
  o.see('deprecate wraps', () => typeof util.deprecate(() => 1, 'old'))
  o.see('getSystemErrorName', () => [-1, -2, -11, -13, -95, -98, -110, -9999].map((n) => util.getSystemErrorName(n)))
  o.see('getSystemErrorName 0', () => util.getSystemErrorName(0))
  o.see('getSystemErrorName string', () => util.getSystemErrorName('x' as unknown as number))
  o.see('getSystemErrorMap', () => [-2, -13, -98].map((n) => util.getSystemErrorMap().get(n)))
  o.see('stripVTControlCharacters', () => util.stripVTControlCharacters('\u001b[31mred\u001b[39m \u001b[1mbold\u001b[22m plain'))
  return o.results
}
