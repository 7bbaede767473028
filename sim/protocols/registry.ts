// Protocols the simulator can run, by name. The product's peer is loaded lazily so the simulator core
// works (and its tests run) even where the peer cannot be imported.
import type { ProtocolDriver } from './driver.ts'
import { floodingDriver } from '../baseline/flooding.ts'

export async function loadDriver (name: string): Promise<ProtocolDriver> {
  if (name === 'flooding') return floodingDriver
  if (name === 'peer') return (await import('./peer-driver.ts')).peerDriver
  throw new TypeError(`unknown protocol "${name}" (known: peer, flooding)`)
}
