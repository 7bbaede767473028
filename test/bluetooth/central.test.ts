// socket:bluetooth in the central role, from app JS in a real window, against a real dbus-daemon with BlueZ
// faked by python3-dbusmock (bluez5 template + GATT objects added by the test): a filtered scan finds the
// fake device, connect, discover, read, write, notify, BlueZ errors mapped to typed errors, the adapter
// powered off and on, and the device vanishing while a read is in flight.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { DOOMED, GUARDED, HEART_RATE, MEASUREMENT, startBus, startFakeBluez, type FakeBluez, type PrivateBus } from './bluez-fake.ts'
import { bluetoothTestsUnavailable, runPage } from './harness.ts'

const skip = bluetoothTestsUnavailable()
let bus: PrivateBus
let fake: FakeBluez

before(async () => {
  if (skip) return
  bus = await startBus()
  fake = await startFakeBluez(bus)
})

after(() => {
  fake?.stop()
  bus?.stop()
})

const WANTED = 'AA:BB:CC:DD:EE:01'
const OTHER = 'AA:BB:CC:DD:EE:02'

test('scan, connect, read, write, notify; typed BlueZ errors; adapter off and on; device gone mid-read', { skip }, async () => {
  const { run, reports: r } = await runPage(`
    const ble = new Bluetooth(${JSON.stringify(HEART_RATE)})
    const devices = []
    const states = []
    const values = []
    ble.on('device', (device) => devices.push(device))
    ble.on('state', (state) => states.push(state))
    ble.on(${JSON.stringify(MEASUREMENT)}, (detail, bytes) => values.push({ detail, bytes: Array.from(bytes) }))
    report('adapter', await ble.getAdapterState())
    await ble.startScan({ serviceIds: ['180d'] })
    report('discovering', (await ble.getAdapterState()).discovering)
    await step('scanning')
    await until('the fake device to be found', () => devices.some((d) => d.id === ${JSON.stringify(WANTED)}))
    await ble.stopScan()
    report('found', devices.map((d) => d.id))
    report('device', devices.find((d) => d.id === ${JSON.stringify(WANTED)}))

    await ble.connect(${JSON.stringify(WANTED)})
    report('connected', (await ble.getDevices()).find((d) => d.id === ${JSON.stringify(WANTED)}).connected)
    report('services', await ble.getServices(${JSON.stringify(WANTED)}))
    report('read', Array.from(await ble.read(${JSON.stringify(WANTED)}, ${JSON.stringify(MEASUREMENT)})))
    await ble.write(${JSON.stringify(WANTED)}, ${JSON.stringify(MEASUREMENT)}, new Uint8Array([7, 8, 9]))
    report('readBack', Array.from(await ble.read(${JSON.stringify(WANTED)}, ${JSON.stringify(MEASUREMENT)})))
    await ble.startNotifications(${JSON.stringify(WANTED)}, ${JSON.stringify(MEASUREMENT)})
    await step('notifying')
    await until('a notification', () => values.length > 0)
    report('notified', values)

    report('readRefused', await failure(ble.read(${JSON.stringify(WANTED)}, ${JSON.stringify(GUARDED)})))
    report('writeRefused', await failure(ble.write(${JSON.stringify(WANTED)}, ${JSON.stringify(GUARDED)}, 'x')))
    report('noSuchCharacteristic', await failure(ble.read(${JSON.stringify(WANTED)}, '2a99')))
    report('noSuchDevice', await failure(ble.connect('00:00:00:00:00:00')))
    report('badTransport', await failure(ble.startScan({ transport: 'radio' })))
    report('badUuid', await failure(ble.startScan({ serviceIds: ['heart'] })))
    report('badAddress', await failure(ble.read('AA:BB:CC', ${JSON.stringify(MEASUREMENT)})))

    await step('powerOff')
    await until('poweredOff', () => states.some((s) => s.state === 'poweredOff'))
    report('offState', await ble.getAdapterState())
    report('readWhileOff', await failure(ble.read(${JSON.stringify(WANTED)}, ${JSON.stringify(MEASUREMENT)})))
    report('scanWhileOff', await failure(ble.startScan()))
    await step('powerOn')
    await until('poweredOn', () => states.some((s) => s.state === 'poweredOn'))
    report('readAfterOn', Array.from(await ble.read(${JSON.stringify(WANTED)}, ${JSON.stringify(MEASUREMENT)})))

    const started = Date.now()
    report('doomed', await failure(ble.read(${JSON.stringify(WANTED)}, ${JSON.stringify(DOOMED)})))
    report('doomedMs', Date.now() - started)
    report('afterGone', await failure(ble.read(${JSON.stringify(WANTED)}, ${JSON.stringify(MEASUREMENT)})))
    report('states', states)
  `, {
    busAddress: bus.address,
    steps: {
      scanning: () => {
        // Found while scanning: the wanted device advertises the heart-rate service, the other nothing.
        const wanted = fake.addDevice(WANTED, 'Fake Heart Monitor')
        fake.addDevice(OTHER, 'Fake Other')
        fake.addGatt(wanted)
        fake.setProperty(wanted, 'org.bluez.Device1', 'UUIDs', `<[${JSON.stringify(HEART_RATE)}]>`)
      },
      notifying: () => {
        const path = `${fake.adapter}/dev_AA_BB_CC_DD_EE_01/service0010/char0011`
        // The fake peripheral notifies as BlueZ relays it: a PropertiesChanged of Value.
        fake.setProperty(path, 'org.bluez.GattCharacteristic1', 'Value', '<@ay [0x2a, 0x2b]>')
      },
      powerOff: () => { fake.setProperty(fake.adapter, 'org.bluez.Adapter1', 'Powered', '<false>') },
      powerOn: () => { fake.setProperty(fake.adapter, 'org.bluez.Adapter1', 'Powered', '<true>') }
    }
  })
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`)
  assert.deepEqual(r.adapter, { present: true, powered: true, discovering: false, address: '00:01:02:03:04:05', name: 'fake-adapter' })
  assert.equal(r.discovering, true)
  // The filter was given to BlueZ, in full 128-bit form.
  assert.match(fake.calls(fake.adapter), /SetDiscoveryFilter.*0000180d-0000-1000-8000-00805f9b34fb/s)
  assert.deepEqual(r.found.filter((id: string, i: number, all: string[]) => all.indexOf(id) === i), [WANTED], 'the device without the service is filtered out')
  assert.equal(r.device.name, 'Fake Heart Monitor')
  assert.equal(r.device.rssi, -79)
  assert.ok(r.device.serviceIds.includes(HEART_RATE))
  assert.equal(r.connected, true)
  assert.equal(r.services.length, 1)
  assert.equal(r.services[0].id, HEART_RATE)
  assert.deepEqual(r.services[0].characteristics.map((c: any) => c.id).sort(), [MEASUREMENT, DOOMED, GUARDED, '00002a3a-0000-1000-8000-00805f9b34fb'].sort())
  assert.deepEqual(r.services[0].characteristics[0].flags, ['read', 'write', 'notify'])
  assert.deepEqual(r.read, [0x01, 0x48])
  assert.deepEqual(r.readBack, [7, 8, 9])
  assert.deepEqual(r.notified, [{ detail: { serviceId: HEART_RATE, characteristicId: MEASUREMENT, peerId: WANTED }, bytes: [0x2a, 0x2b] }])
  assert.deepEqual(r.readRefused, { name: 'NotAllowedError', code: 'org.bluez.Error.NotPermitted', message: 'ReadValue: Read not permitted', isError: true })
  assert.equal(r.writeRefused.name, 'NotAllowedError')
  assert.equal(r.writeRefused.code, 'org.bluez.Error.NotAuthorized')
  assert.equal(r.noSuchCharacteristic.name, 'NotFoundError')
  assert.equal(r.noSuchDevice.name, 'NotFoundError')
  assert.equal(r.badTransport.name, 'TypeError')
  assert.equal(r.badUuid.name, 'TypeError')
  assert.match(r.badUuid.message, /serviceIds\[\] must be a Bluetooth UUID.*"heart"/)
  assert.equal(r.badAddress.name, 'TypeError')
  assert.match(r.badAddress.message, /deviceId must be a device address/)
  assert.deepEqual({ ...r.offState }, { present: true, powered: false, discovering: false, address: '00:01:02:03:04:05', name: 'fake-adapter' })
  assert.equal(r.readWhileOff.name, 'InvalidStateError')
  assert.equal(r.readWhileOff.code, 'ERR_BLUETOOTH_POWERED_OFF')
  assert.equal(r.scanWhileOff.code, 'ERR_BLUETOOTH_POWERED_OFF')
  assert.deepEqual(r.readAfterOn, [0x2a, 0x2b], 'the notified value is the value now')
  // The fake answers org.bluez.Error.Failed after removing the device; the host has already failed the read
  // with ERR_BLUETOOTH_DEVICE_GONE from InterfacesRemoved, which is what the page sees.
  assert.equal(r.doomed.name, 'NotFoundError')
  assert.equal(r.doomed.code, 'ERR_BLUETOOTH_DEVICE_GONE')
  assert.match(r.doomed.message, /AA:BB:CC:DD:EE:01 went away/)
  assert.equal(r.afterGone.name, 'NotFoundError')
  const kinds = r.states.map((s: any) => s.state)
  assert.ok(kinds.includes('peerConnected'), JSON.stringify(r.states))
  assert.ok(kinds.indexOf('poweredOff') < kinds.indexOf('poweredOn'))
  assert.deepEqual(r.states.at(-1), { state: 'peerDisconnected', peerId: WANTED })
})

test("the original's subscribe(id): connects to a known peer offering the service and passes its notifications on", { skip }, async () => {
  const PEER = 'AA:BB:CC:DD:EE:03'
  // A peer BlueZ already knows (its GATT database cached from an earlier connection), not connected now.
  const peer = fake.addDevice(PEER, 'Fake Known Peer')
  fake.addGatt(peer)
  fake.setProperty(peer, 'org.bluez.Device1', 'UUIDs', `<[${JSON.stringify(HEART_RATE)}]>`)
  const characteristic = `${peer}/service0010/char0011`
  let subscribedCalls = ''
  const { run, reports: r } = await runPage(`
    const ble = new Bluetooth(${JSON.stringify(HEART_RATE)})
    const values = []
    ble.on(${JSON.stringify(MEASUREMENT)}, (detail, bytes) => values.push({ detail, bytes: Array.from(bytes) }))
    await ble.subscribe('2A37')
    for (let i = 0; i < 300 && !(await ble.getDevices()).find((d) => d.id === ${JSON.stringify(PEER)})?.connected; i++) await sleep(50)
    await step('subscribed')
    await until('the notification', () => values.length > 0)
    report('values', values)
    const states = []
    ble.on('state', (state) => states.push(state))
    await ble.disconnect(${JSON.stringify(PEER)})
    await until('peerDisconnected', () => states.length > 0)
    report('afterDisconnect', { states, connected: (await ble.getDevices()).find((d) => d.id === ${JSON.stringify(PEER)}).connected })
  `, {
    busAddress: bus.address,
    steps: {
      subscribed: () => {
        // StartNotify follows the connection; wait for it before the peer notifies.
        for (let i = 0; i < 100 && !/StartNotify/.test(subscribedCalls = fake.calls(characteristic)); i++) spawnSync('sleep', ['0.1'])
        fake.setProperty(characteristic, 'org.bluez.GattCharacteristic1', 'Value', '<@ay [0x63]>')
      }
    }
  })
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`)
  assert.match(fake.calls(peer), /'Connect'/)
  assert.match(subscribedCalls, /StartNotify/)
  assert.deepEqual(r.values, [{ detail: { serviceId: HEART_RATE, characteristicId: MEASUREMENT, peerId: PEER }, bytes: [0x63] }])
  assert.deepEqual(r.afterDisconnect, { states: [{ state: 'peerDisconnected', peerId: PEER }], connected: false })
  assert.match(fake.calls(peer), /'Disconnect'/)
})

test('the adapter removed while the app runs: poweredOff, then ERR_BLUETOOTH_NO_ADAPTER and present: false', { skip }, async () => {
  const { run, reports: r } = await runPage(`
    const ble = new Bluetooth(${JSON.stringify(HEART_RATE)})
    const states = []
    ble.on('state', (state) => states.push(state))
    report('before', (await ble.getAdapterState()).present)
    await step('unplug')
    await until('poweredOff', () => states.some((s) => s.state === 'poweredOff'))
    report('after', await ble.getAdapterState())
    report('scan', await failure(ble.startScan()))
  `, {
    busAddress: bus.address,
    // The template's RemoveAdapterWithDevices: each device's InterfacesRemoved, then the adapter's.
    steps: { unplug: () => { fake.bus.call('org.bluez', '/org/bluez', 'org.bluez.Mock.RemoveAdapterWithDevices', 'hci0') } }
  })
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`)
  assert.equal(r.before, true)
  assert.deepEqual(r.after, { present: false, powered: false, discovering: false, address: '', name: '' })
  assert.equal(r.scan.name, 'NotFoundError')
  assert.equal(r.scan.code, 'ERR_BLUETOOTH_NO_ADAPTER')
})
