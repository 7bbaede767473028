// A private D-Bus (a real dbus-daemon started here with its own config) and, on it, a FAKE BlueZ: the
// python3-dbusmock `bluez5` template, extended from here through dbusmock's AddObject/AddMethod/AddProperties
// API with what the template lacks (GattManager1, LEAdvertisingManager1, GATT services and characteristics).
// It fakes the radio: nothing here exercises a controller, pairing or real air traffic.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const busConfig = (socket: string): string => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

/** A GVariant text literal for a string (JSON's escapes are GVariant's). */
export const gstr = (text: string): string => JSON.stringify(text)

export interface PrivateBus {
  /** The address to give DBUS_SYSTEM_BUS_ADDRESS. */
  address: string
  /** `gdbus call` on this bus; returns the reply in GVariant text, throws with the D-Bus error. */
  call: (dest: string, path: string, method: string, ...args: string[]) => string
  stop: () => void
}

/** Starts a dbus-daemon of our own (not the system's) on a socket in a temp folder. */
export async function startBus (): Promise<PrivateBus> {
  const dir = mkdtempSync(join(tmpdir(), 'socket-bt-bus-'))
  const socket = join(dir, 'bus.sock')
  writeFileSync(join(dir, 'bus.conf'), busConfig(socket))
  const daemon = spawn('dbus-daemon', [`--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] })
  const address = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error('dbus-daemon did not print its address in 10 s')), 10_000)
    daemon.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (out.includes('\n')) { clearTimeout(timer); resolve(out.trim()) }
    })
    daemon.on('exit', (code) => { clearTimeout(timer); reject(new Error(`dbus-daemon exited (${code})`)) })
  })
  const call = (dest: string, path: string, method: string, ...args: string[]): string => {
    const run = spawnSync('gdbus', ['call', '--address', address, '--timeout', '20', '--dest', dest, '--object-path', path, '--method', method, ...args], { encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`gdbus ${method} failed: ${run.stderr.trim()}`)
    return run.stdout.trim()
  }
  return {
    address,
    call,
    stop: () => { daemon.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }) }
  }
}

/** Well-known UUIDs the fake device offers. */
export const HEART_RATE = '0000180d-0000-1000-8000-00805f9b34fb'
export const MEASUREMENT = '00002a37-0000-1000-8000-00805f9b34fb' // read, write, notify
export const DOOMED = '00002a38-0000-1000-8000-00805f9b34fb' // reading it makes the device vanish mid-read
export const GUARDED = '00002a39-0000-1000-8000-00805f9b34fb' // BlueZ refuses: NotPermitted / NotAuthorized
export const SLOW = '00002a3a-0000-1000-8000-00805f9b34fb' // answers after 3 s (longer than the test's timeout)

const GATT_CHAR = 'org.bluez.GattCharacteristic1'
const MOCK = 'org.freedesktop.DBus.Mock'

export interface FakeBluez {
  bus: PrivateBus
  adapter: string
  /** Adds a device as a scan would find it (the template's AddDevice: emits InterfacesAdded). */
  addDevice: (address: string, name: string) => string
  /** Gives a device a heart-rate GATT service with the test characteristics (AddObject). */
  addGatt: (device: string) => void
  setProperty: (path: string, iface: string, name: string, value: string) => void
  /** Method calls the fake received on `path` ([method, args-as-GVariant-text] pairs). */
  calls: (path: string) => string
  /** The unique bus name of the process `pid` (the host), to call the objects it exports. */
  nameOf: (pid: number) => string
  /** Ends the fake (SIGKILL: as BlueZ crashing, with calls unanswered). */
  stop: (signal?: NodeJS.Signals) => void
}

// Debian's python3, which has python3-dbusmock, even when another python3 comes first on PATH.
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'

/** Starts python3-dbusmock's bluez5 template on `bus` as org.bluez, with one adapter, hci0. */
export async function startFakeBluez (bus: PrivateBus, options: { adapter?: boolean, peripheral?: boolean } = {}): Promise<FakeBluez> {
  const mock: ChildProcess = spawn(python, ['-m', 'dbusmock', '--system', '--template', 'bluez5'], {
    env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: bus.address }, stdio: ['ignore', 'ignore', 'inherit']
  })
  const waited = spawnSync('gdbus', ['wait', '--address', bus.address, '--timeout', '20', 'org.bluez'], { encoding: 'utf8' })
  if (waited.status !== 0) { mock.kill(); throw new Error(`the BlueZ fake did not appear on the bus: ${waited.stderr}`) }
  const call = (path: string, method: string, ...args: string[]): string => bus.call('org.bluez', path, method, ...args)
  const adapter = '/org/bluez/hci0'
  if (options.adapter !== false) {
    call('/org/bluez', 'org.bluez.Mock.AddAdapter', 'hci0', gstr('fake-adapter'))
  }
  if (options.adapter !== false && options.peripheral !== false) {
    // The template's adapter has no LE peripheral managers: added here, recording what the host registers.
    call(adapter, `${MOCK}.AddMethod`, 'org.bluez.GattManager1', 'RegisterApplication', 'oa{sv}', '', gstr(''))
    call(adapter, `${MOCK}.AddMethod`, 'org.bluez.GattManager1', 'UnregisterApplication', 'o', '', gstr(''))
    call(adapter, `${MOCK}.AddProperties`, 'org.bluez.LEAdvertisingManager1', '{"ActiveInstances": <byte 0>, "SupportedInstances": <byte 5>}')
    call(adapter, `${MOCK}.AddMethod`, 'org.bluez.LEAdvertisingManager1', 'RegisterAdvertisement', 'oa{sv}', '', gstr(''))
    call(adapter, `${MOCK}.AddMethod`, 'org.bluez.LEAdvertisingManager1', 'UnregisterAdvertisement', 'o', '', gstr(''))
  }
  // AddObject, then InterfacesAdded as BlueZ sends it (dbusmock leaves that to the caller).
  const addObject = (path: string, iface: string, props: string, methods: string): void => {
    call('/', `${MOCK}.AddObject`, path, iface, props, methods)
    call('/', `${MOCK}.EmitSignal`, 'org.freedesktop.DBus.ObjectManager', 'InterfacesAdded', 'oa{sa{sv}}',
      `[<objectpath ${gstr(path)}>, <@a{sa{sv}} {${gstr(iface)}: ${props}}>]`)
  }
  const addCharacteristic = (service: string, path: string, uuid: string, read: string, write: string): void => {
    addObject(path, GATT_CHAR,
      `{"UUID": <${gstr(uuid)}>, "Service": <objectpath ${gstr(service)}>, "Flags": <["read", "write", "notify"]>, "Value": <@ay [0x01, 0x48]>, "Notifying": <false>}`,
      `[("ReadValue", "a{sv}", "ay", ${gstr(read)}), ("WriteValue", "aya{sv}", "", ${gstr(write)}),
        ("StartNotify", "", "", ${gstr(`self.Set('${GATT_CHAR}', 'Notifying', True)`)}), ("StopNotify", "", "", ${gstr(`self.Set('${GATT_CHAR}', 'Notifying', False)`)})]`)
  }
  return {
    bus,
    adapter,
    addDevice: (address, name) => call('/org/bluez', 'org.bluez.Mock.AddDevice', 'hci0', gstr(address), gstr(name)).replace(/^\('|',\)$/g, ''),
    addGatt: (device) => {
      const service = `${device}/service0010`
      addObject(service, 'org.bluez.GattService1',
        `{"UUID": <${gstr(HEART_RATE)}>, "Primary": <true>, "Device": <objectpath ${gstr(device)}>}`, '@a(ssss) []')
      // A write stores the value (as a real peripheral would); it is not a notification.
      addCharacteristic(service, `${service}/char0011`, MEASUREMENT,
        `ret = self.props['${GATT_CHAR}']['Value']`,
        `self.props['${GATT_CHAR}']['Value'] = dbus.Array(args[0], signature='y')`)
      // The device disappears while the read is in flight: BlueZ's InterfacesRemoved comes before the
      // (failed) answer, as when a peer walks out of range.
      addCharacteristic(service, `${service}/char0012`, DOOMED,
        `objects['/'].EmitSignal('org.freedesktop.DBus.ObjectManager', 'InterfacesRemoved', 'oas', [dbus.ObjectPath('${device}'), ['org.bluez.Device1']])\n` +
        `raise dbus.exceptions.DBusException('Operation failed', name='org.bluez.Error.Failed')`, '')
      addCharacteristic(service, `${service}/char0013`, GUARDED,
        `raise dbus.exceptions.DBusException('Read not permitted', name='org.bluez.Error.NotPermitted')`,
        `raise dbus.exceptions.DBusException('Write not authorized', name='org.bluez.Error.NotAuthorized')`)
      addCharacteristic(service, `${service}/char0014`, SLOW, 'import time\ntime.sleep(3)\nret = [1]', '')
    },
    setProperty: (path, iface, name, value) => { call(path, 'org.freedesktop.DBus.Properties.Set', iface, name, value) },
    calls: (path) => call(path, `${MOCK}.GetCalls`),
    nameOf: (pid) => {
      const names = bus.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListNames')
      for (const name of names.match(/':[0-9.]+'/g) ?? []) {
        const unique = name.slice(1, -1)
        try {
          const owner = bus.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', unique)
          if (owner === `(uint32 ${pid},)`) return unique
        } catch {}
      }
      throw new Error(`no connection of process ${pid} on the bus`)
    },
    stop: (signal = 'SIGTERM') => { mock.kill(signal) }
  }
}
