// The app exits while fs calls are still queued on the worker pool: those tasks must not use the app's
// Permissions after the App is gone. The page sends 400 copies of a 4 MiB file and 2000 fs.stat calls without
// waiting and exits 300 ms later; the pool keeps running the queued ones while main() destroys the App. On the old host they then looked the path up
// in the freed Permissions (a heap use after free: with glibc's MALLOC_PERTURB_ filling freed memory, the host
// crashed at exit; the sanitizer build, `npm run test:asan`, reports it). Now every pool task holds the Permissions it uses
// (native/linux/fs.cc, app.cc). Run several times: the race is between the pool and the exit.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeApp, runHost, testPage } from './helpers.ts'

test('the app exits with fs calls still queued on the pool', async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-exit-pool-'))
  writeFileSync(join(work, 'f.txt'), 'x')
  writeFileSync(join(work, 'big.bin'), Buffer.alloc(4 * 1024 * 1024, 7))
  const app = makeApp({
    'main.js': testPage(`
      const dir = ${JSON.stringify(work)}
      // Copies of a 4 MiB file take milliseconds each: a backlog on the pool when the exit arrives.
      for (let i = 0; i < 400; i++) call('fs.copyFile', { src: dir + '/big.bin', dest: dir + '/copy-' + (i % 8) + '.bin', flags: '0' }).catch(() => {})
      for (let i = 0; i < 2000; i++) call('fs.stat', { path: dir + '/f.txt' }).catch(() => {})
      await sleep(300)
    `)
  }, { filesystem_allow: work })
  try {
    const runs = Number(process.env.SOCKET_EXIT_RUNS ?? 4)
    for (let i = 0; i < runs; i++) {
      // Freed memory is overwritten (glibc's MALLOC_PERTURB_), so a task reading freed Permissions goes wrong visibly.
      const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 120000, env: { MALLOC_PERTURB_: '165' } })
      assert.equal(run.code, 0, `run ${i}: signal ${run.signal}\n${run.stderr.slice(-4000)}`)
      assert.doesNotMatch(run.stderr, /AddressSanitizer|runtime error/, `run ${i}`)
    }
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})
