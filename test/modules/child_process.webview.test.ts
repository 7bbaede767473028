// socket:child_process in a real WebKitGTK window: real children of the host (echo, cat, sh, sleep), their
// output, stdin, exit statuses and signals; and socket.ini's refusal. What each check in
// webview/child_process.page.ts must observe.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

// True once `pid` no longer runs (absent, or a zombie waiting for its new parent), polling for up to 5 s.
async function gone (pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    let state = ''
    try { state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] } catch { return true }
    if (state === 'Z') return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

const page = join(import.meta.dirname, 'webview', 'child_process.page.ts')

function compare (seen: Record<string, unknown>, expected: Record<string, unknown>): void {
  const wrong = Object.entries(expected).filter(([label, value]) => JSON.stringify(seen[label]) !== JSON.stringify(value))
    .map(([label, value]) => `${label}: expected ${JSON.stringify(value)}, got ${JSON.stringify(seen[label])}`)
  assert.deepEqual(wrong, [])
  assert.deepEqual(Object.keys(seen).sort(), Object.keys(expected).sort())
}

const ran = (stdout: string, code: number, stderr = ''): Record<string, unknown> => ({
  stdout, stderr, bytes: stdout.length, events: ['spawn', `exit ${code} null`, `close ${code} null`], error: null, killed: false, pidIsNumber: true
})

test('child_process spawns, feeds, reads and kills real children in the webview', { skip: webviewUnavailable() }, async () => {
  const run = await runInWebview(page, { define: { CHILD_DENIED: 'no' }, config: { permissions_allow_child_process: 'true' }, timeoutMs: 60_000 })
  const seen = run.result as Record<string, unknown>
  const orphan = seen['child left running']
  assert.equal(typeof orphan, 'number')
  delete seen['child left running']
  // The window closed when the page ended: its still-running child must be gone (killed, and reaped by now).
  assert.ok(await gone(orphan as number), `child ${String(orphan)} outlived its window`)
  compare(seen, {
    'spawn echo': ran('hello world\n', 0),
    'cat echoes stdin': ran('abcdef', 0),
    'cat passes 300 kB of stdin': [300_000, ['spawn', 'exit 0 null', 'close 0 null']],
    'stdout of 1 MB': 1_000_000,
    'stderr and exit status': ['oops\n', ['spawn', 'exit 3 null', 'close 3 null']],
    kill: [['spawn', 'exit null SIGTERM', 'close null SIGTERM'], true],
    'kill SIGKILL by name': ['spawn', 'exit null SIGKILL', 'close null SIGKILL'],
    'missing program': [['error', 'close -2 null'], {
      name: 'Error', message: 'spawn no-such-program-xyz ENOENT', code: 'ENOENT', errno: -2, syscall: 'spawn no-such-program-xyz', path: 'no-such-program-xyz'
    }],
    'cwd and env': '/tmp\nbar\n',
    exec: [null, '5\n', 'err\n'],
    'exec failing command': [4, 'Command failed: exit 4\n', false],
    'promisified execFile': { stdout: 'x\n', stderr: '' },
    'child_process.exec route': [null, { stdout: 'raw\n', stderr: 'e\n', code: 2, signal: 0 }],
    execSync: 'NotSupportedError'
  })
})

test('socket.ini [permissions] allow_child_process = false refuses children', { skip: webviewUnavailable() }, async () => {
  const run = await runInWebview(page, { define: { CHILD_DENIED: 'yes' }, config: { permissions_allow_child_process: 'false' }, timeoutMs: 60_000 })
  compare(run.result as Record<string, unknown>, { 'spawn refused by socket.ini': [['error', 'close -1 null'], 'NotAllowedError'] })
})
