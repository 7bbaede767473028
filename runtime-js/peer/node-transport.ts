// Node adapters for the seams: node:dgram sockets, the wall clock, crypto randomness. Used by tests, tools
// and backends; apps use socket:dgram and the simulator its own fabric.
import dgram from 'node:dgram'
import { randomBytes } from 'node:crypto'
import type { Clock, Endpoint, RandomSource, Transport, UdpSocketLike } from './transport.ts'

export function nodeTransport (): Transport {
  return {
    createSocket (): UdpSocketLike {
      const socket = dgram.createSocket({ type: 'udp4' })
      let handler: ((data: Uint8Array, from: Endpoint) => void) | undefined
      let closed = false
      socket.on('message', (msg, rinfo) => handler?.(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength), { address: rinfo.address, port: rinfo.port }))
      socket.on('error', () => {}) // ICMP errors and the like: UDP has no failed sends to report
      return {
        bind: (port = 0, address = '0.0.0.0') => new Promise((resolve, reject) => {
          socket.once('error', reject)
          socket.bind(port, address, () => {
            socket.off('error', reject)
            const a = socket.address()
            resolve({ address: a.address, port: a.port })
          })
        }),
        send (data, port, address) {
          if (!closed) socket.send(data, port, address, () => {})
        },
        onMessage (fn) { handler = fn },
        close () {
          if (closed) return
          closed = true
          socket.close()
        }
      }
    }
  }
}

export function systemClock (): Clock {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
  }
}

/** Crypto-quality randomness, drawn from a refilled pool (one system call per 4 KiB, not per value). */
export function cryptoRandom (): RandomSource {
  let pool = randomBytes(4096)
  let at = 0
  const take = (n: number): Uint8Array => {
    if (n > pool.length) return new Uint8Array(randomBytes(n))
    if (at + n > pool.length) { pool = randomBytes(4096); at = 0 }
    const out = new Uint8Array(pool.subarray(at, at + n))
    pool.fill(0, at, at + n)
    at += n
    return out
  }
  return {
    bytes: take,
    float: () => { const b = take(4); return (((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3]) / 0x1_0000_0000 }
  }
}
