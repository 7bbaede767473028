// socket:os getPriority/setPriority in a real WebKitGTK window, on real processes: the priority case file
// gives the same observations as node:os in Node, and a process the runner started (not the host's) gets the
// nice value the page set, as the runner's own getPriority and /proc report it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import * as nodeChildProcess from 'node:child_process'
import * as nodeOs from 'node:os'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { observePriority } from './cases/os-priority.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'
import type { Observations } from './harness/observe.ts'

/** The nice value field of /proc/<pid>/stat (the 19th; the command name in parentheses may hold spaces). */
function procNice (pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
}

/** Whether this runner may move a process of nice value `from` to `to` (tried on a `sleep` of its own). */
async function mayRenice (from: number, to: number): Promise<boolean> {
  const twin = spawn('sleep', ['60'], { stdio: 'ignore' })
  try {
    await new Promise((resolve) => twin.on('spawn', resolve))
    nodeOs.setPriority(twin.pid as number, from)
    nodeOs.setPriority(twin.pid as number, to)
    return true
  } catch {
    return false
  } finally {
    twin.kill('SIGKILL')
  }
}

test('socket:os priorities (webview) = node:os, and the page really renices a process', { skip: webviewUnavailable() }, async () => {
  const expected = await observePriority(nodeOs, nodeChildProcess)
  const outside = spawn('sleep', ['60'], { stdio: 'ignore' })
  try {
    const pid = outside.pid as number
    const before = nodeOs.getPriority(pid)
    const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'os-priority.page.ts'), {
      define: { OUTSIDE_PID: String(pid) },
      config: { permissions_allow_set_priority: 'true', permissions_allow_child_process: 'true' },
      timeoutMs: 60_000
    })
    const actual = result as { cases: Observations, outside: unknown, failedToRun?: unknown, message?: string }
    if (actual.failedToRun !== undefined) assert.fail(`socket:os threw in the webview: ${actual.message}`)
    assertSameObservations(expected, actual.cases, 'os priority')
    // Lowering a priority is always allowed; raising one (a smaller nice value) only with CAP_SYS_NICE or
    // a generous RLIMIT_NICE, so whether 17 is allowed is asked of the kernel, from here, on a twin process.
    const allowed = await mayRenice(before, 17)
    const now = nodeOs.getPriority(pid)
    if (allowed) {
      assert.equal(actual.outside, 17)
      assert.equal(now, 17)
    } else {
      assert.deepEqual(actual.outside, { threw: { name: 'SystemError', code: 'ERR_SYSTEM_ERROR', errno: -13, syscall: 'uv_os_setpriority' } })
      assert.equal(now, before)
    }
    assert.equal(procNice(pid), now)
  } finally {
    outside.kill('SIGKILL')
  }
})
