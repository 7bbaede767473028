// The socket:test harness's runner and assertions, run in Node with the TAP lines captured.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { TestRunner } from '../../runtime-js/modules/test/runner.ts'
import type { TestFn } from '../../runtime-js/modules/test/test-case.ts'

async function tap (define: (runner: TestRunner) => void, strict = false): Promise<{ lines: string[], status: number, exitedWith: number | undefined }> {
  const lines: string[] = []
  let exitedWith: number | undefined
  const runner = new TestRunner({ print: (text) => lines.push(...text.split('\n')), exit: (code) => { exitedWith = code }, startDelay: 1, exitDelay: 1 })
  runner.strict = strict
  define(runner)
  const status = await runner.run()
  await new Promise((resolve) => setTimeout(resolve, 10))
  return { lines, status, exitedWith }
}

test('passing tests print TAP 13 with a plan and "# ok", and exit 0', async () => {
  const { lines, status, exitedWith } = await tap((r) => {
    r.add('first', (t) => { t.ok(1, 'truthy'); t.equal('a', 'a') })
    r.add('second', async (t) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      t.deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, 'deep')
      t.notEqual(1, 2); t.notDeepEqual([1], [2]); t.pass(); t.ifError(null, 'no error')
      t.throws(() => { throw new TypeError('boom') }, /boom/, 'throws boom')
      t.throws(() => { throw new TypeError('x') }, TypeError, 'throws a TypeError')
      t.comment('a note\nover two lines')
    })
  })
  assert.equal(status, 0)
  assert.equal(exitedWith, 0)
  assert.deepEqual(lines, [
    'TAP version 13', '# first', 'ok 1 truthy', 'ok 2 should be equal',
    '# second', 'ok 3 deep', 'ok 4 should not be equal', 'ok 5 should not be deeply equal', 'ok 6 pass called',
    'ok 7 no error', 'ok 8 throws boom', 'ok 9 throws a TypeError', '# a note', '# over two lines',
    '', '1..9', '# tests 9', '# pass  9', '', '# ok'
  ])
})

test('failures print "not ok" with a YAML block, a count of failures, and exit 1', async () => {
  const { lines, status, exitedWith } = await tap((r) => {
    r.add('equal', (t) => { t.equal(1, 2, 'one is two') })
    r.add('throws', () => { throw new RangeError('thrown inside') })
    r.add('rejects', async () => { await Promise.reject(new Error('rejected')) })
    r.add('plan', (t) => { t.plan(2); t.ok(true) })
    r.add('no throw', (t) => { t.throws(() => {}, undefined, 'should have thrown') })
    r.add('fail', (t) => { t.fail('explicit') })
  })
  assert.equal(status, 1)
  assert.equal(exitedWith, 1)
  const text = lines.join('\n')
  assert.match(text, /^not ok 1 one is two\n {2}---\n {4}operator: equal\n {4}expected: 2\n {4}actual: {3}1\n/m)
  assert.match(text, /^not ok 2 RangeError: thrown inside$/m)
  assert.match(text, /^not ok 3 Error: rejected$/m)
  assert.match(text, /^ok 4 should be truthy$/m)
  assert.match(text, /^not ok 5 planned 2 assertions but ran 1$/m)
  assert.match(text, /^not ok 6 should have thrown$/m)
  assert.match(text, /^not ok 7 explicit$/m)
  assert.deepEqual(lines.slice(-4), ['1..7', '# tests 7', '# pass  1', '# fail  6'])
  // Every diagnostic block is closed.
  assert.equal(lines.filter((l) => l === '  ---').length, lines.filter((l) => l === '  ...').length)
})

test('only and skip select tests; strict mode fails a suite that still has test.only', async () => {
  const selected = await tap((r) => {
    r.add('skipped by only', (t) => t.fail('must not run'))
    r.add('the only one', (t) => t.pass('ran'), { only: true })
    r.add('explicitly skipped', (t) => t.fail('must not run'), { skip: true })
  })
  assert.equal(selected.status, 0)
  assert.deepEqual(selected.lines.slice(0, 5), ['TAP version 13', '# SKIP skipped by only', '# the only one', 'ok 1 ran', '# SKIP explicitly skipped'])

  const strict = await tap((r) => { r.add('only', (t) => t.pass(), { only: true }) }, true)
  assert.equal(strict.status, 1)
  assert.ok(strict.lines.includes('not ok 2 test.only is not allowed in strict mode'))
})

test('an assertion after its test ended fails instead of passing silently', async () => {
  let late: Promise<void> | undefined
  const { lines, status } = await tap((r) => {
    r.add('forgot to await', (t) => { late = new Promise((resolve) => setTimeout(() => { t.ok(true, 'late'); resolve() }, 5)) })
    r.add('next', async (t) => { await late; t.pass() })
  })
  assert.equal(status, 1)
  assert.ok(lines.some((l) => /^not ok \d assertion after "forgot to await" ended: late$/.test(l)), lines.join('\n'))
})

test('bad arguments are typed errors', () => {
  const runner = new TestRunner({ startDelay: 60_000 })
  assert.throws(() => runner.add(42 as unknown as string, () => {}), TypeError)
  assert.throws(() => runner.add('x', 'nope' as never), /expected a function/)
})

test('a test that never ends fails with a timeout, the run goes on to its plan, and no timer is left behind', async () => {
  const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
  const { lines, status, exitedWith } = await tap((r) => {
    r.timeout = 10_000
    r.add('hangs', () => new Promise(() => {}), { timeout: 50 })
    r.add('after it', (t) => { t.pass('still ran') })
    r.add('fast enough', async (t) => { await new Promise((resolve) => setTimeout(resolve, 5)); t.pass('quick') }, { timeout: 5000 })
  })
  assert.equal(status, 1)
  assert.equal(exitedWith, 1)
  assert.ok(lines.includes('not ok 1 TimeoutError: test "hangs" did not end within 50 ms'), lines.join('\n'))
  assert.ok(lines.includes('ok 2 still ran'))
  assert.deepEqual(lines.slice(-4), ['1..3', '# tests 3', '# pass  2', '# fail  1'])
  // The 10 s default and the 5 s limit of the passing test were both cleared when their tests ended.
  assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, timersBefore)
})

test('the runner\'s default timeout applies to every test; a bad timeout is a TypeError', async () => {
  const { lines } = await tap((r) => {
    r.timeout = 30
    r.add('slow', () => new Promise((resolve) => setTimeout(resolve, 300)))
  })
  assert.ok(lines.some((l) => /^not ok 1 TimeoutError: test "slow" did not end within 30 ms$/.test(l)), lines.join('\n'))
  const runner = new TestRunner({ startDelay: 1 })
  assert.throws(() => runner.add('x', () => {}, { timeout: -1 }), /timeout must be a number of milliseconds/)
  await runner.run()
})

test('platform skips print the reason; uncaught errors reported through context fail the run', async () => {
  const { lines, status } = await tap((r) => {
    r.add('mac only', (t) => t.fail('must not run'), { skip: true, skipReason: 'macosx only' })
    r.add('uncaught', async (t) => { r.reportUncaught('uncaught error', new RangeError('out of band')); t.pass() })
  })
  assert.equal(status, 1)
  assert.ok(lines.includes('# SKIP mac only (macosx only)'))
  assert.ok(lines.includes('not ok 1 uncaught error: RangeError: out of band'), lines.join('\n'))
})

test('socket:test/harness: a fresh harness per test, bootstrapped before and closed after, also on failure', async () => {
  const { wrapHarness } = await import('../../runtime-js/modules/test/harness.ts')
  const events: string[] = []
  class Harness {
    constructor (readonly options: Record<string, unknown>) { events.push(`new ${JSON.stringify(options)}`) }
    async bootstrap (): Promise<void> { events.push('bootstrap') }
    async close (): Promise<void> { events.push('close') }
  }
  const { lines, status } = await tap((r) => {
    const t = Object.assign((name: string, fn?: TestFn) => r.add(name, fn), {
      only: (name: string, fn?: TestFn) => r.add(name, fn, { only: true }),
      skip: (name: string, fn?: TestFn) => r.add(name, fn, { skip: true })
    })
    const harnessed = wrapHarness(t, Harness)
    harnessed.test('with options', { size: 2 }, async (harness, assert) => { assert.equal(harness.options.size, 2) })
    harnessed.test('failing', () => { throw new Error('inside') })
  })
  assert.equal(status, 1)
  assert.deepEqual(events, ['new {"size":2}', 'bootstrap', 'close', 'new {}', 'bootstrap', 'close'])
  assert.ok(lines.includes('not ok 2 Error: inside'))
  assert.throws(() => wrapHarness(5 as never, Harness), TypeError)
})

test('socket:test/context: while installed, the global error and unhandledrejection events go to the runner', async () => {
  const { default: context } = await import('../../runtime-js/modules/test/context.ts')
  // Node's global is no EventTarget; give it one for the duration (a window's is the real thing).
  const target = new EventTarget()
  const global = globalThis as Record<string, unknown>
  Object.assign(global, { addEventListener: target.addEventListener.bind(target), removeEventListener: target.removeEventListener.bind(target) })
  const event = (type: string, fields: Record<string, unknown>): Event => Object.assign(new Event(type), fields)
  try {
    const reported: unknown[] = []
    const remove = context({ reportUncaught: (label: string, error: unknown) => reported.push([label, String(error)]) } as never)
    target.dispatchEvent(event('error', { error: new Error('boom') }))
    target.dispatchEvent(event('unhandledrejection', { reason: 'why' }))
    remove()
    target.dispatchEvent(event('error', { error: new Error('after') }))
    assert.deepEqual(reported, [['uncaught error', 'Error: boom'], ['unhandled rejection', 'why']])
  } finally {
    delete global.addEventListener
    delete global.removeEventListener
  }
})
