// socket:latica/api — the original's `api(options, { Peer, ... })`, which socket:network's `network()` called with
// its own classes. Here `network()` is the implementation; `api` starts the same network and refuses injected
// classes, which this runtime cannot swap in.
import { network, type Network, type NetworkOptions } from '../network.ts'
import { NotSupportedError } from '../../internal/errors.ts'

export async function api (options: NetworkOptions = {}, classes?: unknown): Promise<Network> {
  if (classes !== undefined) throw new NotSupportedError('socket:latica/api api(options, classes) with injected classes (call it with options only)')
  return network(options)
}

export default api
