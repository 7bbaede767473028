// Request bodies over the 64 MiB ipc:// limit. WebKit copies a POST body into the host process whole before
// the scheme handler can refuse it (measured: a 200 MB POST raises the host's peak RSS by about 460 MB), so the
// JS client refuses an oversized body with a RangeError before sending anything; a body sent around the
// client is still cut off by the host's streamed read (413, RangeError). A pure check of the client follows.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { makeApp, reports, runHost, testPage } from '../host/helpers.ts'
import { IpcClient, MAX_BODY_BYTES } from '../../runtime-js/ipc/index.ts'

const peakRssMiB = (pid: number): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

test('the client refuses a 200 MB body before sending it; the host cuts off one sent around the client', async () => {
  const app = makeApp({
    'main.js': testPage(`
      const ipc = await import('socket:ipc')
      const big = new Uint8Array(200 * 1024 * 1024)
      console.log('MEASURE-BEFORE')
      await sleep(300)
      const result = await ipc.send('os.uptime', {}, { bytes: big })
      report('async', { name: result.err?.name, message: result.err?.message })
      const sync = ipc.sendSync('os.uptime', {}, { bytes: big })
      report('sync', { name: sync.err?.name, message: sync.err?.message })
      await sleep(300)
      console.log('MEASURE-AFTER')
      await sleep(300)
      const raw = await call('os.uptime', {}, { method: 'POST', body: new Uint8Array(${MAX_BODY_BYTES} + 1) })
      report('raw', { status: raw.status, type: raw.err?.type })
      report('small', (await ipc.send('os.uptime', {}, { bytes: new Uint8Array(1024) })).err ?? null)
    `)
  })
  try {
    const peak: Record<string, number> = {}
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      onLine: (line, child) => {
        if (line === 'MEASURE-BEFORE') peak.before = peakRssMiB(child.pid!)
        if (line === 'MEASURE-AFTER') peak.after = peakRssMiB(child.pid!)
      }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    for (const name of ['async', 'sync']) {
      assert.equal(r[name].name, 'RangeError', name)
      assert.match(r[name].message, /209715200 bytes, more than the 67108864 bytes ipc:\/\/ accepts/, name)
    }
    assert.ok(peak.after - peak.before < 50, `the host never saw the 200 MB (peak RSS ${peak.before} -> ${peak.after} MiB)`)
    assert.deepEqual(r.raw, { status: 413, type: 'RangeError' })
    assert.equal(r.small, null)
  } finally {
    app.remove()
  }
})

test('IpcClient: a body over MAX_BODY_BYTES is a RangeError and never reaches the transport', async () => {
  let sent = 0
  const client = new IpcClient({
    transport: {
      async send () {
        sent++
        return { status: 200, contentType: 'application/json', body: new TextEncoder().encode('{"data":1}') }
      }
    }
  })
  await assert.rejects(client.call('fs.write', [], { body: new Uint8Array(MAX_BODY_BYTES + 1) }), RangeError)
  assert.equal(sent, 0)
  assert.equal(await client.call('fs.write', [], { body: new Uint8Array(MAX_BODY_BYTES) }), 1)
  assert.equal(sent, 1)
})
