// Bad peers: they run the honest protocol (so they are connected and holes are punched towards them) and
// additionally spray junk through their own main socket at everyone they have heard from: random bytes, and
// corrupted or truncated copies of real datagrams they received (which look much more like the real thing).
import type { Endpoint, Transport, UdpSocketLike } from '../runtime-js/peer/transport.ts'
import type { SeededRandom } from './core/random.ts'

export class JunkTap {
  readonly heardFrom: Endpoint[] = []
  private readonly seen = new Set<string>()
  private readonly recent: Uint8Array[] = []
  private socket: UdpSocketLike | null = null
  sent = 0

  constructor (private readonly inner: Transport, private readonly random: SeededRandom) {}

  /** The transport handed to the bad peer's protocol code: real sockets, with the main one tapped. */
  readonly transport: Transport = {
    createSocket: () => {
      const socket = this.inner.createSocket()
      this.socket ??= socket
      const onMessage = socket.onMessage.bind(socket)
      socket.onMessage = (handler) => onMessage((data, from) => {
        const key = `${from.address}:${from.port}`
        if (!this.seen.has(key)) { this.seen.add(key); this.heardFrom.push(from) }
        if (this.recent.length < 64) this.recent.push(data.slice())
        else this.recent[this.random.int(0, 63)] = data.slice()
        handler(data, from)
      })
      return socket
    }
  }

  /** Sends one junk datagram of about `bytes` bytes to a random peer it has heard from. */
  fire (bytes: number, extraTargets: Endpoint[]): void {
    const targets = this.heardFrom.length > 0 ? this.heardFrom : extraTargets
    if (this.socket === null || targets.length === 0) return
    const to = this.random.pick(targets)
    let data: Uint8Array
    const style = this.random.int(0, 2)
    if (style === 0 || this.recent.length === 0) {
      data = this.random.bytes(this.random.int(1, bytes))
    } else {
      data = this.random.pick(this.recent).slice()
      if (style === 1) {
        for (let i = 0; i < 4 && data.length > 0; i++) data[this.random.int(0, data.length - 1)] ^= 1 << this.random.int(0, 7)
      } else {
        data = data.subarray(0, this.random.int(0, data.length))
      }
    }
    this.sent++
    this.socket.send(data, to.port, to.address)
  }
}
