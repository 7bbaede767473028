// Thousands of malformed ipc:// requests: each gets a typed error, the host keeps serving, and it holds no
// more descriptors afterwards than before.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { makeAcks, makeApp, reports, runHost, testPage } from './helpers.ts'

// The host's pid: the child itself, or (when --headless re-ran it under xvfb-run) its socket-host descendant.
function hostPid (root: number): number {
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.shift()!
    try { if (readlinkSync(`/proc/${pid}/exe`).endsWith('socket-host')) return pid } catch {}
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      try { if (Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]) === pid) queue.push(Number(entry)) } catch {}
    }
  }
  return root
}

// What the host process holds open. WebKit's memory-pressure monitor opens /proc and /sys files on its own
// schedule, and it may keep a closed view's web process (a pidfd) for reuse; those are not ours and are left out.
const descriptors = (pid: number): string[] => readdirSync(`/proc/${pid}/fd`)
  .map((fd) => { try { return readlinkSync(`/proc/${pid}/fd/${fd}`) } catch { return 'gone' } })
  .filter((target) => !target.startsWith('/proc/') && !target.startsWith('/sys/') && target !== 'anon_inode:[pidfd]')

test('a few thousand malformed requests each get a typed error; the host keeps serving and leaks no descriptors, even from a closed window', async () => {
  const acks = makeAcks()
  const app = makeApp({
    'holder.html': `<!doctype html><script type="module">
      // Opens descriptors and sockets and keeps them: closing this window must release them all.
      for (let i = 0; i < 20; i++) await fetch('ipc://fs.open?seq=R' + i + '&id=' + (100 + i) + '&path=index.html')
      for (let i = 0; i < 5; i++) await fetch('ipc://udp.bind?seq=Ru' + i + '&id=' + (200 + i) + '&port=0&address=127.0.0.1')
      await fetch('ipc://fs.opendir?seq=Rd&id=300&path=.')
      const held = await (await fetch('ipc://fs.getOpenDescriptors?seq=Rg')).json()
      await fetch('ipc://window.send?seq=Rs&event=holding&targetWindowIndex=0&value=' + held.data.length)
    </script>`,
    'main.js': testPage(`
      const raw = async (uri, init) => {
        try {
          const response = await fetch(uri, init)
          const text = await response.text()
          try { return JSON.parse(text) } catch { return { unparsable: text.slice(0, 200), status: response.status } }
        } catch (error) { return { fetchFailed: String(error) } }
      }
      // Warm up every service once (opens and closes what they open), then let the test count descriptors.
      await raw('ipc://fs.open?seq=R1&id=5&path=index.html')
      await raw('ipc://fs.close?seq=R2&id=5')
      await raw('ipc://udp.bind?seq=R3&id=6&port=0&address=127.0.0.1')
      await raw('ipc://udp.close?seq=R4&id=6')
      await step('before')

      const big = 'x'.repeat(70000)
      const cases = []
      for (let i = 0; i < 160; i++) {
        cases.push(['ipc://no.such.route' + i + '?seq=R' + i])
        cases.push(['ipc://fs.open?seq=R' + i + '&id=' + (1000 + i)])                          // missing path
        cases.push(['ipc://fs.read?seq=R' + i + '&id=' + (5000 + i) + '&size=16'])             // bad descriptor
        cases.push(['ipc://fs.read?seq=R' + i + '&id=abc&size=16'])                            // wrong type
        cases.push(['ipc://fs.read?seq=R' + i + '&id=1&size=-' + i])                           // out of range
        cases.push(['ipc://udp.bind?seq=R' + i + '&id=' + i + '&port=' + (70000 + i)])         // port too large
        cases.push(['ipc://fs.stat?seq=R' + i + '&path=%FF%FE%FD' + i])                        // invalid UTF-8
        cases.push(['ipc://fs.stat?seq=R' + i + '&path=' + big])                               // too long
        cases.push(['ipc://window.create?seq=R' + i + '&options=%7Bbroken' + i])               // bad JSON
        cases.push(['ipc://fs.open?seq=R' + i + '&id=1' + '9'.repeat(30) + '&path=x'])         // huge integer
        cases.push(['ipc://udp.send?seq=R' + i + '&id=' + i + '&port=1&address=not-an-ip', { method: 'POST', body: new Uint8Array(8) }])
        cases.push(['ipc://fs.open?seq=R' + i + '&id=' + (9000 + i) + '&path=/etc/shadow'])     // not allowed
        cases.push(['ipc://fs.stat?seq=R' + i + '&path=a%00b'])                                 // NUL byte
      }
      cases.push(['ipc://fs.stat?seq=R1&path=%ZZ'])                                             // bad escape
      cases.push(['ipc://?seq=R1'])                                                              // no route
      const types = {}
      const bad = []
      for (let i = 0; i < cases.length; i += 64) {
        const answers = await Promise.all(cases.slice(i, i + 64).map(([uri, init]) => raw(uri, init)))
        answers.forEach((answer, k) => {
          const type = answer?.err?.type
          if (!type) bad.push([cases[i + k][0].slice(0, 80), answer]); else types[type] = (types[type] ?? 0) + 1
        })
      }
      report('count', cases.length)
      report('types', types)
      report('bad', bad.slice(0, 5))
      const holding = new Promise((resolve) => addEventListener('holding', (event) => resolve(event.detail), { once: true }))
      const closed = new Promise((resolve) => addEventListener('windowclosed', resolve, { once: true }))
      await raw('ipc://window.create?seq=Rw&options=' + encodeURIComponent(JSON.stringify({ targetWindowIndex: 1, url: 'holder.html', headless: true })))
      report('holding', await holding)
      await raw('ipc://window.close?seq=Rc&targetWindowIndex=1')
      await closed
      const alive = await raw('ipc://os.uptime?seq=R99999')
      report('alive', typeof alive.data)
      await step('after')
    `, acks.dir)
  }, { filesystem_read: acks.dir })
  try {
    const counts: Record<string, string[]> = {}
    let pid = 0
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      timeoutMs: 90000,
      onLine: (line, child) => {
        if (!line.startsWith('STEP ')) return
        pid ||= hostPid(child.pid!)
        counts[line.slice(5)] = descriptors(pid)
        acks.ack(line.slice(5))
      }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.ok(r.count >= 2000, `sent ${r.count}`)
    assert.deepEqual(r.bad, [], 'every malformed request is answered with a typed error')
    const allowed = new Set(['TypeError', 'RangeError', 'NotFoundError', 'NotAllowedError', 'ErrnoError'])
    for (const type of Object.keys(r.types)) assert.ok(allowed.has(type), `unexpected error type ${type}`)
    assert.ok(r.types.TypeError > 0 && r.types.RangeError > 0 && r.types.NotFoundError > 0 && r.types.NotAllowedError > 0 && r.types.ErrnoError > 0, JSON.stringify(r.types))
    assert.equal(r.alive, 'number', 'the host still serves after the flood')
    assert.equal(r.holding, 21, 'the second window held 20 files and a directory')
    assert.ok(counts.before.length > 0)
    assert.ok(counts.after.length <= counts.before.length, `descriptors before ${counts.before.join(' ')}\nafter ${counts.after.join(' ')}`)
  } finally {
    app.remove()
    acks.remove()
  }
})
