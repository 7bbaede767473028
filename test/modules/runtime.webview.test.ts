// The runtime-only socket: modules in a real WebKitGTK window, through the host: what each check in
// webview/runtime.page.ts must observe.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'
import { lookup } from 'node:dns/promises'
import { hostname } from 'node:os'

const nodeAddresses = async (name: string): Promise<string[]> => (await lookup(name, { all: true })).map((a) => `${a.family} ${a.address}`).sort()
const nodeFailure = async (name: string): Promise<unknown> => {
  try { await lookup(name); return 'no error' } catch (e: any) { return ['Error', e.message, e.code, e.errno, e.syscall, e.hostname] }
}

test('runtime modules (ipc, process, application, window, timers, dns, child_process, crypto, stream) in the webview', { skip: webviewUnavailable() }, async () => {
  const run = await runInWebview(join(import.meta.dirname, 'webview', 'runtime.page.ts'), { argv: ['--modules-test-flag', `--dns-host=${hostname()}`], config: { permissions_allow_child_process: 'true' }, timeoutMs: 60_000 })
  const seen = run.result as Record<string, unknown>
  const expected: Record<string, unknown> = {
    'ipc.send primordials': [null, 'string', 'platform.primordials'],
    'ipc.sendSync primordials': [null, 'linux', null, 'platform.primordials'],
    'ipc.send unknown route': ['NotFoundError', null],
    'ipc.sendSync bad argument': 'TypeError',
    'ipc.request binary': [null, true, '<!doctype html>'],
    'ipc.Message': ['fs.stat', 'R3', 0, '/a b', 5, false],
    'ipc.Result tuple': [null, 42, 'x.y', 4],
    'ipc.primordials': ['linux', 'string', true],
    'ipc constants': [0, 1, 32000],
    'ipc.createBinding': 'linux',
    'process.cwd': run.resources,
    'process.platform/arch': ['linux', 'linux', process.arch],
    'process.argv includes passthrough flag': true,
    'process.env is a writable copy': ['1', 'object'],
    'process.nextTick order': 2,
    'process.hrtime': ['bigint', true, true],
    'process.uptime': true,
    'process.memoryUsage rss': true,
    'process is an EventEmitter': true,
    'process.version matches primordials': true,
    'path.resolve(".") is cwd': true,
    'path.relative from cwd': 'a/b',
    'path.HOME is os.homedir': true,
    'path well-known are strings or null': [true, true, true, true, true, true],
    'path.RESOURCES is cwd': true,
    'application basics': [0, 32, 'modules test', 'string'],
    'application.getScreenSize': [true, true],
    'application.getWindows': [0],
    'window title round trip': [0, 'modules test title', 'modules test title'],
    'createWindow then close': [3, true, false],
    'createWindow bad index': 'ERR_OUT_OF_RANGE',
    'window.send reaches this window': { n: 1 },
    'setImmediate is not throttled in a hidden page': [true, true],
    'setImmediate before setTimeout': ['immediate', 'timeout'],
    clearImmediate: false,
    'timers/promises setTimeout value': 'v',
    'timers/promises abort': 'AbortError',
    'timers/promises setInterval': [7, 7, 7],
    'dns.lookup literal': [null, '127.0.0.1', 4],
    'dns.promises.lookup localhost all': [{ address: '127.0.0.1', family: 4 }],
    // The page asks the host's resolver; Node asks the same system resolver here, so their answers must agree.
    'dns.lookup localhost all (host resolver)': await nodeAddresses('localhost'),
    'dns.lookup the machine host name': await nodeAddresses(hostname()),
    'dns.lookup a failing name': await nodeFailure('no-such-host.invalid'),
    'child_process.spawn returns a ChildProcess': true,
    'crypto.createDigest = createHash': true,
    'crypto.rand64': 'bigint',
    'stream pipeline': 'abc',
    'node: aliases': [true, true],
    'node: extras': [2, '5', 'number', 'function', false, 'function', 6, 'NotSupportedError']
  }
  const wrong = Object.entries(expected).filter(([label, value]) => JSON.stringify(seen[label]) !== JSON.stringify(value))
    .map(([label, value]) => `${label}: expected ${JSON.stringify(value)}, got ${JSON.stringify(seen[label])}`)
  assert.deepEqual(wrong, [])
  assert.deepEqual(Object.keys(seen).sort(), Object.keys(expected).sort())
})

test('process.exit(code) ends the app with that status (through application.exit)', { skip: webviewUnavailable() }, async () => {
  const run = await runInWebview(join(import.meta.dirname, 'webview', 'exit.page.ts'), { waitForExit: true })
  assert.equal(run.exitCode, 7, run.stderr)
  assert.match(run.stdout, /exit listener saw 7/)
})
