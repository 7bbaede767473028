// socket:test, the tapzero-style harness of the original: `test(name, fn)` queues a test; after 500 ms the
// queue runs in order, printing TAP 13 through console.log (the host sends it to stdout), and in test mode
// (`ssc build -r --test=FILE`) the app exits 1024 ms after the last test: status 1 if anything failed.
import { runtimeArgs } from '../internal/args.ts'
import { send } from './ipc.ts'
import { TestRunner, type RunnerOptions } from './test/runner.ts'
import { Test, type TestFn } from './test/test-case.ts'

export { Test, TestRunner }
export type { TestFn, RunnerOptions }

/** True when the host was started with --test=FILE, i.e. the tests decide the app's exit status. */
function inTestMode (): boolean {
  return runtimeArgs().argv.some((arg) => arg.startsWith('--test='))
}

/** Ends the app with `code` through `application.exit` (or `process.exit`, its alias); never throws. */
async function exitApp (code: number): Promise<void> {
  let failure: Error | null = null
  for (const route of ['application.exit', 'process.exit']) {
    const result = await send(route, { value: code })
    if (result.err === null) return
    failure = result.err
  }
  console.error(`# socket:test: cannot end the app with status ${code}: ${failure?.message ?? 'unknown error'}`)
}

export const GLOBAL_TEST_RUNNER = new TestRunner({
  exit: (code) => { if (inTestMode()) void exitApp(code) }
})

export interface TestFunction {
  (name: string, fn?: TestFn): Test
  only: (name: string, fn?: TestFn) => Test
  skip: (name: string, fn?: TestFn) => Test
}

export const test: TestFunction = Object.assign(
  (name: string, fn?: TestFn) => GLOBAL_TEST_RUNNER.add(name, fn),
  {
    only: (name: string, fn?: TestFn) => GLOBAL_TEST_RUNNER.add(name, fn, { only: true }),
    skip: (name: string, fn?: TestFn) => GLOBAL_TEST_RUNNER.add(name, fn, { skip: true })
  }
)

export const only = test.only
export const skip = test.skip

/** Strict mode: `equal` uses Object.is, and a `test.only` left in the suite fails the run. */
export function setStrict (strict: boolean): void {
  GLOBAL_TEST_RUNNER.strict = strict
}

export default test
