// [Permission=…] end to end: the generated C++ dispatch in the real host, in a real WebKitGTK window, refuses
// what socket.ini does not grant (NotAllowedError, HTTP 403, nothing started or changed) and lets it through
// once `[permissions] allow_<name> = true` grants it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { getPriority } from 'node:os'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from '../modules/harness/webview.ts'

const page = join(import.meta.dirname, 'webview', 'permissions.page.ts')

async function withOutsideProcess<T> (body: (pid: number, marker: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'socket-permissions-'))
  const outside = spawn('sleep', ['60'], { stdio: 'ignore' })
  try {
    await new Promise((resolve) => outside.on('spawn', resolve))
    return await body(outside.pid as number, join(dir, 'marker'))
  } finally {
    outside.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

const notAllowed = (name: string, route: string): unknown => [
  'NotAllowedError',
  `${route}: not allowed: this app does not grant the '${name}' permission (socket.ini: [permissions] allow_${name} = true)`
]

test('without grants, every withheld route is refused and nothing runs', { skip: webviewUnavailable() }, async () => {
  await withOutsideProcess(async (pid, marker) => {
    const before = getPriority(pid)
    const run = await runInWebview(page, { define: { MARKER: marker, OUTSIDE_PID: String(pid) }, timeoutMs: 60_000 })
    const seen = run.result as Record<string, unknown>
    assert.deepEqual(seen['child_process.exec route'], notAllowed('child_process', 'child_process.exec'))
    assert.equal(seen['child_process.spawn'], 'NotAllowedError')
    assert.deepEqual(seen['raw ipc:// request'], [403, 'NotAllowedError'])
    assert.deepEqual(seen['os.setPriority'], { threw: { name: 'NotAllowedError' } })
    assert.deepEqual(seen['process.env.set'], notAllowed('env_write', 'process.env.set'))
    assert.equal(seen['platform.revealFile'], 'NotAllowedError')
    assert.equal(seen['os.hostname (public)'], 'string')
    assert.equal(existsSync(marker), false, 'a refused child_process call started a process')
    assert.equal(getPriority(pid), before, 'a refused os.setPriority changed the priority')
  })
})

test('socket.ini grants let the same calls through', { skip: webviewUnavailable() }, async () => {
  await withOutsideProcess(async (pid, marker) => {
    const run = await runInWebview(page, {
      define: { MARKER: marker, OUTSIDE_PID: String(pid) },
      config: { permissions_allow_child_process: 'true', permissions_allow_set_priority: 'true', permissions_allow_env_write: 'true' },
      timeoutMs: 60_000
    })
    const seen = run.result as Record<string, unknown>
    assert.deepEqual(seen['child_process.exec route'], ['ok', { stdout: '', stderr: '', code: 0, signal: 0 }])
    assert.equal(seen['child_process.spawn'], 'exit 0')
    assert.notEqual((seen['raw ipc:// request'] as unknown[])[0], 403, 'a granted route must get past the permission check')
    assert.equal(seen['os.setPriority'], 18)
    assert.equal(getPriority(pid), 18)
    assert.deepEqual(seen['process.env.set'], ['ok', null])
    // open_external was not granted in this run: still refused.
    assert.equal(seen['platform.revealFile'], 'NotAllowedError')
    assert.deepEqual(readFileSync(marker, 'utf8').split('\n').filter(Boolean).sort(), ['exec', 'spawn'])
  })
})
