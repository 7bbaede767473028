// NAT models (RFC 4787 terms). A NAT has one public address; it maps a host's local port to a public port
// (the mapping) and decides which inbound datagrams may use that mapping (the filter). Mappings and
// filter permissions are refreshed by outbound traffic only and expire after `timeoutMs` of silence.
//
//   type                 mapping                    inbound allowed from
//   full-cone            endpoint-independent       anyone
//   address-restricted   endpoint-independent       any port of an address we sent to
//   port-restricted      endpoint-independent       exactly an address:port we sent to
//   symmetric            new port per destination   exactly that destination
import type { SeededRandom } from '../core/random.ts'

export const NAT_TYPES = ['open', 'full-cone', 'address-restricted', 'port-restricted', 'symmetric'] as const
export type NatType = typeof NAT_TYPES[number]

/** The NAT type numbers the original protocol uses for the same behaviours (5-bit field). */
export const ORIGINAL_NAT_CODE: Record<NatType, number> = {
  open: 31, 'full-cone': 31, 'address-restricted': 15, 'port-restricted': 7, symmetric: 5
}

interface Mapping {
  localPort: number
  publicPort: number
  expires: number
  /** Symmetric only: the one destination this mapping was made for. */
  remote: string | null
  /** address -> expiry, for address-restricted filtering. */
  addresses: Map<string, number>
  /** "address:port" -> expiry, for port-restricted filtering. */
  endpoints: Map<string, number>
}

export type InboundVerdict = { localPort: number } | { drop: 'no-mapping' | 'mapping-expired' | 'filtered' }

export class Nat {
  private byLocal = new Map<string, Mapping>()
  private byPublic = new Map<number, Mapping>()
  private allocations = 0
  mappingsCreated = 0

  constructor (
    readonly type: Exclude<NatType, 'open'>,
    readonly publicAddress: string,
    readonly timeoutMs: number,
    private readonly random: SeededRandom
  ) {
    if (!(timeoutMs > 0)) throw new RangeError(`NAT mapping timeout must be positive, got ${timeoutMs}`)
  }

  /** Translates an outbound datagram; returns the public source port it leaves with. */
  outbound (localPort: number, toAddress: string, toPort: number, now: number): number {
    const remote = `${toAddress}:${toPort}`
    const key = this.type === 'symmetric' ? `${localPort}>${remote}` : String(localPort)
    let mapping = this.byLocal.get(key)
    if (mapping !== undefined && mapping.expires <= now) {
      this.release(key, mapping)
      mapping = undefined
    }
    if (mapping === undefined) {
      mapping = {
        localPort,
        publicPort: this.allocatePort(now),
        expires: 0,
        remote: this.type === 'symmetric' ? remote : null,
        addresses: new Map(),
        endpoints: new Map()
      }
      this.byLocal.set(key, mapping)
      this.byPublic.set(mapping.publicPort, mapping)
      this.mappingsCreated++
    }
    const expires = now + this.timeoutMs
    mapping.expires = expires
    if (this.type === 'address-restricted') mapping.addresses.set(toAddress, expires)
    else if (this.type === 'port-restricted') mapping.endpoints.set(remote, expires)
    return mapping.publicPort
  }

  /** Decides whether a datagram arriving at publicPort from fromAddress:fromPort gets in. */
  inbound (publicPort: number, fromAddress: string, fromPort: number, now: number): InboundVerdict {
    const mapping = this.byPublic.get(publicPort)
    if (mapping === undefined) return { drop: 'no-mapping' }
    if (mapping.expires <= now) return { drop: 'mapping-expired' }
    switch (this.type) {
      case 'full-cone':
        return { localPort: mapping.localPort }
      case 'address-restricted':
        return (mapping.addresses.get(fromAddress) ?? 0) > now ? { localPort: mapping.localPort } : { drop: 'filtered' }
      case 'port-restricted':
        return (mapping.endpoints.get(`${fromAddress}:${fromPort}`) ?? 0) > now ? { localPort: mapping.localPort } : { drop: 'filtered' }
      case 'symmetric':
        return mapping.remote === `${fromAddress}:${fromPort}` ? { localPort: mapping.localPort } : { drop: 'filtered' }
    }
  }

  get activeMappings (): number { return this.byPublic.size }

  /** Forgets every mapping bound to a local port (the socket was closed). */
  closeLocalPort (localPort: number): void {
    for (const [key, mapping] of this.byLocal) if (mapping.localPort === localPort) this.release(key, mapping)
  }

  private release (key: string, mapping: Mapping): void {
    this.byLocal.delete(key)
    if (this.byPublic.get(mapping.publicPort) === mapping) this.byPublic.delete(mapping.publicPort)
  }

  private allocatePort (now: number): number {
    if (++this.allocations % 256 === 0) this.sweep(now)
    if (this.byPublic.size > 60000) throw new RangeError(`NAT ${this.publicAddress} has run out of public ports`)
    for (;;) {
      const port = this.random.int(1024, 65535)
      if (!this.byPublic.has(port)) return port
    }
  }

  private sweep (now: number): void {
    for (const [key, mapping] of this.byLocal) {
      if (mapping.expires <= now) this.release(key, mapping)
      else {
        for (const [k, t] of mapping.addresses) if (t <= now) mapping.addresses.delete(k)
        for (const [k, t] of mapping.endpoints) if (t <= now) mapping.endpoints.delete(k)
      }
    }
  }
}
