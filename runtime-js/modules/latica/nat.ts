// socket:latica/nat — the original's NAT module (`NAT` in socket:network): the 5-bit NAT type field, its named
// values and checks, and the original's connection-strategy table. The numbers are the original's, which this
// runtime's peer also uses (runtime-js/peer/nat.ts `NatType`; a test keeps the two equal); the peer's own choice
// of strategy is `connectionStrategy` there, whose differences from this table docs/network.md lists.

import { NatBits } from '../../peer/nat.ts'

export const UNKNOWN = 0
/** Mapping known and endpoint-independent (0b00011). */
export const MAPPING_ENDPOINT_INDEPENDENT = NatBits.MappingKnown | NatBits.MappingIndependent
/** Mapping known and endpoint-dependent (0b00001). */
export const MAPPING_ENDPOINT_DEPENDENT = NatBits.MappingKnown
/** Firewall known, any address and port may send (0b11100). */
export const FIREWALL_ALLOW_ANY = NatBits.FirewallKnown | NatBits.AnyAddress | NatBits.AnyPort
/** Firewall known, any port of an address we sent to may send (0b01100). */
export const FIREWALL_ALLOW_KNOWN_IP = NatBits.FirewallKnown | NatBits.AnyAddress
/** Firewall known, only the address and port we sent to may send (0b00100). */
export const FIREWALL_ALLOW_KNOWN_IP_AND_PORT = NatBits.FirewallKnown

/** 31: full cone or no NAT. */
export const UNRESTRICTED = MAPPING_ENDPOINT_INDEPENDENT | FIREWALL_ALLOW_ANY
/** 15 */
export const ADDR_RESTRICTED = MAPPING_ENDPOINT_INDEPENDENT | FIREWALL_ALLOW_KNOWN_IP
/** 7 */
export const PORT_RESTRICTED = MAPPING_ENDPOINT_INDEPENDENT | FIREWALL_ALLOW_KNOWN_IP_AND_PORT
/** 5: symmetric. */
export const ENDPOINT_RESTRICTED = MAPPING_ENDPOINT_DEPENDENT | FIREWALL_ALLOW_KNOWN_IP_AND_PORT

export const STRATEGY_DEFER = 0
export const STRATEGY_DIRECT_CONNECT = 1
export const STRATEGY_TRAVERSAL_OPEN = 2
export const STRATEGY_TRAVERSAL_CONNECT = 3
export const STRATEGY_PROXY = 4

const MAPPING_MASK = NatBits.MappingKnown | NatBits.MappingIndependent
const FIREWALL_MASK = NatBits.FirewallKnown | NatBits.AnyAddress | NatBits.AnyPort

const natTypeArg = (name: string, t: unknown): number => {
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > 0b11111) throw new TypeError(`NAT: ${name} must be a NAT type (an integer from 0 to 31), got ${String(t)}`)
  return t
}

export const isEndpointIndependentMapping = (t: number): boolean => (natTypeArg('type', t) & MAPPING_MASK) === MAPPING_ENDPOINT_INDEPENDENT
export const isEndpointDependentMapping = (t: number): boolean => (natTypeArg('type', t) & MAPPING_MASK) === MAPPING_ENDPOINT_DEPENDENT
export const isMappingDefined = (t: number): boolean => (natTypeArg('type', t) & NatBits.MappingKnown) !== 0
export const isFirewallDefined = (t: number): boolean => (natTypeArg('type', t) & NatBits.FirewallKnown) !== 0
export const isFirewallAllowAny = (t: number): boolean => (natTypeArg('type', t) & FIREWALL_MASK) === FIREWALL_ALLOW_ANY
export const isFirewallAllowKnownIP = (t: number): boolean => (natTypeArg('type', t) & FIREWALL_MASK) === FIREWALL_ALLOW_KNOWN_IP
export const isFirewallAllowKnownIPAndPort = (t: number): boolean => (natTypeArg('type', t) & FIREWALL_MASK) === FIREWALL_ALLOW_KNOWN_IP_AND_PORT
/** Both halves of the type were measured (the original's isValid: both "present" bits set). */
export const isValid = (t: number): boolean => isMappingDefined(t) && isFirewallDefined(t)

const NAMES: Record<number, string> = {
  [UNRESTRICTED]: 'UNRESTRICTED',
  [ADDR_RESTRICTED]: 'ADDR_RESTRICTED',
  [PORT_RESTRICTED]: 'PORT_RESTRICTED',
  [ENDPOINT_RESTRICTED]: 'ENDPOINT_RESTRICTED'
}
const STRATEGY_NAMES = ['STRATEGY_DEFER', 'STRATEGY_DIRECT_CONNECT', 'STRATEGY_TRAVERSAL_OPEN', 'STRATEGY_TRAVERSAL_CONNECT', 'STRATEGY_PROXY']

/** The constant's name of a NAT type ('UNKNOWN' for anything else). */
export function toString (t: number): string { return NAMES[natTypeArg('type', t)] ?? 'UNKNOWN' }

export function toStringStrategy (s: number): string {
  const name = STRATEGY_NAMES[s]
  if (name === undefined) throw new TypeError(`NAT: not a connection strategy: ${String(s)}`)
  return name
}

/**
 * The original's connection strategy of the local peer (`local`) towards a remote one (`remote`): DEFER when an
 * unrestricted local peer should wait for the restricted side to connect, TRAVERSAL_CONNECT for a symmetric
 * local side towards a port-restricted remote, TRAVERSAL_OPEN the other way round, PROXY between two symmetric
 * NATs, DIRECT_CONNECT otherwise (also for types that are not one of the four).
 */
export function connectionStrategy (local: number, remote: number): number {
  natTypeArg('local', local)
  natTypeArg('remote', remote)
  if (remote === UNRESTRICTED) return STRATEGY_DIRECT_CONNECT
  if (remote === ADDR_RESTRICTED) return local === UNRESTRICTED ? STRATEGY_DEFER : STRATEGY_DIRECT_CONNECT
  if (remote === PORT_RESTRICTED) {
    if (local === UNRESTRICTED) return STRATEGY_DEFER
    return local === ENDPOINT_RESTRICTED ? STRATEGY_TRAVERSAL_CONNECT : STRATEGY_DIRECT_CONNECT
  }
  if (remote === ENDPOINT_RESTRICTED) {
    if (local === UNRESTRICTED) return STRATEGY_DEFER
    if (local === PORT_RESTRICTED) return STRATEGY_TRAVERSAL_OPEN
    if (local === ENDPOINT_RESTRICTED) return STRATEGY_PROXY
  }
  return STRATEGY_DIRECT_CONNECT
}
