// socket:latica/proxy — the original ran the peer in a worker and talked to it through `PeerWorkerProxy`. Here the
// peer runs where `network()` is called (in the page, over the host's UDP), so there is no worker to proxy to.
import { NotSupportedError } from '../../internal/errors.ts'

export class PeerWorkerProxy {
  constructor () {
    throw new NotSupportedError('socket:latica/proxy PeerWorkerProxy (the peer runs in the page, not in a worker; use network() from socket:network)')
  }
}

export default PeerWorkerProxy
