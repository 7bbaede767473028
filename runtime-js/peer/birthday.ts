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
  ping (socket: UdpSocketLike, to: Endpoint): void
  receive (data: Uint8Array, from: Endpoint, socket: UdpSocketLike): void
}

const SPACING_MS = 10
const MAX_ATTEMPTS = 1024
const OPEN_PORTS = 1024

export class BirthdayTraversal {
  static readonly DEADLINE_MS = SPACING_MS * MAX_ATTEMPTS + 2048
  #pool: UdpSocketLike[] = []
  #closed = false

  constructor (private readonly opts: BirthdayOptions) {}

  /** Symmetric side: ping the remote's known endpoint, each time from a new socket (a new mapping) until the
   * pool is full, then from random pool sockets, until `done()`. Sockets are made only as needed, so an early
   * success costs few. */
  connect (to: Endpoint, done: () => boolean): void {
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
      this.opts.ping(socket, to)
      this.opts.clock.setTimeout(() => { void step() }, SPACING_MS)
    }
    void step()
  }

  /** Restricted side: open the firewall for many random ports at the remote address. */
  open (to: Endpoint, send: (to: Endpoint) => void): void {
    for (let i = 0; i < OPEN_PORTS; i++) {
      const port = 1024 + Math.floor(this.opts.random.float() * (65536 - 1024))
      send({ address: to.address, port })
    }
  }

  close (): void {
    this.#closed = true
    for (const s of this.#pool) s.close()
  }
}
