// One test: its assertions (tapzero's set), DOM helpers, and the plan. Results go to the runner's TAP stream.
import { isDeepStrictEqual } from '../../internal/deep-equal.ts'
import { callSite, diagnostic, type Failure } from './format.ts'
import * as dom from './dom.ts'

export type TestFn = (t: Test) => unknown

export interface TestOptions { only?: boolean, skip?: boolean, skipReason?: string, timeout?: number }

/** Where a test's results go; the runner numbers assertions across all tests. */
export interface AssertionSink {
  print: (line: string) => void
  record: (ok: boolean) => number
}

/** A test that did not end within its timeout; it fails and the run goes on with the next test. */
export class TestTimeoutError extends Error {
  constructor (name: string, ms: number) {
    super(`test "${name}" did not end within ${ms} ms`)
    this.name = 'TimeoutError'
  }
}

export class Test {
  readonly name: string
  readonly fn: TestFn | undefined
  readonly only: boolean
  readonly skip: boolean
  /** Assertions made so far, and how many failed. */
  count = 0
  failed = 0
  private planned: number | undefined
  private ended = false
  private sink: AssertionSink | undefined
  private strict = false

  /** Milliseconds the test may run before it fails with a timeout (0: no limit; the runner's default). */
  timeout: number | undefined
  /** Why the test is skipped when it is (e.g. `linux only`); printed after `# SKIP name`. */
  readonly skipReason: string | undefined

  constructor (name: string, fn: TestFn | undefined, options: TestOptions = {}) {
    this.name = name
    this.fn = fn
    this.only = options.only === true
    this.skip = options.skip === true
    this.skipReason = options.skipReason
    this.timeout = options.timeout
  }

  // ---- assertions ----

  ok (value: unknown, message = 'should be truthy'): void {
    this.assert(Boolean(value), message, { operator: 'ok', expected: true, actual: value }, true)
  }

  equal<T> (actual: T, expected: T, message = 'should be equal'): void {
    const same = this.strict ? Object.is(actual, expected) : actual === expected
    this.assert(same, message, { operator: 'equal', expected, actual }, true)
  }

  notEqual<T> (actual: T, expected: T, message = 'should not be equal'): void {
    const same = this.strict ? Object.is(actual, expected) : actual === expected
    this.assert(!same, message, { operator: 'notEqual', expected, actual }, true)
  }

  deepEqual<T> (actual: T, expected: T, message = 'should be deeply equal'): void {
    this.assert(isDeepStrictEqual(actual, expected), message, { operator: 'deepEqual', expected, actual }, true)
  }

  notDeepEqual<T> (actual: T, expected: T, message = 'should not be deeply equal'): void {
    this.assert(!isDeepStrictEqual(actual, expected), message, { operator: 'notDeepEqual', expected, actual }, true)
  }

  /**
   * Passes when `fn` throws; `expected` may be a RegExp (tested against the message), an Error class, or a
   * predicate on the error.
   */
  throws (fn: () => unknown, expected?: RegExp | (new (...args: any[]) => Error) | ((error: unknown) => boolean), message = 'should throw'): void {
    let thrown: unknown
    let threw = false
    try { fn() } catch (error) { threw = true; thrown = error }
    let matches = threw
    if (threw && expected instanceof RegExp) matches = expected.test(String((thrown as Error)?.message ?? thrown))
    else if (threw && typeof expected === 'function') {
      matches = expected.prototype instanceof Error || expected === Error
        ? thrown instanceof expected
        : (expected as (error: unknown) => boolean)(thrown) === true
    }
    this.assert(matches, message, { operator: 'throws', expected: expected ?? 'an error', actual: threw ? thrown : 'no error' }, true)
  }

  ifError (error: unknown, message?: string): void {
    this.assert(error === null || error === undefined || error === false, message ?? String(error),
      { operator: 'ifError', expected: 'no error', actual: error, stack: (error as Error)?.stack }, true)
  }

  fail (message = 'fail called'): void {
    this.assert(false, message, { operator: 'fail' }, false)
  }

  pass (message = 'pass called'): void {
    this.assert(true, message, { operator: 'pass' }, false)
  }

  /** Declares how many assertions this test makes; a different count fails the test when it ends. */
  plan (count: number): void {
    if (!Number.isInteger(count) || count < 0) throw new TypeError(`t.plan: expected a count >= 0, got ${String(count)}`)
    this.planned = count
  }

  comment (message: string): void {
    this.sink?.print(message.split('\n').map((line) => `# ${line}`).join('\n'))
  }

  // ---- DOM helpers ----

  sleep (ms: number): Promise<void> { return dom.sleep(ms) }
  requestAnimationFrame (): Promise<number> { return dom.nextFrame() }
  click (target: dom.Target): Element { return dom.click(target) }
  eventClick (target: dom.Target): Element { return dom.eventClick(target) }
  dispatchEvent (event: Event | string, target?: dom.Target | EventTarget): boolean { return dom.dispatch(event, target) }
  focus (target: dom.Target): Element { return dom.focus(target) }
  blur (target: dom.Target): Element { return dom.blur(target) }
  type (target: dom.Target, text: string): Promise<Element> { return dom.type(target, text) }
  appendChild (parent: dom.Target, child: Node | string): Node { return dom.appendChild(parent, child) }
  removeElement (target: dom.Target): void { dom.removeElement(target) }
  waitFor<T> (condition: string | (() => T | Promise<T>), options?: dom.WaitOptions): Promise<any> { return dom.waitFor(condition, options) }
  waitForText (target: dom.Target, options: dom.TextOptions | string | RegExp): Promise<Element> { return dom.waitForText(target, options) }
  getComputedStyle (target: dom.Target): CSSStyleDeclaration { return globalThis.getComputedStyle(dom.toElement(target)) }

  /** Asserts that an element matches and returns it (null when none does, after a failed assertion). */
  querySelector (selector: string, message = `element "${selector}" exists`): Element | null {
    const element = document.querySelector(selector)
    this.ok(element, message)
    return element
  }

  /** Asserts that at least one element matches and returns them all. */
  querySelectorAll (selector: string, message = `elements "${selector}" exist`): Element[] {
    const elements = [...document.querySelectorAll(selector)]
    this.ok(elements.length > 0, message)
    return elements
  }

  elementVisible (target: dom.Target, message = `${String(target)} is visible`): void {
    const element = typeof target === 'string' ? document.querySelector(target) : target
    this.assert(element !== null && dom.isVisible(element), message, { operator: 'elementVisible' }, false)
  }

  elementInvisible (target: dom.Target, message = `${String(target)} is not visible`): void {
    const element = typeof target === 'string' ? document.querySelector(target) : target
    this.assert(element === null || !dom.isVisible(element), message, { operator: 'elementInvisible' }, false)
  }

  // ---- lifecycle, driven by the runner ----

  /** Runs the test function to completion; a throw or rejection is a failed assertion, never a crash. */
  async run (sink: AssertionSink, strict: boolean, defaultTimeout = 0): Promise<void> {
    this.sink = sink
    this.strict = strict
    sink.print(`# ${this.name}`)
    const limit = this.timeout ?? defaultTimeout
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const body = (async () => await this.fn?.(this))()
      if (limit > 0) {
        // The timer is cleared however the test ends, so a finished suite leaves nothing scheduled behind it.
        await new Promise<void>((resolve, reject) => {
          timer = setTimeout(() => reject(new TestTimeoutError(this.name, limit)), limit)
          body.then(() => resolve(), reject)
        })
      } else {
        await body
      }
    } catch (error) {
      const err = error as Error
      this.assert(false, err instanceof Error ? `${err.name}: ${err.message}` : `threw ${String(error)}`,
        { operator: 'error', stack: err?.stack }, false)
    } finally {
      if (timer !== undefined) clearTimeout(timer)
    }
    if (this.planned !== undefined && this.planned !== this.count) {
      this.assert(false, `planned ${this.planned} assertions but ran ${this.count}`,
        { operator: 'plan', expected: this.planned, actual: this.count }, true)
    }
    this.ended = true
  }

  private assert (ok: boolean, message: string, failure: Failure, showValues: boolean): void {
    if (this.sink === undefined) throw new Error(`assertion "${message}" made outside a running test`)
    if (this.ended) {
      // An assertion after the test finished means the test forgot to await something: say so, loudly.
      ok = false
      message = `assertion after "${this.name}" ended: ${message}`
    }
    this.count++
    if (!ok) this.failed++
    const number = this.sink.record(ok)
    const line = `${ok ? 'ok' : 'not ok'} ${number} ${message.replace(/\n/g, ' ')}`
    if (ok) {
      this.sink.print(line)
      return
    }
    const at = callSite(new Error().stack)
    this.sink.print(`${line}\n${diagnostic({ ...failure, at: failure.at ?? at }, showValues)}`)
  }
}
