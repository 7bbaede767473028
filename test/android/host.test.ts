// The Android host's Robolectric tests (native/android), run offline with Maven: the real MainActivity on the
// Android framework classes serves an app page, answers ipc os.* and fs.* routes, refuses paths outside the
// sandbox and foreign origins, and maps errors to the wire's typed errors. scripts/setup-android.sh resolves
// the Maven artifacts first; nothing is downloaded here (-o). JsClientContractTest runs the runtime's JS client
// (test/android/js-page.ts, in Node) against the real SocketWebViewClient.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const missing = ['java', 'mvn'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
const SKIP = missing.length > 0 ? `${missing.join(' and ')} not installed (scripts/setup.sh installs them)` : false

// Each test class and how many tests it has: a run that silently drops tests fails here.
const EXPECTED: Record<string, number> = {
  'socket.android.AndroidHostTest': 8, 'socket.android.AppOriginTest': 3, 'socket.android.ConsoleAndEventsTest': 7,
  'socket.android.HostServicesTest': 8, 'socket.android.InetTextTest': 1, 'socket.android.ConformanceTest': 1,
  'socket.android.JsClientContractTest': 1
}

/**
 * The generator's conformance corpus for ConformanceTest, one case a line: hex of the name, hex of the input's
 * UTF-8 bytes, hex of the wire text native backends must write (or "error" where they must refuse it).
 */
function writeConformanceCases (): void {
  const dir = 'test/generator/conformance'
  const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex')
  const lines = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { cases: Array<{ name: string, input: string, wire?: string }> }).cases)
    .map((c) => [hex(c.name), hex(c.input), c.wire === undefined ? 'error' : hex(c.wire)].join('\t'))
  mkdirSync('native/android/target/conformance', { recursive: true })
  writeFileSync('native/android/target/conformance/cases.tsv', lines.join('\n') + '\n')
}

function mvnTest (): Promise<{ status: number | null, out: string }> {
  return new Promise((resolve) => {
    const child = spawn('mvn', ['-B', '-o', '-T1', 'test'], { cwd: 'native/android', stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (chunk) => { out += chunk })
    child.stderr.on('data', (chunk) => { out += chunk })
    child.on('close', (status) => resolve({ status, out }))
  })
}

test('the Android host passes its Robolectric tests offline, every expected test ran', { skip: SKIP, timeout: 600_000 }, async () => {
  writeConformanceCases()
  const { status, out } = await mvnTest()
  const tail = out.split('\n').slice(-60).join('\n')
  assert.equal(status, 0, `mvn -o test failed:\n${tail}`)
  for (const [suite, count] of Object.entries(EXPECTED)) {
    const line = new RegExp(`Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [\\d.,]+ s -- in ${suite.replace(/\./g, '\\.')}`)
    const match = line.exec(out)
    assert.ok(match, `no clean result for ${suite}:\n${tail}`)
    assert.equal(Number(match[1]), count, `${suite} ran ${match[1]} tests, expected ${count}`)
  }
  const total = Object.values(EXPECTED).reduce((sum, n) => sum + n, 0)
  assert.match(out, new RegExp(`Tests run: ${total}, Failures: 0, Errors: 0, Skipped: 0\\s*$`, 'm'))
  assert.doesNotMatch(out, /Downloading from|Downloaded from/, 'nothing may be downloaded at test time')
})
