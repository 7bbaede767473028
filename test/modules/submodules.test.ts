// Sub-modules that re-export part of a pure module, differentially in Node: socket:path/posix and
// socket:path/win32 through the whole path case file against node:path/posix and node:path/win32, and
// socket:util/types' predicates against node:util/types on the same values.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as nodeTypes from 'node:util/types'
import { observePath } from './cases/path.cases.ts'
import { assertSameObservations } from './harness/compare.ts'

for (const flavour of ['posix', 'win32'] as const) {
  test(`socket:path/${flavour} gives the same observations as node:path/${flavour}`, async () => {
    const ours = flavour === 'posix' ? await import('../../runtime-js/modules/path/posix.ts') : await import('../../runtime-js/modules/path/win32.ts')
    const node = await import(`node:path/${flavour}`)
    assertSameObservations(await observePath(node.default ?? node), await observePath(((ours as { default?: unknown }).default ?? ours) as never), `path/${flavour}`)
  })
}

test('socket:util/types answers as node:util/types', async () => {
  const ours = (await import('../../runtime-js/modules/util/types.ts')).default as unknown as Record<string, (v: unknown) => boolean>
  const values: Array<[string, unknown]> = [
    ['date', new Date()], ['regexp', /x/], ['map', new Map()], ['set', new Set()], ['weakmap', new WeakMap()], ['weakset', new WeakSet()],
    ['promise', Promise.resolve()], ['arraybuffer', new ArrayBuffer(1)], ['uint8array', new Uint8Array(1)], ['float64array', new Float64Array(1)],
    ['bigint64array', new BigInt64Array(1)], ['dataview', new DataView(new ArrayBuffer(1))], ['generator function', function * () {}],
    ['async function', async () => {}], ['boxed number', Object(1)], ['boxed string', Object('s')], ['symbol object', Object(Symbol('s'))],
    ['arguments', (function () { return arguments })()], ['map iterator', new Map().keys()], ['set iterator', new Set().values()],
    ['module namespace', nodeTypes], ['plain object', {}], ['number', 1], ['null', null], ['shared array buffer', new SharedArrayBuffer(1)], ['error', new Error('x')]
  ]
  // isProxy throws NotSupportedError (no script can tell a Proxy): checked below.
  const names = Object.keys(nodeTypes).filter((name) => name.startsWith('is') && typeof ours[name] === 'function' && name !== 'isProxy')
  assert.ok(names.length >= 30, `only ${names.length} predicates in common`)
  const answers = (types: Record<string, (v: unknown) => boolean>): Record<string, boolean[]> =>
    Object.fromEntries(names.map((name) => [name, values.map(([, v]) => types[name](v))]))
  assert.deepEqual(answers(ours), answers(nodeTypes as unknown as Record<string, (v: unknown) => boolean>))
  assert.throws(() => ours.isProxy(new Proxy({}, {})), { name: 'NotSupportedError', code: 'ERR_NOT_SUPPORTED', message: /util\.types\.isProxy/ })
})
