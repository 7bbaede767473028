// socket:test, the tapzero-style harness of the original: `test(name, fn)` queues a test; after 500 ms the
// queue runs in order, printing TAP 13 through console.log (the host sends it to stdout), and in test mode
// (`ssc build -r --test=FILE`) the app exits 1024 ms after the last test: status 1 if anything failed.
// Each test may run 60 s (setDefaultTimeout(ms) changes the default, `test(name, fn, { timeout })` one test);
// one that does not end fails with a TimeoutError and the run goes on. `test.linux`, `test.desktop`, …
// run only on that platform and print `# SKIP name (linux only)` elsewhere.
import { runtimeArgs } from '../internal/args.ts'
import { hostPlatform } from '../internal/host.ts'
import { send } from './ipc.ts'
import { TestRunner, type RunnerOptions } from './test/runner.ts'
import { Test, TestTimeoutError, type TestFn, type TestOptions } from './test/test-case.ts'
import context from './test/context.ts'

export { Test, TestRunner, TestTimeoutError }
export type { TestFn, RunnerOptions, TestOptions }

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
context(GLOBAL_TEST_RUNNER)

type Register = (name: string, fn?: TestFn, options?: Omit<TestOptions, 'only' | 'skip'>) => Test

/** The platforms the original filters tests by; each is a predicate on (os platform). */
const PLATFORMS = {
  linux: (p: string) => p === 'linux',
  macosx: (p: string) => p === 'darwin',
  win32: (p: string) => p === 'win32',
  windows: (p: string) => p === 'win32',
  unix: (p: string) => p !== 'win32',
  ios: (p: string) => p === 'ios',
  iphone: (p: string) => p === 'ios',
  android: (p: string) => p === 'android',
  mobile: (p: string) => p === 'ios' || p === 'android',
  desktop: (p: string) => p !== 'ios' && p !== 'android'
} as const

export type Platform = keyof typeof PLATFORMS

export interface TestFunction extends Register, Record<Platform, Register> {
  only: Register
  skip: Register
}

function platformTest (platform: Platform): Register {
  return (name, fn, options = {}) => {
    const runs = PLATFORMS[platform](hostPlatform())
    return GLOBAL_TEST_RUNNER.add(name, fn, { ...options, skip: !runs, skipReason: runs ? undefined : `${platform} only` })
  }
}

export const test: TestFunction = Object.assign(
  ((name, fn, options = {}) => GLOBAL_TEST_RUNNER.add(name, fn, options)) as Register,
  {
    only: ((name, fn, options = {}) => GLOBAL_TEST_RUNNER.add(name, fn, { ...options, only: true })) as Register,
    skip: ((name, fn, options = {}) => GLOBAL_TEST_RUNNER.add(name, fn, { ...options, skip: true })) as Register
  },
  Object.fromEntries(Object.keys(PLATFORMS).map((platform) => [platform, platformTest(platform as Platform)])) as Record<Platform, Register>
)

export const only = test.only
export const skip = test.skip

/** Strict mode: `equal` uses Object.is, and a `test.only` left in the suite fails the run. */
export function setStrict (strict: boolean): void {
  GLOBAL_TEST_RUNNER.strict = strict
}

/** The default per-test time limit in milliseconds (0: none). */
export function setDefaultTimeout (ms: number): void {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new TypeError(`socket:test setDefaultTimeout: expected milliseconds >= 0, got ${String(ms)}`)
  GLOBAL_TEST_RUNNER.timeout = ms
}

export default test
