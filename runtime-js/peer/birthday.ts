// The birthday-paradox strategy for a symmetric NAT facing a port-restricted one. The symmetric side cannot
// predict its next external port, so it sends from many sockets (each gets its own random mapping); the
// restricted side sends to many random ports at the symmetric side's address, each opening its firewall for
// that port. With n mappings and m opened ports out of P, a match is likely once n·m is a fair fraction of P
// (the birthday bound): 256 × 1024 over 64,512 ports gives about 98%.
import type { Clock, Endpoint, RandomSource, Transport, UdpSocketLike } from './transport.ts'

export interface BirthdayOptions {
  transport: Transport
  clock: Clock
  random: RandomSource
  poolSize: number
  /** Sends `ping` (one signed ping, the same for the whole burst) from `socket`. */
  ping (socket: UdpSocketLike, to: Endpoint, ping: Uint8Array): void
  receive (data: Uint8Array, from: Endpoint, socket: UdpSocketLike): void
}

const SPACING_MS = 10
const MAX_ATTEMPTS = 1024
const OPEN_PORTS = 1024
/** The restricted side's burst leaves in slices of this many every SPACING_MS, not all at once. */
const OPEN_SLICE = 64

export class BirthdayTraversal {
  static readonly DEADLINE_MS = SPACING_MS * MAX_ATTEMPTS + 2048
  #pool: UdpSocketLike[] = []
  #closed = false

  constructor (private readonly opts: BirthdayOptions) {}

  /** Symmetric side: ping the remote's known endpoint, each time from a new socket (a new mapping) until the
   * pool is full, then from random pool sockets, until `done()`. Sockets are made only as needed, so an early
   * success costs few. */
  connect (to: Endpoint, ping: Uint8Array, done: () => boolean): void {
    let attempts = 0
    const step = async (): Promise<void> => {
      if (this.#closed || done() || attempts++ >= MAX_ATTEMPTS) return
      let socket: UdpSocketLike
      if (this.#pool.length < this.opts.poolSize) {
        socket = this.opts.transport.createSocket()
        socket.onMessage((d, from) => this.opts.receive(d, from, socket))
        this.#pool.push(socket)
        await socket.bind(0)
      } else {
        socket = this.#pool[Math.floor(this.opts.random.float() * this.#pool.length)]
      }
      if (this.#closed) return
      this.opts.ping(socket, to, ping)
      this.opts.clock.setTimeout(() => { void step() }, SPACING_MS)
    }
    void step()
  }

  /** Restricted side: open the firewall for many random ports at the remote address, paced. */
  open (to: Endpoint, send: (to: Endpoint) => void): void {
    let sent = 0
    const slice = (): void => {
      if (this.#closed) return
      for (const end = Math.min(sent + OPEN_SLICE, OPEN_PORTS); sent < end; sent++) {
        const port = 1024 + Math.floor(this.opts.random.float() * (65536 - 1024))
        send({ address: to.address, port })
      }
      if (sent < OPEN_PORTS) this.opts.clock.setTimeout(slice, SPACING_MS)
    }
    slice()
  }

  close (): void {
    this.#closed = true
    for (const s of this.#pool) s.close()
  }
}
