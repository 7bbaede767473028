// Node adapters for the seams: node:dgram sockets, the wall clock, crypto randomness. Used by tests, tools
// and backends; apps use socket:dgram and the simulator its own fabric.
import dgram from 'node:dgram'
import { createPrivateKey, createPublicKey, randomBytes, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto'
import type { Clock, Endpoint, RandomSource, Signatures, Transport, UdpSocketLike } from './transport.ts'

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

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

/** The raw 32-byte Ed25519 public key of a 32-byte seed, through OpenSSL. */
export function ed25519PublicKey (seed: Uint8Array): Uint8Array {
  const key = createPublicKey(createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }))
  return new Uint8Array(key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length))
}

/** Ed25519 through OpenSSL (node:crypto): same signatures as @noble, much faster. Keys are cached, bounded. */
export function nodeSignatures (maxKeys = 4096): Signatures {
  const publicKeys = new Map<string, KeyObject | null>()
  const privateKeys = new Map<string, KeyObject>()
  const remember = <T>(map: Map<string, T>, key: string, value: T): T => {
    map.set(key, value)
    if (map.size > maxKeys) map.delete(map.keys().next().value as string)
    return value
  }
  const publicKey = (raw: Uint8Array): KeyObject | null => {
    const k = Buffer.from(raw).toString('hex')
    const hit = publicKeys.get(k)
    if (hit !== undefined) return hit
    let key: KeyObject | null = null
    try { key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }) } catch {}
    return remember(publicKeys, k, key)
  }
  return {
    sign (message, seed) {
      const k = Buffer.from(seed).toString('hex')
      const key = privateKeys.get(k) ?? remember(privateKeys, k, createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }))
      return new Uint8Array(nodeSign(null, message, key))
    },
    verify (sig, message, raw) {
      if (sig.length !== 64 || raw.length !== 32) return false
      const key = publicKey(raw)
      if (!key) return false
      try { return nodeVerify(null, message, key, sig) } catch { return false }
    }
  }
}
