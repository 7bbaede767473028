// The message bridge (native/linux/ipc_bridge.cc, runtime-js/ipc/bridge.ts): socket:ipc calls without a body reach
// the host through a handler only the app's own frames can reach; the page's own world has no `window.webkit`,
// and a frame from another origin has no bridge at all. Real host, real WebKitGTK window.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

test('socket:ipc goes through the bridge: data, typed errors, and no handler visible to page scripts', async () => {
  const foreignFrame = `<script>
    const probe = !document.dispatchEvent(new CustomEvent('__socket_ipc_probe', { cancelable: true }))
    let replied = false
    document.addEventListener('__socket_ipc_reply', () => { replied = true })
    document.dispatchEvent(new CustomEvent('__socket_ipc', { detail: '1 ipc://os.uptime?seq=R1&index=0' }))
    setTimeout(() => parent.postMessage({ probe, replied, webkit: typeof window.webkit?.messageHandlers?.ipc }, '*'), 500)
  </script>`
  const app = makeApp({
    'same.html': '<!doctype html><p>same origin</p>',
    'main.js': testPage(`
      report('webkit', typeof window.webkit?.messageHandlers?.ipc)
      report('probe', !document.dispatchEvent(new CustomEvent('__socket_ipc_probe', { cancelable: true })))
      const ipc = await import('socket:ipc')
      const uptime = await ipc.send('os.uptime')
      report('uptime', { err: uptime.err?.name ?? null, positive: uptime.data > 0 })
      const missing = await ipc.send('os.nosuchroute')
      report('missing', missing.err?.name)
      const bad = await ipc.send('fs.stat', {})
      report('badArgs', bad.err?.name)
      // The raw protocol: "<id> <uri>" in, "<id> <envelope>" out.
      const rawCall = (id, uri) => new Promise((resolve) => {
        document.addEventListener('__socket_ipc_reply', function once (event) {
          if (!String(event.detail).startsWith(id + ' ')) return
          document.removeEventListener('__socket_ipc_reply', once)
          resolve(JSON.parse(String(event.detail).slice(id.length + 1)))
        })
        document.dispatchEvent(new CustomEvent('__socket_ipc', { detail: id + ' ' + uri }))
      })
      const raw = await rawCall('77', 'ipc://os.uptime?seq=R77&index=0')
      report('raw', { source: raw.source, number: typeof raw.data })
      const malformed = await rawCall('78', 'ipc://os.uptime?seq=R78&index=%zz')
      report('malformed', malformed.err?.type)
      // An app frame has the bridge; a data: frame (another origin) has none, whether or not the CSP lets it load.
      const frameResult = (src) => new Promise((resolve) => {
        const frame = document.createElement('iframe')
        const timer = setTimeout(() => resolve('did not load'), 5000)
        window.addEventListener('message', function once (event) {
          if (event.source !== frame.contentWindow) return
          window.removeEventListener('message', once)
          clearTimeout(timer)
          resolve(event.data)
        })
        frame.src = src
        document.body.append(frame)
      })
      report('foreign', await frameResult('data:text/html,' + encodeURIComponent(${JSON.stringify(foreignFrame)})))
    `)
  })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'] })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.webkit, 'undefined', 'the page world must not see the bridge handler')
    assert.equal(r.probe, true, 'the app page has the bridge')
    assert.deepEqual(r.uptime, { err: null, positive: true })
    assert.equal(r.missing, 'NotFoundError')
    assert.equal(r.badArgs, 'TypeError')
    assert.deepEqual(r.raw, { source: 'os.uptime', number: 'number' })
    assert.equal(r.malformed, 'TypeError')
    if (r.foreign !== 'did not load') {
      assert.deepEqual(r.foreign, { probe: false, replied: false, webkit: 'undefined' }, 'a foreign frame must have no bridge')
    }
  } finally {
    app.remove()
  }
})
