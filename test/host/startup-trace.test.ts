// SOCKET_TRACE_STARTUP=1 makes the host print its startup phases to stderr, from main() to the page's
// DOMContentLoaded; without it the host prints none and the page has no trace channel.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { makeApp, reports, runHost, testPage } from './helpers.ts'
import { parseTrace } from '../../bench/host/trace.ts'

const page = testPage(`report('traceChannel', typeof globalThis.webkit?.messageHandlers?.__trace)`)

test('SOCKET_TRACE_STARTUP=1 prints every startup phase in order, with times since main()', async () => {
  const app = makeApp({ 'main.js': page }, {}, { runtime: false })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], env: { SOCKET_TRACE_STARTUP: '1' } })
    assert.equal(run.code, 0, run.stderr)
    assert.equal(reports(run).traceChannel, 'object')
    const phases = parseTrace(run.stderr)
    const names = phases.map((p) => p.phase)
    const expected = [
      'main', 'config loaded', 'gtk initialised', 'web context ready (context, data manager, schemes)',
      'window 0: preload built', 'window 0: web view created', 'window 0: settings applied', 'window 0: GTK window built',
      'window 0: services ready', 'window 0: navigation started', 'window 0: shown', 'first window created', 'main loop running',
      'window 0: load started', 'window 0: load committed', 'window 0: page: preload evaluated', 'window 0: page: DOMContentLoaded'
    ]
    let last = -1
    for (const name of expected) {
      const at = names.indexOf(name)
      assert.ok(at > last, `phase "${name}" missing or out of order in:\n${run.stderr}`)
      last = at
    }
    // The page's first request (its start URL) comes before the load commits; the test file (loaded by the
    // preload in test mode) after the preload ran.
    const first = names.indexOf('request socket://com.example.hosttest/')
    assert.ok(first > names.indexOf('main loop running') && first < names.indexOf('window 0: load committed'), run.stderr)
    assert.ok(names.indexOf('request socket://com.example.hosttest/main.js') > names.indexOf('window 0: page: preload evaluated'), run.stderr)
    // Times since main() never go backwards, and exec came before main().
    const times = phases.filter((p) => !p.phase.startsWith('exec')).map((p) => p.ms)
    assert.deepEqual(times, [...times].sort((a, b) => a - b))
    assert.ok(phases[0].phase.startsWith('exec') && phases[0].ms <= 0, run.stderr)
  } finally {
    app.remove()
  }
})

test('without SOCKET_TRACE_STARTUP the host prints no phase and the page has no trace channel', async () => {
  const app = makeApp({ 'main.js': page }, {}, { runtime: false })
  try {
    for (const value of [undefined, '0']) {
      const run = await runHost(app.dir, { args: ['--test=main.js'], env: { SOCKET_TRACE_STARTUP: value } })
      assert.equal(run.code, 0, run.stderr)
      assert.equal(reports(run).traceChannel, 'undefined')
      assert.doesNotMatch(run.stderr, /trace/)
    }
  } finally {
    app.remove()
  }
})
