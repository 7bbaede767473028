// A recursive fs.watch walks its tree (and makes one inotify watch per directory) on the worker pool, not on the
// GTK main thread (native/linux/fs_watch.cc):
// - while the walk of a tree of ~8000 directories runs, the page's other IPC calls are answered: an os.uptime
//   call sent right after the watch is answered before it. On the old host the main thread walked the whole tree
//   first, so the watch was always answered before anything sent after it.
// - a watcher stopped during its walk answers ECANCELED (or ok, had the walk already ended), reports nothing
//   afterwards, and leaves no inotify watch behind (counted in the host's /proc/<pid>/fdinfo).
// - a finished recursive watch reports changes deep in the tree and in a directory made after it started.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

// The inotify watches the host process holds (GTK's own ones included): one `inotify wd:` line each.
function inotifyWatches (pid: number): number {
  let count = 0
  for (const fd of readdirSync(`/proc/${pid}/fdinfo`)) {
    try {
      count += readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8').split('\n').filter((line) => line.startsWith('inotify wd:')).length
    } catch {}  // closed meanwhile
  }
  return count
}

test('a recursive watch walks its tree off the main thread; one stopped during its walk leaves nothing behind', async () => {
  const work = mkdtempSync(join(tmpdir(), 'socket-watch-offmain-'))
  const tree = join(work, 'tree')
  // 1 + 16 + 256 + 7680 = 7953 directories, below the 8192 a recursive watch may hold.
  for (let a = 0; a < 16; a++) for (let b = 0; b < 16; b++) for (let c = 0; c < 30; c++) mkdirSync(join(tree, `a${a}`, `b${b}`, `c${c}`), { recursive: true })
  const counts: Record<string, number> = {}
  const app = makeApp({
    'main.js': testPage(`
      const tree = ${JSON.stringify(tree)}
      const events = []
      addEventListener('fswatch', (event) => events.push(event.detail))
      const marks = (name) => new Promise((resolve) => { console.log('MARK ' + name); setTimeout(resolve, 500) })
      await marks('baseline')

      // The race: which comes first, the watch (walking ~8000 directories) or a call sent after it?
      // The old host found the root on the pool and came back to the main thread to walk within microseconds:
      // a call sent 20 ms after the watch reached a main thread busy walking.
      const order = []
      const sent = performance.now()
      let walkMs
      const watching = call('fs.watch', { id: '1', path: tree, recursive: 'true' }).then((r) => { order.push('watch'); walkMs = Math.round(performance.now() - sent); return r })
      await sleep(20)
      const pinged = call('os.uptime').then(() => order.push('uptime'))
      const stopped = pinged.then(() => call('fs.stopWatch', { id: '1' }))
      const [watched, stop] = await Promise.all([watching, stopped])
      report('race', { order, watch: watched.err?.code ?? 'ok', stop: stop.err ?? 'ok', walkMs })
      // Nothing from the stopped watcher, though its tree changes.
      await call('fs.mkdir', { path: tree + '/a0/b0/c0/late', mode: '493', recursive: 'false' })
      await sleep(500)
      await marks('stopped')
      report('afterStop', events.filter((e) => String(e.id) === '1').length)

      // A watch that finishes: a change deep in the tree, and in a directory made after it started.
      const again = await call('fs.watch', { id: '2', path: tree, recursive: 'true' })
      if (again.err) throw new Error(JSON.stringify(again.err))
      await call('fs.mkdir', { path: tree + '/a3/new', mode: '493', recursive: 'false' })
      const seen = (path) => events.some((e) => String(e.id) === '2' && e.path === path)
      for (let i = 0; i < 200 && !seen('a3/new'); i++) await sleep(50)
      await sleep(300)  // the new directory's walk (on the pool) makes its watch
      const write = async (path) => {
        const opened = await call('fs.open', { id: '9', path: tree + '/' + path, flags: String(0o101), mode: '420' })
        if (opened.err) throw new Error(JSON.stringify(opened.err))
        await call('fs.close', { id: '9' })
        for (let i = 0; i < 200 && !seen(path); i++) await sleep(50)
        return seen(path)
      }
      report('running', { created: seen('a3/new'), deep: await write('a15/b15/c29/deep.txt'), inNew: await write('a3/new/inside.txt') })
      const full = performance.now()
      const timed = await call('fs.watch', { id: '3', path: tree, recursive: 'true' })
      report('fullWalkMs', timed.err ?? Math.round(performance.now() - full))
      await marks('running')
      await call('fs.stopWatch', { id: '3' })
      await call('fs.stopWatch', { id: '2' })
      await marks('end')
    `)
  }, { filesystem_allow: work })
  try {
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      timeoutMs: 180000,
      onLine: (line, child) => { if (line.startsWith('MARK ')) counts[line.slice(5)] = inotifyWatches(child.pid!) }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    if (process.env.SOCKET_TEST_VERBOSE) console.log(JSON.stringify({ r, counts }))
    assert.deepEqual(r.race.order, ['uptime', 'watch'], 'the call sent after the watch is answered while the tree is walked')
    assert.ok(['ECANCELED', 'ok'].includes(r.race.watch), JSON.stringify(r.race))
    assert.equal(r.race.stop, 'ok')
    assert.equal(r.afterStop, 0)
    assert.deepEqual(r.running, { created: true, deep: true, inNew: true })
    // While 'running' two recursive watches hold the tree (inotify gives a path one watch however many ask).
    assert.ok(counts.running >= counts.baseline + 7953, `inotify watches: ${JSON.stringify(counts)}`)
    assert.equal(counts.stopped, counts.baseline, `inotify watches: ${JSON.stringify(counts)}`)
    assert.equal(counts.end, counts.baseline, `inotify watches: ${JSON.stringify(counts)}`)
  } finally {
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
})
