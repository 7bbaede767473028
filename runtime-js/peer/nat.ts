// NAT types as a 5-bit field (the original's encoding, kept for interop of ideas and numbers) and the choice
// of a connection strategy for a pair of NATs. docs/protocol.md, "NAT traversal", explains each state.

export const NatBits = {
  MappingKnown: 0b00001,
  MappingIndependent: 0b00010,
  FirewallKnown: 0b00100,
  AnyAddress: 0b01000,
  AnyPort: 0b10000
} as const

export const NatType = {
  Unknown: 0,
  /** Full cone / no NAT: anyone may send to our mapped endpoint. */
  Unrestricted: 0b11111,
  /** Endpoint-independent mapping; only addresses we have sent to may reply (from any port). */
  AddressRestricted: 0b01111,
  /** Endpoint-independent mapping; only the exact address:port we have sent to may reply. */
  PortRestricted: 0b00111,
  /** Symmetric: a new mapping (new external port) for every destination. */
  EndpointRestricted: 0b00101
} as const

export function natTypeFrom (mappingIndependent: boolean, firewall: 'any' | 'address' | 'address-and-port'): number {
  let t = NatBits.MappingKnown | NatBits.FirewallKnown
  if (mappingIndependent) t |= NatBits.MappingIndependent
  else return NatType.EndpointRestricted
  if (firewall === 'any') t |= NatBits.AnyAddress | NatBits.AnyPort
  if (firewall === 'address') t |= NatBits.AnyAddress
  return t
}

export function natName (t: number): 'unknown' | 'unrestricted' | 'address-restricted' | 'port-restricted' | 'symmetric' {
  if ((t & NatBits.MappingKnown) === 0 || (t & NatBits.FirewallKnown) === 0) return 'unknown'
  if ((t & NatBits.MappingIndependent) === 0) return 'symmetric'
  if (t & NatBits.AnyPort) return 'unrestricted'
  if (t & NatBits.AnyAddress) return 'address-restricted'
  return 'port-restricted'
}

export type Strategy = 'direct' | 'hole-punch' | 'birthday' | 'relay'

/** How two peers behind these NATs can reach each other; both sides compute the same answer. */
export function connectionStrategy (local: number, remote: number): Strategy {
  const a = natName(local)
  const b = natName(remote)
  if (a === 'unrestricted' || b === 'unrestricted') return 'direct'
  if (a === 'symmetric' && b === 'symmetric') return 'relay'
  if ((a === 'symmetric' && b === 'port-restricted') || (b === 'symmetric' && a === 'port-restricted')) return 'birthday'
  return 'hole-punch'
}
