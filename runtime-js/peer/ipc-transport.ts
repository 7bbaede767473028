// The seams in an app's webview: UDP through the host's `udp` capability (generated client), the page's
// clock and WebCrypto randomness. Datagrams arrive as `data` events; one listener routes them by socket id.
import { createUdpClient, onDatagram, type UdpClient } from '../../generated/js/udp.ts'
import type { Clock, Endpoint, RandomSource, Transport, UdpSocketLike } from './transport.ts'

type Handler = (data: Uint8Array, from: Endpoint) => void

export function ipcTransport (udp: UdpClient = createUdpClient(), events?: EventTarget): Transport {
  const handlers = new Map<bigint, Handler>()
  let unsubscribe: (() => void) | undefined
  const listen = (): void => {
    unsubscribe ??= onDatagram((d, bytes) => handlers.get(d.id)?.(bytes, { address: d.address, port: d.port }), events)
  }
  return {
    createSocket (): UdpSocketLike {
      const words = new BigUint64Array(1)
      globalThis.crypto.getRandomValues(words)
      const id = words[0] >> 1n // stays within a signed 64-bit range on the native side
      let handler: Handler | undefined
      let closed = false
      return {
        async bind (port = 0, address = '0.0.0.0') {
          listen()
          handlers.set(id, (d, from) => handler?.(d, from))
          const bound = await udp.bind(id, port, address)
          await udp.readStart(id)
          return { address: bound.address, port: bound.port }
        },
        send (data, port, address) {
          if (!closed) udp.send(id, data, port, address).catch(() => {}) // UDP: a failed send is a lost datagram
        },
        onMessage (fn) { handler = fn },
        close () {
          if (closed) return
          closed = true
          handlers.delete(id)
          udp.close(id).catch(() => {})
        }
      }
    }
  }
}

export function webClock (): Clock {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h) => globalThis.clearTimeout(h as number)
  }
}

export function webRandom (): RandomSource {
  return {
    bytes: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
    float: () => globalThis.crypto.getRandomValues(new Uint32Array(1))[0] / 0x1_0000_0000
  }
}
