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
  #ready: Promise<void> | undefined
  #closed = false

  constructor (private readonly opts: BirthdayOptions) {}

  #ensurePool (): Promise<void> {
    this.#ready ??= (async () => {
      for (let i = 0; i < this.opts.poolSize; i++) {
        const s = this.opts.transport.createSocket()
        s.onMessage((d, from) => this.opts.receive(d, from, s))
        await s.bind(0)
        this.#pool.push(s)
      }
    })()
    return this.#ready
  }

  /** Symmetric side: ping the remote's known endpoint from random pool sockets until `done()`. */
  connect (to: Endpoint, done: () => boolean): void {
    void this.#ensurePool().then(() => {
      let attempts = 0
      const step = (): void => {
        if (this.#closed || done() || attempts++ >= MAX_ATTEMPTS) return
        this.opts.ping(this.#pool[Math.floor(this.opts.random.float() * this.#pool.length)], to)
        this.opts.clock.setTimeout(step, SPACING_MS)
      }
      step()
    })
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
