// socket:bluetooth — the original's Bluetooth EventEmitter (new Bluetooth(serviceId); start, subscribe,
// publish; a characteristic's values arrive as events named by its UUID), plus the central role the IDL adds
// (adapter state, scanning, connecting, GATT services, read/write/notify). Only adapts shapes: every call is
// a generated bluetooth.* route.
import EventEmitter from 'events/events.js'
import {
  bluetooth, onCharacteristicData, onDeviceFound, onState,
  type BluetoothAdapterInfo, type BluetoothDevice, type BluetoothGattService, type BluetoothState, type BluetoothValue
} from '../../generated/js/bluetooth.ts'
import type { Unsubscribe } from '../ipc/index.ts'

export type { BluetoothAdapterInfo, BluetoothDevice, BluetoothGattService, BluetoothState, BluetoothValue }

/** What `startScan` filters on; every field is optional. */
export interface ScanOptions {
  /** Only devices advertising one of these service UUIDs. */
  serviceIds?: string[]
  /** Only devices heard at least this strong, in dBm. */
  rssi?: number
  /** "le" (the default), "bredr" or "auto". */
  transport?: 'le' | 'bredr' | 'auto'
}

/** The value `publish` sends: a string (sent as UTF-8) or bytes. */
export type BluetoothMessage = string | Uint8Array | ArrayBuffer | ArrayBufferView

function uuid (value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${name} must be a non-empty UUID string`)
  return value
}

function messageBytes (value: BluetoothMessage): Uint8Array {
  if (typeof value === 'string') return new TextEncoder().encode(value)
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  throw new TypeError('value must be a string, an ArrayBuffer or a typed array')
}

/**
 * One app's Bluetooth service. Events: `state` (the adapter or a peer changed: `{state, serviceId?, peerId?}`),
 * `device` (a scan found a device), and, for every characteristic subscribed to or written by a peer, an event
 * named by the characteristic's UUID with `(detail, bytes)`; `data` carries the same for every characteristic.
 */
export class Bluetooth extends EventEmitter {
  /** The original's (misspelt) flag; true once any instance exists. */
  static isInitalized = false

  readonly serviceId: string
  #unsubscribe: Unsubscribe[]

  constructor (serviceId = '') {
    super()
    if (typeof serviceId !== 'string' || serviceId.length !== 36) throw new TypeError('expecting 36 character serviceId')
    this.serviceId = serviceId.toLowerCase()
    Bluetooth.isInitalized = true
    this.#unsubscribe = [
      onState((detail) => { this.emit('state', detail) }),
      onDeviceFound((detail) => { this.emit('device', detail) }),
      onCharacteristicData((detail, bytes) => {
        if (detail.serviceId !== this.serviceId) return
        this.emit(detail.characteristicId, detail, bytes)
        this.emit('data', detail, bytes)
      })
    ]
  }

  /** Publishes this app's service (`serviceId`), advertises it, and scans for peers offering it. */
  async start (): Promise<void> {
    await bluetooth.start(this.serviceId)
  }

  /**
   * Starts receiving the values of a characteristic of the service from peers (notifications) and from
   * peers writing to this app's own characteristic; they arrive as events named `id`.
   */
  async subscribe (id = ''): Promise<void> {
    await bluetooth.subscribe(this.serviceId, uuid(id, 'id').toLowerCase())
  }

  /** Sets this app's characteristic `id` to `value` and notifies subscribed peers. */
  async publish (id = '', value: BluetoothMessage = ''): Promise<void> {
    uuid(id, 'characteristic id')
    const bytes = messageBytes(value)
    if (bytes.byteLength === 0) throw new TypeError('value must not be empty')
    await bluetooth.publish(this.serviceId, id.toLowerCase(), bytes)
  }

  /** The default adapter: present, powered, discovering, address, name. */
  async getAdapterState (): Promise<BluetoothAdapterInfo> {
    return await bluetooth.getAdapterState()
  }

  /** Starts discovery; each device found is a `device` event. */
  async startScan (options: ScanOptions = {}): Promise<void> {
    await bluetooth.startScan(options.serviceIds ?? [], options.rssi ?? 0, options.transport ?? 'le')
  }

  async stopScan (): Promise<void> {
    await bluetooth.stopScan()
  }

  /** The devices BlueZ knows. */
  async getDevices (): Promise<BluetoothDevice[]> {
    return await bluetooth.getDevices()
  }

  /** Connects to a device by address and waits for its GATT services. */
  async connect (deviceId: string): Promise<void> {
    await bluetooth.connect(deviceId)
  }

  async disconnect (deviceId: string): Promise<void> {
    await bluetooth.disconnect(deviceId)
  }

  /** A connected device's GATT services and their characteristics. */
  async getServices (deviceId: string): Promise<BluetoothGattService[]> {
    return await bluetooth.getServices(deviceId)
  }

  /** Reads a characteristic of a connected device (of `serviceId`, by default this instance's service). */
  async read (deviceId: string, characteristicId: string, serviceId: string = this.serviceId): Promise<Uint8Array> {
    return await bluetooth.readCharacteristic(deviceId, serviceId, uuid(characteristicId, 'characteristicId'))
  }

  /** Writes a characteristic of a connected device; `withResponse: false` writes without response. */
  async write (deviceId: string, characteristicId: string, value: BluetoothMessage, options: { serviceId?: string, withResponse?: boolean } = {}): Promise<void> {
    await bluetooth.writeCharacteristic(deviceId, options.serviceId ?? this.serviceId, uuid(characteristicId, 'characteristicId'),
      messageBytes(value), options.withResponse ?? true)
  }

  /** Starts notifications of a device's characteristic; values arrive as events named by its UUID. */
  async startNotifications (deviceId: string, characteristicId: string, serviceId: string = this.serviceId): Promise<void> {
    await bluetooth.startNotifications(deviceId, serviceId, uuid(characteristicId, 'characteristicId'))
  }

  async stopNotifications (deviceId: string, characteristicId: string, serviceId: string = this.serviceId): Promise<void> {
    await bluetooth.stopNotifications(deviceId, serviceId, uuid(characteristicId, 'characteristicId'))
  }

  /** Stops delivering events to this instance (the service stays published). */
  close (): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe()
  }
}

export default Bluetooth
