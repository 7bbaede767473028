// os, process and the rest of udp through the generated routes, checked against what Node sees on this machine.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cpus, networkInterfaces } from 'node:os'
import { realpathSync } from 'node:fs'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

test('os, process and udp routes report this machine', async () => {
  const app = makeApp({
    'main.js': testPage(`
      const data = async (route, params) => { const r = await call(route, params); if (r.err) throw new Error(route + ': ' + JSON.stringify(r.err)); return r.data }
      report('cpus', (await data('os.cpus')).length)
      report('uname', await data('os.uname'))
      const lo = (await data('os.networkInterfaces')).lo ?? []
      report('loopback', lo.find((i) => i.family === 'IPv4'))
      const t1 = BigInt(await data('os.hrtime'))
      const t2 = BigInt(await data('os.hrtime'))
      report('hrtime', t2 > t1)
      report('uptime', await data('os.uptime'))
      report('memory', Number(await data('os.availableMemory')))
      report('paths', await data('os.paths'))
      report('rusage', await data('os.rusage'))
      report('constants', (await data('os.constants')).errno.ENOENT)
      report('primordials', await data('platform.primordials'))
      report('cwd', await data('process.cwd'))
      report('envGet', await data('process.env.get', { key: 'SOCKET_HOST_OS_TEST' }))
      await data('process.env.set', { key: 'SOCKET_HOST_SET', value: 'set by page' })
      report('envSet', await data('process.env.get', { key: 'SOCKET_HOST_SET' }))
      report('envMissing', await data('process.env.get', { key: 'SOCKET_HOST_NOT_SET' }))
      const a = await data('udp.bind', { id: '1', port: '0', address: '127.0.0.1' })
      const b = await data('udp.connect', { id: '2', port: String(a.port), address: '127.0.0.1' })
      report('connect', { peer: b, self: await data('udp.getSockName', { id: '1' }), peerName: await data('udp.getPeerName', { id: '2' }) })
      report('state', await data('udp.getState', { id: '2' }))
      report('buffer', await data('os.bufferSize', { id: '1', size: '65536', buffer: '1' }))
      report('notConnected', (await call('udp.getPeerName', { id: '1' })).err?.code)
      report('badAddress', (await call('udp.bind', { id: '3', port: '0', address: 'example.com' })).err?.type)
      report('bluetooth', (await call('bluetooth.start', { serviceId: 'x' })).err?.type)
      report('hotkey', (await call('window.hotkey.bind', { expression: 'ctrl+a' })).err?.type)
      await data('udp.close', { id: '1' })
      report('closed', await data('udp.getState', { id: '1' }))
    `)
  }, { build_env: 'SOCKET_HOST_OS_TEST SOCKET_HOST_NOT_SET', permissions_allow_env_write: 'true' })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], env: { SOCKET_HOST_OS_TEST: 'from the test' } })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.cpus, cpus().length)
    assert.equal(r.uname.sysname, 'Linux')
    assert.equal(r.loopback.address, networkInterfaces().lo?.find((i) => i.family === 'IPv4')?.address)
    assert.equal(r.loopback.internal, true)
    assert.equal(r.loopback.cidr, '127.0.0.1/8')
    assert.equal(r.hrtime, true)
    assert.ok(r.uptime > 0)
    assert.ok(r.memory > 0)
    assert.equal(r.paths.resources, realpathSync(app.dir))
    assert.match(r.paths.data, /com\.example\.hosttest$/)
    assert.ok(r.rusage.userCPUTime >= 0 && r.rusage.maxRSS > 0)
    assert.equal(r.constants, 2)
    assert.equal(r.primordials.platform, 'linux')
    assert.equal(r.primordials.arch, process.arch)
    assert.equal(r.cwd, realpathSync(app.dir))
    assert.equal(r.envGet, 'from the test')
    assert.equal(r.envSet, 'set by page')
    assert.equal(r.envMissing, null)
    assert.equal(r.connect.peer.port, r.connect.self.port)
    assert.equal(r.connect.peerName.address, '127.0.0.1')
    assert.deepEqual(r.state, { id: '2', bound: true, connected: true, reading: false, closed: false })
    assert.ok(r.buffer.size >= 65536, JSON.stringify(r.buffer))
    assert.equal(r.notConnected, 'ENOTCONN')
    assert.equal(r.badAddress, 'TypeError')
    assert.equal(r.bluetooth, 'TypeError') // 'x' is not a UUID: refused before BlueZ is asked
    assert.equal(r.hotkey, 'NotSupportedError')
    assert.equal(r.closed.closed, true)
  } finally {
    app.remove()
  }
})
