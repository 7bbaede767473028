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

/**
 * A remote endpoint as a number: `addressKey * 65536 + port`. Address keys are small integers the fabric
 * gives each address it has seen (negative for addresses no host has), so no string is built per datagram.
 * A port that is not an integer in 0..65535 (only a buggy protocol sends to one) gets a string key instead,
 * which no real source endpoint can equal, exactly as a string key "address:port" never would.
 */
export type RemoteKey = number | string

export function remoteKey (addressKey: number, port: number): RemoteKey {
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? addressKey * 65536 + port : `${addressKey}:${port}`
}

interface Mapping {
  localPort: number
  publicPort: number
  expires: number
  /** Symmetric only: the one destination this mapping was made for. */
  remote: RemoteKey | null
  /** address key -> expiry, for address-restricted filtering. */
  addresses: Map<number, number>
  /** remote key -> expiry, for port-restricted filtering. */
  endpoints: Map<RemoteKey, number>
}

/** What inbound() answers: the local port (>= 0), or one of these (negative) reasons to drop. */
export const NO_MAPPING = -1, MAPPING_EXPIRED = -2, FILTERED = -3
/** The drop reason the fabric records for each negative verdict. */
export const INBOUND_DROP_REASON: Record<number, string> = {
  [NO_MAPPING]: 'nat-no-mapping', [MAPPING_EXPIRED]: 'nat-mapping-expired', [FILTERED]: 'nat-filtered'
}

export class Nat {
  /** Cone NATs: local port -> mapping. Symmetric: (local port, remote) -> mapping. */
  private byLocal = new Map<RemoteKey, Mapping>()
  private byPublic = new Map<number, Mapping>()
  private allocations = 0
  private readonly symmetric: boolean
  mappingsCreated = 0

  constructor (
    readonly type: Exclude<NatType, 'open'>,
    readonly publicAddress: string,
    readonly timeoutMs: number,
    private readonly random: SeededRandom
  ) {
    if (!(timeoutMs > 0)) throw new RangeError(`NAT mapping timeout must be positive, got ${timeoutMs}`)
    this.symmetric = type === 'symmetric'
  }

  /** Translates an outbound datagram to (toAddressKey, toPort); returns the public source port it leaves with. */
  outbound (localPort: number, toAddressKey: number, toPort: number, now: number): number {
    const remote = remoteKey(toAddressKey, toPort)
    const key: RemoteKey = !this.symmetric
      ? localPort
      : typeof remote === 'number' ? remote * 65536 + localPort : `${localPort}>${remote}`
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
        remote: this.symmetric ? remote : null,
        addresses: new Map(),
        endpoints: new Map()
      }
      this.byLocal.set(key, mapping)
      this.byPublic.set(mapping.publicPort, mapping)
      this.mappingsCreated++
    }
    const expires = now + this.timeoutMs
    mapping.expires = expires
    if (this.type === 'address-restricted') mapping.addresses.set(toAddressKey, expires)
    else if (this.type === 'port-restricted') mapping.endpoints.set(remote, expires)
    return mapping.publicPort
  }

  /**
   * Decides whether a datagram arriving at publicPort from (fromAddressKey, fromPort) gets in: the local
   * port it is forwarded to, or NO_MAPPING, MAPPING_EXPIRED or FILTERED.
   */
  inbound (publicPort: number, fromAddressKey: number, fromPort: number, now: number): number {
    const mapping = this.byPublic.get(publicPort)
    if (mapping === undefined) return NO_MAPPING
    if (mapping.expires <= now) return MAPPING_EXPIRED
    switch (this.type) {
      case 'full-cone':
        return mapping.localPort
      case 'address-restricted':
        return (mapping.addresses.get(fromAddressKey) ?? 0) > now ? mapping.localPort : FILTERED
      case 'port-restricted':
        return (mapping.endpoints.get(remoteKey(fromAddressKey, fromPort)) ?? 0) > now ? mapping.localPort : FILTERED
      case 'symmetric':
        return mapping.remote === remoteKey(fromAddressKey, fromPort) ? mapping.localPort : FILTERED
    }
  }

  get activeMappings (): number { return this.byPublic.size }

  /** True if a datagram to `publicPort` would find a live mapping (a carrier NAT routes by it to a host). */
  mapped (publicPort: number, now: number): boolean {
    const mapping = this.byPublic.get(publicPort)
    return mapping !== undefined && mapping.expires > now
  }

  /** Forgets every mapping bound to a local port (the socket was closed). */
  closeLocalPort (localPort: number): void {
    for (const [key, mapping] of this.byLocal) if (mapping.localPort === localPort) this.release(key, mapping)
  }

  private release (key: RemoteKey, mapping: Mapping): void {
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
