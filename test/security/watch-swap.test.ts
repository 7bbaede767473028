// A recursive fs.watch must never list or watch a folder outside the fs sandbox, also when a directory inside is
// swapped for a link to one between the check ("a directory the app may read") and the walk. Here another process
// (or the page, with fs.rename: links to outside may exist in a data folder, made by anyone else) keeps swapping
// `d` (a real directory) with `link` (a symbolic link to a folder outside the app's folders). Every swap that
// brings the directory back starts a walk of `d` on the pool; one that finds the link by the time it opens `d`
// followed it: the outside folder was listed (each entry announced as an event `d/<name>`) and watched. With the
// fix the walk holds the directory it checked (O_NOFOLLOW, its real path must be the path) and lists that.
// A race: the test swaps for a bounded time; on the host before the fix the secret name showed up within it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeApp, reports, runHost, testPage } from '../host/helpers.ts'

const swapper = `
import os, sys, time
w = sys.argv[1]
end = time.time() + float(sys.argv[2])
swaps = 0
while time.time() < end:
    os.rename(w + '/d', w + '/d.real'); os.rename(w + '/link', w + '/d')
    os.rename(w + '/d', w + '/link'); os.rename(w + '/d.real', w + '/d')
    swaps += 1
print('swaps', swaps, flush=True)
`

test('a directory swapped for a link to outside while a recursive watch walks it is never listed', async () => {
  const base = mkdtempSync(join(tmpdir(), 'socket-sec-watchswap-'))
  const work = join(base, 'work')
  const outside = join(base, 'outside')
  mkdirSync(join(work, 'd', 'inner'), { recursive: true })
  mkdirSync(outside)
  for (let i = 0; i < 20; i++) writeFileSync(join(outside, `secret-${i}`), 'not for the page')
  symlinkSync(outside, join(work, 'link'))
  const app = makeApp({}, { filesystem_allow: work })
  // The page waits for the swapping to end; it learns that by polling a marker file in its own folder.
  const marker = join(work, '.done')
  const page = testPage(`
      const events = []
      addEventListener('fswatch', (event) => events.push(String(event.detail.path)))
      const watched = await call('fs.watch', { id: '1', path: ${JSON.stringify(work)}, recursive: 'true' })
      if (watched.err) throw new Error(JSON.stringify(watched.err))
      console.log('WATCHING')
      for (let i = 0; i < 1200 && (await call('fs.stat', { path: ${JSON.stringify(marker)} })).err; i++) await sleep(100)
      await sleep(1000)
      await call('fs.stopWatch', { id: '1' })
      report('events', events.length)
      report('leaked', [...new Set(events.filter((path) => path.includes('secret')))].slice(0, 5))
  `)
  writeFileSync(join(app.dir, 'main.js'), page)
  let swaps = ''
  try {
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      timeoutMs: 180000,
      onLine: (line) => {
        if (line !== 'WATCHING') return
        const child = spawn('python3', ['-c', swapper, work, process.env.SOCKET_SWAP_SECONDS ?? '10'], { stdio: ['ignore', 'pipe', 'inherit'] })
        child.stdout.setEncoding('utf8')
        child.stdout.on('data', (chunk: string) => { swaps += chunk })
        child.on('exit', () => writeFileSync(marker, ''))
      }
    })
    assert.equal(run.code, 0, `signal ${run.signal}: ${run.stderr.slice(-3000)}`)
    const r = reports(run) as Record<string, any>
    if (process.env.SOCKET_TEST_VERBOSE) console.log(JSON.stringify({ r, swaps }))
    assert.ok(r.events > 0, 'the swaps were seen at all')
    assert.deepEqual(r.leaked, [], `names from the outside folder reached the page (${swaps.trim()})`)
  } finally {
    rmSync(base, { recursive: true, force: true })
    app.remove()
  }
})
