// socket:bluetooth in the peripheral role (the original's start/subscribe/publish), from app JS in a real
// window: the host exports a GATT application and an advertisement on a real dbus-daemon and registers them
// with the fake BlueZ; the test then plays BlueZ relaying a remote central: it reads the exported objects,
// subscribes, writes (the page gets the bytes as an event named by the characteristic) and reads what the
// page published.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startBus, startFakeBluez, type FakeBluez, type PrivateBus } from './bluez-fake.ts'
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

const SERVICE = '5c3a0d2e-1b7f-4a55-9c1e-6f0a7b2c9d10'
const CHARACTERISTIC = '5c3a0d2e-1b7f-4a55-9c1e-6f0a7b2c9d11'
const CENTRAL = 'AA:BB:CC:DD:EE:07'

test('start registers a GATT application and an advertisement; a remote write arrives as an event; publish sets the value BlueZ reads', { skip }, async () => {
  const seen: Record<string, string> = {}
  const central = fake.addDevice(CENTRAL, 'Fake Central')
  const { run, reports: r } = await runPage(`
    const ble = new Bluetooth(${JSON.stringify(SERVICE.toUpperCase())})
    const states = []
    const values = []
    ble.on('state', (state) => states.push(state))
    ble.on(${JSON.stringify(CHARACTERISTIC)}, (detail, bytes) => values.push({ detail, text: new TextDecoder().decode(bytes) }))
    report('publishBeforeStart', await failure(ble.publish(${JSON.stringify(CHARACTERISTIC)}, 'early')))
    report('badServiceId', await failure(Promise.resolve().then(() => new Bluetooth('short'))))
    report('emptyValue', await failure(ble.publish(${JSON.stringify(CHARACTERISTIC)}, '')))
    await ble.start()
    await ble.start() // again: nothing changes
    await ble.subscribe(${JSON.stringify(CHARACTERISTIC)})
    await step('started')
    await until('the remote write', () => values.length > 0)
    report('written', values)
    await ble.publish(${JSON.stringify(CHARACTERISTIC)}, 'hello from the page')
    await step('published')
    report('states', states)
    report('isInitalized', Bluetooth.isInitalized)
  `, {
    busAddress: bus.address,
    steps: {
      started: (pid) => {
        const host = fake.nameOf(pid)
        const registered = fake.calls(fake.adapter)
        const root = /RegisterApplication', \[<objectpath '([^']+)'/.exec(registered)?.[1]
        assert.ok(root, `no RegisterApplication in ${registered}`)
        seen.advertisement = /RegisterAdvertisement', \[<objectpath '([^']+)'/.exec(registered)?.[1] ?? ''
        seen.tree = bus.call(host, root, 'org.freedesktop.DBus.ObjectManager.GetManagedObjects')
        seen.characteristic = new RegExp(`'(${root}/[^']+/char\\d+)'`).exec(seen.tree)?.[1] ?? ''
        seen.advertisementType = bus.call(host, seen.advertisement, 'org.freedesktop.DBus.Properties.Get', 'org.bluez.LEAdvertisement1', 'Type')
        seen.advertisedUuids = bus.call(host, seen.advertisement, 'org.freedesktop.DBus.Properties.Get', 'org.bluez.LEAdvertisement1', 'ServiceUUIDs')
        bus.call(host, seen.characteristic, 'org.bluez.GattCharacteristic1.StartNotify')
        bus.call(host, seen.characteristic, 'org.bluez.GattCharacteristic1.WriteValue', '@ay [0x68, 0x69]', `{"device": <objectpath "${central}">}`)
      },
      published: (pid) => {
        seen.read = bus.call(fake.nameOf(pid), seen.characteristic, 'org.bluez.GattCharacteristic1.ReadValue', '@a{sv} {}')
        // A long read continues at an offset; an offset past the end is BlueZ's InvalidOffset.
        seen.readFrom6 = bus.call(fake.nameOf(pid), seen.characteristic, 'org.bluez.GattCharacteristic1.ReadValue', '{"offset": <uint16 6>}')
        try {
          bus.call(fake.nameOf(pid), seen.characteristic, 'org.bluez.GattCharacteristic1.ReadValue', '{"offset": <uint16 500>}')
          seen.pastEnd = 'answered'
        } catch (error) {
          seen.pastEnd = String(error)
        }
      }
    }
  })
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`)
  assert.equal(r.publishBeforeStart.name, 'InvalidStateError')
  assert.equal(r.publishBeforeStart.code, 'ERR_BLUETOOTH_NOT_STARTED')
  assert.equal(r.badServiceId.name, 'TypeError')
  assert.equal(r.emptyValue.name, 'TypeError')
  // The exported tree is what BlueZ's GattManager1 reads: the service and the subscribed characteristic.
  assert.match(seen.tree, new RegExp(`'org.bluez.GattService1': \\{'UUID': <'${SERVICE}'>, 'Primary': <true>\\}`))
  assert.match(seen.tree, new RegExp(`'org.bluez.GattCharacteristic1': \\{'UUID': <'${CHARACTERISTIC}'>`))
  assert.match(seen.tree, /'Flags': <\['read', 'write', 'notify'\]>/)
  assert.ok(seen.advertisement.length > 0, 'an advertisement was registered')
  assert.equal(seen.advertisementType, "(<'peripheral'>,)")
  assert.equal(seen.advertisedUuids, `(<['${SERVICE}']>,)`)
  // The scan for peers of the same service was started with it as the filter.
  assert.match(fake.calls(fake.adapter), new RegExp(`SetDiscoveryFilter.*${SERVICE}.*StartDiscovery`, 's'))
  assert.deepEqual(r.written, [{ detail: { serviceId: SERVICE, characteristicId: CHARACTERISTIC, peerId: CENTRAL }, text: 'hi' }])
  const published = [...Buffer.from('hello from the page')].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')
  assert.equal(seen.read, `([byte ${published}],)`)
  const from6 = [...Buffer.from('from the page')].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')
  assert.equal(seen.readFrom6, `([byte ${from6}],)`)
  assert.match(seen.pastEnd, /org\.bluez\.Error\.InvalidOffset/)
  assert.deepEqual(r.states, [{ state: 'peerConnected', serviceId: SERVICE }])
  assert.equal(r.isInitalized, true)
})
