// socket:bluetooth's typed errors when there is nothing to talk to, when the app may not, and when BlueZ
// does not answer: every case from app JS in a real window, against a real dbus-daemon.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { HEART_RATE, SLOW, startBus, startFakeBluez, type PrivateBus } from './bluez-fake.ts'
import { bluetoothTestsUnavailable, runPage } from './harness.ts'

const skip = bluetoothTestsUnavailable()
let bus: PrivateBus

before(async () => {
  if (!skip) bus = await startBus()
})

after(() => bus?.stop())

const everyCall = `
  const ble = new Bluetooth(${JSON.stringify(HEART_RATE)})
  report('adapter', await failure(ble.getAdapterState().then((state) => { report('adapterState', state) })))
  report('start', await failure(ble.start()))
  report('scan', await failure(ble.startScan()))
  report('connect', await failure(ble.connect('AA:BB:CC:DD:EE:01')))
  report('read', await failure(ble.read('AA:BB:CC:DD:EE:01', '2a37')))
  report('publish', await failure(ble.publish('2a37', 'x')))
`

test('permission refused: [permissions] allow_bluetooth = false refuses every call with NotAllowedError', { skip }, async () => {
  const fake = await startFakeBluez(bus)
  try {
    const { run, reports: r } = await runPage(everyCall, { busAddress: bus.address, config: { permissions_allow_bluetooth: 'false' } })
    assert.equal(run.code, 0, run.stderr)
    for (const name of ['adapter', 'start', 'scan', 'connect', 'read', 'publish']) {
      assert.equal(r[name].name, 'NotAllowedError', `${name}: ${JSON.stringify(r[name])}`)
      assert.match(r[name].message, /allow_bluetooth/)
    }
    // Refused before reaching BlueZ: the fake adapter was never asked anything.
    assert.doesNotMatch(fake.calls(fake.adapter), /StartDiscovery|RegisterApplication/)
  } finally {
    fake.stop()
  }
})

test('no BlueZ on the bus, and no adapter in BlueZ: NotFoundError ERR_BLUETOOTH_NO_ADAPTER; the state says not present', { skip }, async () => {
  const { run, reports: r } = await runPage(everyCall, { busAddress: bus.address })
  assert.equal(run.code, 0, run.stderr)
  assert.deepEqual(r.adapterState, { present: false, powered: false, discovering: false, address: '', name: '' })
  for (const name of ['start', 'scan', 'connect', 'read']) {
    assert.equal(r[name].name, 'NotFoundError', `${name}: ${JSON.stringify(r[name])}`)
    assert.equal(r[name].code, 'ERR_BLUETOOTH_NO_ADAPTER')
  }
  assert.match(r.scan.message, /BlueZ \(org\.bluez\) is not running/)
  assert.equal(r.publish.code, 'ERR_BLUETOOTH_NOT_STARTED')

  const fake = await startFakeBluez(bus, { adapter: false })
  try {
    const { run: again, reports: r2 } = await runPage(everyCall, { busAddress: bus.address })
    assert.equal(again.code, 0, again.stderr)
    assert.equal(r2.adapterState.present, false)
    assert.equal(r2.scan.code, 'ERR_BLUETOOTH_NO_ADAPTER')
    assert.match(r2.scan.message, /BlueZ has no adapter/)
  } finally {
    fake.stop()
  }
})

test('a BlueZ without the LE peripheral managers: start is NotSupportedError, the central role still works', { skip }, async () => {
  const fake = await startFakeBluez(bus, { peripheral: false })
  try {
    const { run, reports: r } = await runPage(`
      const ble = new Bluetooth(${JSON.stringify(HEART_RATE)})
      report('start', await failure(ble.start()))
      report('publish', await failure(ble.publish('2a37', 'x')))
      report('scan', await failure(ble.startScan()))
    `, { busAddress: bus.address })
    assert.equal(run.code, 0, run.stderr)
    assert.equal(r.start.name, 'NotSupportedError', JSON.stringify(r.start))
    assert.match(r.start.message, /RegisterApplication/)
    assert.equal(r.publish.code, 'ERR_BLUETOOTH_NOT_STARTED')
    assert.equal(r.scan, 'resolved')
  } finally {
    fake.stop()
  }
})

test('BlueZ stopping while a read is in flight: the read fails at once with ERR_BLUETOOTH_NO_ADAPTER, the state is poweredOff', { skip }, async () => {
  const fake = await startFakeBluez(bus)
  try {
    const device = fake.addDevice('AA:BB:CC:DD:EE:01', 'Fake Slow')
    fake.addGatt(device)
    const { run, reports: r } = await runPage(`
      const ble = new Bluetooth(${JSON.stringify(HEART_RATE)})
      const states = []
      ble.on('state', (state) => states.push(state))
      await ble.connect('AA:BB:CC:DD:EE:01')
      const started = Date.now()
      const read = failure(ble.read('AA:BB:CC:DD:EE:01', ${JSON.stringify(SLOW)}))
      await step('stopBluez')
      report('read', await read)
      report('ms', Date.now() - started)
      await until('poweredOff', () => states.some((s) => s.state === 'poweredOff'))
      report('after', await ble.getAdapterState())
    `, { busAddress: bus.address, steps: { stopBluez: () => fake.stop('SIGKILL') } })
    assert.equal(run.code, 0, run.stderr)
    assert.equal(r.read.name, 'NotFoundError', JSON.stringify(r.read))
    assert.equal(r.read.code, 'ERR_BLUETOOTH_NO_ADAPTER')
    // Well before the 10 s call timeout: the host did not wait for an answer that could not come.
    assert.ok(r.ms < 9000, `took ${r.ms} ms`)
    assert.deepEqual(r.after, { present: false, powered: false, discovering: false, address: '', name: '' })
  } finally {
    fake.stop()
  }
})

test('no system bus at all: NotSupportedError naming the missing bus', { skip }, async () => {
  const { run, reports: r } = await runPage(everyCall, { busAddress: 'unix:path=/nonexistent/socket-test-bus' })
  assert.equal(run.code, 0, run.stderr)
  assert.equal(r.adapter.name, 'NotSupportedError')
  assert.match(r.adapter.message, /no D-Bus system bus/)
  assert.equal(r.scan.name, 'NotSupportedError')
})

test('a BlueZ call that does not answer in time fails with TimeoutError; no call hangs', { skip }, async () => {
  const fake = await startFakeBluez(bus)
  try {
    const device = fake.addDevice('AA:BB:CC:DD:EE:01', 'Fake Slow')
    fake.addGatt(device)
    const { run, reports: r } = await runPage(`
      const ble = new Bluetooth(${JSON.stringify(HEART_RATE)})
      await ble.connect('AA:BB:CC:DD:EE:01')
      const started = Date.now()
      report('slow', await failure(ble.read('AA:BB:CC:DD:EE:01', ${JSON.stringify(SLOW)})))
      report('ms', Date.now() - started)
    `, { busAddress: bus.address, env: { SOCKET_BLUETOOTH_TIMEOUT_MS: '1500' } })
    assert.equal(run.code, 0, run.stderr)
    assert.equal(r.slow.name, 'TimeoutError', JSON.stringify(r.slow))
    assert.equal(r.slow.code, 'ERR_BLUETOOTH_TIMEOUT')
    // The fake answers (successfully) after 3 s; the host gave up at its 1.5 s timeout instead.
    assert.ok(r.ms >= 1400, `took ${r.ms} ms`)
  } finally {
    fake.stop()
  }
})
