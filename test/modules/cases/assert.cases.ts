// Observations of assert: which calls pass and how failures look (name, code, operator, generatedMessage).
import type NodeAssert from 'node:assert'
import { Observer, type Observations } from '../harness/observe.ts'

type Assert = typeof NodeAssert

export async function observeAssert (module: { default: Assert }): Promise<Observations> {
  const assert = module.default
  const o = new Observer()
  const outcome = (fn: () => unknown): unknown => {
    try { fn(); return 'pass' } catch (e) {
      const error = e as { name?: string, code?: string, operator?: string, generatedMessage?: boolean, message?: string }
      return error.code === 'ERR_ASSERTION' ? { name: error.name, code: error.code, operator: error.operator, generated: error.generatedMessage } : { rethrown: error.name, message: error.message }
    }
  }
  const cases: Array<[string, () => unknown]> = [
    ['ok true', () => assert.ok(1)], ['ok false', () => assert.ok(0)], ['callable', () => assert(false, 'custom')],
    ['equal loose', () => assert.equal(1, '1')], ['equal NaN', () => assert.equal(NaN, NaN)], ['notEqual', () => assert.notEqual(1, 2)],
    ['strictEqual fails', () => assert.strictEqual(1, '1')], ['notStrictEqual', () => assert.notStrictEqual(1, '1')],
    ['deepEqual loose', () => assert.deepEqual({ a: 1 }, { a: '1' })], ['deepStrictEqual fails', () => assert.deepStrictEqual({ a: 1 }, { a: '1' })],
    ['deepStrictEqual nested', () => assert.deepStrictEqual({ a: [1, { b: new Date(0) }] }, { a: [1, { b: new Date(0) }] })],
    ['notDeepStrictEqual', () => assert.notDeepStrictEqual([1], [2])],
    ['strict.equal', () => assert.strict.equal(1, '1')], ['strict.deepEqual', () => assert.strict.deepEqual([1], ['1'])],
    ['fail', () => assert.fail('boom')], ['match', () => assert.match('abc', /b/)], ['match fails', () => assert.match('abc', /z/)],
    ['ifError null', () => assert.ifError(null)], ['ifError error', () => assert.ifError(new RangeError('x'))],
    ['throws any', () => assert.throws(() => { throw new Error('x') })], ['throws class', () => assert.throws(() => { throw new TypeError('x') }, TypeError)],
    ['throws regexp', () => assert.throws(() => { throw new Error('hello') }, /ell/)], ['throws object', () => assert.throws(() => { throw Object.assign(new Error('m'), { code: 'E1' }) }, { code: 'E1' })],
    ['throws object mismatch', () => assert.throws(() => { throw Object.assign(new Error('m'), { code: 'E1' }) }, { code: 'E2' })],
    ['throws nothing', () => assert.throws(() => {})], ['doesNotThrow', () => assert.doesNotThrow(() => { throw new Error('x') })],
    ['custom Error message is thrown', () => assert.ok(false, new RangeError('mine'))]
  ]
  for (const [label, fn] of cases) o.see(label, () => outcome(fn))
  await o.seeAsync('rejects', async () => { await assert.rejects(Promise.reject(new Error('x')), Error); return 'pass' })
  await o.seeAsync('rejects nothing', async () => { try { await assert.rejects(Promise.resolve()); return 'pass' } catch (e) { return (e as { code?: string }).code } })
  return o.results
}
