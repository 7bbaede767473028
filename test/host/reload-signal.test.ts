// `ssc build -w` reloads a running app with SIGUSR2. The host must leave SIGUSR1 alone: JavaScriptCore runs in
// the host process (the message bridge) and suspends threads for its garbage collector with SIGUSR1 by default.
// A reload handler on SIGUSR1 took those signals: the page reloaded ("reloaded 1 window(s)") and the collector
// waited forever, hanging the app (seen in a full test run). Here JavaScriptCore is moved to SIGPWR
// (JSC_SIGNAL_FOR_GC) so that the signals the host itself catches can be read from /proc.
// The page waits for the reload with no call in flight: a reload cancels the page's pending fetches, and a page
// polling ipc:// would see "Load failed" and report a failure of its own (its exit(1) racing the reload).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { makeApp, runHost, testPage } from './helpers.ts'

const caught = (pid: number): bigint => BigInt('0x' + /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1])
const bit = (signal: number): bigint => 1n << BigInt(signal - 1)
const SIGUSR1 = 10
const SIGUSR2 = 12
const SIGPWR = 30

test('the host reloads on SIGUSR2 and installs no handler on SIGUSR1, the signal JavaScriptCore uses for its GC', async () => {
  // sessionStorage outlives a reload: the first run waits for it, the second says it ran and ends.
  const body = `
    if (sessionStorage.getItem('ran') !== '1') {
      sessionStorage.setItem('ran', '1')
      console.log('STEP running')
      await new Promise(() => {})
    }
    console.log('STEP running again')`
  const app = makeApp({ 'main.js': testPage(body) }, {}, { runtime: false })
  try {
    let steps = 0
    let signals: bigint | undefined
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      env: { JSC_SIGNAL_FOR_GC: String(SIGPWR) },
      onLine: (line, child) => {
        if (line === 'STEP running again') steps++
        if (line !== 'STEP running') return
        steps++
        signals = caught(child.pid!)
        child.kill('SIGUSR2') // reloads the page, which runs its test file again
      }
    })
    assert.equal(run.code, 0, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`)
    assert.ok(signals !== undefined)
    assert.equal(signals & bit(SIGUSR1), 0n, `the host catches SIGUSR1 (SigCgt ${signals.toString(16)})`)
    assert.notEqual(signals & bit(SIGUSR2), 0n, 'the host does not catch SIGUSR2')
    assert.match(run.stderr, /reloaded 1 window\(s\)/)
    assert.equal(steps, 2, 'the page ran again after the reload')
  } finally {
    app.remove()
  }
})
