// The backend sub-process ([linux] cmd): launched with the app, ipc:// lines both ways, and neither a flood
// on its stdout nor a crash takes the app down.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

const backend = `
const send = (event, value) => process.stdout.write('ipc://send?event=' + event + '&index=-1&value=' + encodeURIComponent(JSON.stringify(value)) + '\\n')
process.stdout.write('ipc://stdout?value=' + encodeURIComponent('backend started ' + process.argv.slice(2).join(' ')) + '\\n')
let buffer = ''
process.stdin.on('data', (chunk) => {
  buffer += chunk
  let newline
  while ((newline = buffer.indexOf('\\n')) >= 0) {
    const url = new URL(buffer.slice(0, newline))
    buffer = buffer.slice(newline + 1)
    const event = url.searchParams.get('event')
    const value = JSON.parse(url.searchParams.get('value'))
    if (event === 'echo') send('echoed', { value, index: Number(url.searchParams.get('index')) })
    if (event === 'flood') {
      let out = ''
      for (let i = 0; i < value; i++) out += 'ipc://send?event=tick&index=0&value=' + i + '\\n'
      out += 'x'.repeat(5 * 1024 * 1024) + '\\n'           // one line over the host's limit: dropped
      out += 'ipc://%ZZ\\nnot a uri at all\\nipc://unknown.thing?x=1\\n'  // garbage: reported, ignored
      process.stdout.write(out, () => send('flooded', value))
    }
    if (event === 'crash') { process.stderr.write('about to crash\\n'); process.exit(3) }
  }
})
`

test('a Node backend echoes events both ways, survives a flood, and its crash is reported', async () => {
  const app = makeApp({
    'backend.js': backend,
    'main.js': testPage(`
      const wait = (name) => new Promise((resolve) => addEventListener(name, (event) => resolve(event.detail), { once: true }))
      const echoed = wait('echoed')
      report('write', (await call('process.write', { event: 'echo', value: JSON.stringify({ text: 'a b+c&d ✓' }) })).err ?? 'ok')
      report('echoed', await echoed)
      let ticks = 0
      addEventListener('tick', () => ticks++)
      const flooded = wait('flooded')
      await call('process.write', { event: 'flood', value: '20000' })
      await flooded
      await new Promise((resolve) => setTimeout(resolve, 300))
      report('ticks', ticks)
      const errorEvent = wait('process-error')
      const exitEvent = wait('backend-exit')
      await call('process.write', { event: 'crash', value: 'null' })
      report('processError', await errorEvent)
      report('backendExit', await exitEvent)
      report('alive', typeof (await call('os.uptime')).data)
      report('writeAfterExit', (await call('process.write', { event: 'echo', value: '1' })).err?.type)
      const reopened = await call('process.open', { force: 'true' })
      report('reopened', reopened.data?.cmd ?? reopened.err)
      const again = wait('echoed')
      await call('process.write', { event: 'echo', value: '2' })
      report('again', await again)
      await call('process.kill')
      report('killed', await wait('backend-exit'))
    `)
  }, { linux_cmd: 'node backend.js', meta_version: '1.2.3' })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 60000 })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.match(run.stdout, /^backend started --ssc-version=v\S+ --version=v1\.2\.3 --name=hosttest/m)
    assert.equal(r.write, 'ok')
    assert.deepEqual(r.echoed, { value: { text: 'a b+c&d ✓' }, index: 0 })
    assert.equal(r.ticks, 20000)
    assert.match(run.stderr, /longer than \d+ bytes dropped/)
    assert.match(run.stderr, /the backend sent an unknown message 'unknown.thing'/)
    assert.match(run.stdout, /^not a uri at all$/m, 'plain lines pass through to stdout')
    assert.deepEqual(r.processError, { data: 'about to crash\n' })
    assert.deepEqual(r.backendExit, { status: 3 })
    assert.equal(r.alive, 'number')
    assert.equal(r.writeAfterExit, 'NotFoundError')
    assert.equal(r.reopened, 'node backend.js')
    assert.deepEqual(r.again, { value: 2, index: 0 })
    assert.deepEqual(r.killed, { status: null })
  } finally {
    app.remove()
  }
})
