// The new fs routes (utimes, lutimes, futimes, fchmod, fchown), cp, recursive watch and watchFile go through
// the host's sandbox like the others: in a read-only folder or outside the app's folders they are refused
// with the same EACCES (carrying the host's reason), and the files are left as they were.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

test('fs metadata routes, cp and watching respect [filesystem] permissions', { skip: webviewUnavailable() }, async () => {
  const base = mkdtempSync(join(tmpdir(), 'socket-fs-permissions-'))
  try {
    const readDir = join(base, 'read')
    const writeDir = join(base, 'write')
    mkdirSync(readDir)
    mkdirSync(writeDir)
    writeFileSync(join(readDir, 'kept.txt'), 'kept')
    writeFileSync(join(writeDir, 'mine.txt'), 'mine')
    const before = statSync(join(readDir, 'kept.txt'))
    const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'fs-permissions.page.ts'), {
      config: { filesystem_allow: writeDir, filesystem_read: readDir },
      define: { READ_DIR: readDir, WRITE_DIR: writeDir },
      timeoutMs: 60_000
    })
    const r = result as Record<string, unknown> & { failedToRun?: unknown, message?: string }
    if (r.failedToRun !== undefined) assert.fail(`the page threw: ${r.message}`)
    const refused = { name: 'Error', code: 'EACCES', errno: -13, refusedBySandbox: true }
    const refusals: Record<string, string> = {
      'utimes read-only': 'utime',
      'lutimes read-only': 'lutime',
      'utimesSync outside': 'utime',
      'FileHandle.utimes read-only': 'futime',
      'FileHandle.chmod read-only': 'fchmod',
      'FileHandle.chown read-only': 'fchown',
      'futimesSync read-only': 'futime',
      'fchmodSync read-only': 'fchmod',
      'fchownSync read-only': 'fchown',
      'cp into read-only': 'copyfile',
      'cp tree into read-only': 'mkdir',
      'cpSync from outside': 'lstat',
      'watch recursive outside': 'watch'
    }
    for (const [label, syscall] of Object.entries(refusals)) assert.deepEqual(r[label], { ...refused, syscall }, label)
    assert.equal(r['cp out of read-only'], 'allowed')
    assert.deepEqual(r['copied tree'], ['kept.txt'])
    assert.equal(r['utimes writable'], 'allowed')
    // Refused stats are failed stats to watchFile: one report of zeroed Stats, as for a file it cannot see.
    assert.deepEqual(r['watchFile outside'], [0, 0])
    const after = statSync(join(readDir, 'kept.txt'))
    assert.equal(after.mtimeMs, before.mtimeMs, 'the read-only file keeps its times')
    assert.equal(after.mode, before.mode, 'the read-only file keeps its mode')
    assert.equal(existsSync(join(readDir, 'copied.txt')), false)
    assert.equal(existsSync(join(readDir, 'tree')), false)
    assert.equal(statSync(join(writeDir, 'mine.txt')).mtimeMs, 2_000_000)
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
})
