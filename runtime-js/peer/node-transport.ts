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

export function cryptoRandom (): RandomSource {
  return {
    bytes: (n) => new Uint8Array(randomBytes(n)),
    float: () => randomBytes(4).readUInt32BE(0) / 0x1_0000_0000
  }
}
