// Runs the product's Stream Relay peer (runtime-js/peer) unchanged on a simulated host.
import { NotSupportedError } from '../errors.ts'
import type { ProtocolDriver } from './driver.ts'

export const peerDriver: ProtocolDriver = {
  name: 'peer',
  dataKinds: ['publish'],
  classify: () => 'datagram',
  async start () {
    throw new NotSupportedError('the peer driver is not written yet: runtime-js/peer/peer.ts has not landed')
  }
}
