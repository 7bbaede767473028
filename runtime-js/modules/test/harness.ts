// socket:test/harness — the original's harness wrapper (after tapzero's): `wrapHarness(test, HarnessClass)`
// gives a `test(name, [options], fn)` whose `fn(harness, t)` gets a fresh `new HarnessClass(options)` for each
// test, `await harness.bootstrap()` before and `await harness.close()` after (also when the test fails).
import type { Test, TestFn } from './test-case.ts'

export interface HarnessInstance { bootstrap?: () => unknown, close?: () => unknown }
export type HarnessClass<H extends HarnessInstance = HarnessInstance> = new (options: Record<string, unknown>) => H
type TestLike = ((name: string, fn?: TestFn) => Test) & { only: (name: string, fn?: TestFn) => Test, skip: (name: string, fn?: TestFn) => Test }
type HarnessFn<H> = (harness: H, t: Test) => unknown

export class TapeHarness<H extends HarnessInstance = HarnessInstance> {
  readonly tapzero: TestLike
  readonly harnessClass: HarnessClass<H>

  constructor (tapzero: TestLike, harnessClass: HarnessClass<H>) {
    if (typeof tapzero !== 'function') throw new TypeError('wrapHarness: expected the test function of socket:test')
    if (typeof harnessClass !== 'function') throw new TypeError('wrapHarness: expected a harness class')
    this.tapzero = tapzero
    this.harnessClass = harnessClass
  }

  test (name: string, options: Record<string, unknown> | HarnessFn<H>, fn?: HarnessFn<H>): Test {
    return this.#add(this.tapzero, name, options, fn)
  }

  only (name: string, options: Record<string, unknown> | HarnessFn<H>, fn?: HarnessFn<H>): Test {
    return this.#add(this.tapzero.only, name, options, fn)
  }

  skip (name: string, options: Record<string, unknown> | HarnessFn<H>, fn?: HarnessFn<H>): Test {
    return this.#add(this.tapzero.skip, name, options, fn)
  }

  #add (register: (name: string, fn?: TestFn) => Test, name: string, options: Record<string, unknown> | HarnessFn<H>, fn?: HarnessFn<H>): Test {
    const body = typeof options === 'function' ? options : fn
    const opts = typeof options === 'function' ? {} : options
    if (typeof body !== 'function') throw new TypeError(`harness test "${name}": expected a function`)
    return register(name, async (t) => {
      const harness = new this.harnessClass(opts)
      await harness.bootstrap?.()
      try {
        await body(harness, t)
      } finally {
        await harness.close?.()
      }
    })
  }
}

export function wrapHarness<H extends HarnessInstance> (tapzero: TestLike, harnessClass: HarnessClass<H>): TapeHarness<H> {
  return new TapeHarness(tapzero, harnessClass)
}

export default wrapHarness
