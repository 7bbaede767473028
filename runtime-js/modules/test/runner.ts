// Runs the registered tests one after another, prints TAP 13, and ends the app with the result.
import { Test, type TestFn, type TestOptions } from './test-case.ts'

export interface RunnerOptions {
  /** Where TAP lines go (default: console.log, which the host forwards to its stdout). */
  print?: (text: string) => void
  /** Ends the app with a status (default: the runtime's exit). */
  exit?: (code: number) => void
  /** Delay before the first test, so every test file registers its tests (default 500 ms). */
  startDelay?: number
  /** Delay between the report and exit, so output is flushed (default 1024 ms). */
  exitDelay?: number
  /** Milliseconds each test may run before it fails as timed out (default 60000; 0: no limit). */
  timeout?: number
}

export class TestRunner {
  readonly tests: Test[] = []
  /** In strict mode `equal` compares with Object.is, and a `test.only` left in the code fails the run. */
  strict = false
  /** Per-test time limit in ms (a test's own `timeout` option wins); 0 means none. */
  timeout: number
  passed = 0
  failed = 0
  private assertions = 0
  private scheduled = false
  private running: Promise<number> | undefined
  private readonly options: RunnerOptions

  constructor (options: RunnerOptions = {}) {
    this.options = options
    this.timeout = options.timeout ?? 60_000
  }

  add (name: string, fn: TestFn | undefined, flags: TestOptions = {}): Test {
    if (typeof name !== 'string') throw new TypeError(`test name must be a string, got ${typeof name}`)
    if (fn !== undefined && typeof fn !== 'function') throw new TypeError(`test "${name}": expected a function`)
    if (flags.timeout !== undefined && !(Number.isFinite(flags.timeout) && flags.timeout >= 0)) {
      throw new TypeError(`test "${name}": timeout must be a number of milliseconds >= 0, got ${String(flags.timeout)}`)
    }
    if (this.running !== undefined) throw new Error(`test "${name}" was added after the tests started`)
    const test = new Test(name, fn, flags)
    this.tests.push(test)
    if (!this.scheduled) {
      this.scheduled = true
      setTimeout(() => { void this.run() }, this.options.startDelay ?? 500)
    }
    return test
  }

  /** Runs every test once (later calls return the same result) and resolves with the exit status. */
  run (): Promise<number> {
    this.running ??= this.runAll()
    return this.running
  }

  /** An uncaught error or rejection while the tests run (socket:test/context): a failed assertion. */
  reportUncaught (kind: string, error: unknown): void {
    this.failed++
    const number = ++this.assertions
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    this.print(`not ok ${number} ${kind}: ${message.replace(/\n/g, ' ')}`)
  }

  private print (text: string): void {
    (this.options.print ?? console.log)(text)
  }

  private async runAll (): Promise<number> {
    this.print('TAP version 13')
    const hasOnly = this.tests.some((t) => t.only)
    const sink = {
      print: (line: string) => this.print(line),
      record: (ok: boolean) => {
        if (ok) this.passed++
        else this.failed++
        return ++this.assertions
      }
    }
    for (const test of this.tests) {
      if (test.skip || (hasOnly && !test.only)) {
        this.print(`# SKIP ${test.name}${test.skipReason !== undefined ? ` (${test.skipReason})` : ''}`)
        continue
      }
      await test.run(sink, this.strict, this.timeout)
    }
    if (hasOnly && this.strict) {
      sink.record(false)
      this.print(`not ok ${this.assertions} test.only is not allowed in strict mode`)
    }
    const total = this.passed + this.failed
    this.print(['', `1..${total}`, `# tests ${total}`, `# pass  ${this.passed}`,
      ...(this.failed > 0 ? [`# fail  ${this.failed}`] : ['', '# ok'])].join('\n'))
    const status = this.failed > 0 ? 1 : 0
    const exit = this.options.exit
    // Read `failed` again at exit: an uncaught error in the last second still fails the run.
    if (exit !== undefined) setTimeout(() => exit(this.failed > 0 ? 1 : 0), this.options.exitDelay ?? 1024)
    return status
  }
}
