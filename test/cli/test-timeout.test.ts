// ssc's --test-timeout: validated, and handed to the host only in test mode (the host enforces it; the
// end-to-end run with a page that never finishes is in test/modules/core-modules.webview.test.ts).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launchCommand } from '../../cli/src/run/launch.ts'
import { testTimeoutFlag } from '../../cli/src/commands/build.ts'
import { Log } from '../../cli/src/log.ts'

const base = { executable: '/app/bin', config: { env: {} } as never, headless: false, debug: false, argv: [], log: new Log({ quiet: true, verbose: false }) }

test('--test-timeout reaches the host with --test, and only then', () => {
  const display = process.env.DISPLAY
  process.env.DISPLAY = ':99'
  try {
    assert.deepEqual(launchCommand({ ...base, test: 'test/index.js', testTimeout: '5000' }), ['/app/bin', '--test=test/index.js', '--test-timeout=5000'])
    assert.deepEqual(launchCommand({ ...base, testTimeout: '5000' }), ['/app/bin'])
  } finally {
    if (display === undefined) delete process.env.DISPLAY
    else process.env.DISPLAY = display
  }
})

test('--test-timeout takes whole milliseconds', () => {
  assert.equal(testTimeoutFlag(undefined), undefined)
  assert.equal(testTimeoutFlag('0'), '0')
  assert.throws(() => testTimeoutFlag('1.5'), /--test-timeout must be a number of milliseconds/)
  assert.throws(() => testTimeoutFlag('-1'), /--test-timeout must be a number of milliseconds/)
})
