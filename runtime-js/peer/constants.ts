// The protocol's numbers in one place. docs/protocol.md explains each; the original's values are noted where
// we kept or changed them.

export const MAGIC = [0x53, 0x52] as const // "SR"
export const VERSION = 1
/** Largest datagram we ever send: the IPv6 minimum MTU (1280) minus IPv6 (40) and UDP (8) headers. */
export const MAX_DATAGRAM = 1232
/** Largest `message` field of a data packet (publish, stream). */
export const MAX_MESSAGE = 1024
/** Postage: a packet is relayed at most this many times. */
export const MAX_HOPS = 16
export const FANOUT = 3
export const ID_BYTES = 16
export const KEY_BYTES = 32
export const SIG_BYTES = 64

export const DEFAULT_KEEPALIVE_MS = 30_000
/** A peer not heard from for this many keepalives is forgotten. */
export const EXPIRE_KEEPALIVES = 3
export const DEFAULT_MAX_PEERS = 256
export const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024
/** Default packet lifetime in minutes: 25 h, so that a message outlives a day offline (the original's 6 h, doubled
 * for own topics, lost every message after 12 h; docs/protocol.md, "The relay cache"). */
export const DEFAULT_TTL_MINUTES = 1500
/** Relays refuse longer lifetimes: a packet that would sit in every cache for weeks is a cheap way to fill them. */
export const MAX_TTL_MINUTES = 2880
/** Control packets (pings, pongs, joins) signed more than this far from our clock are refused (replay window). */
export const CONTROL_FRESH_MS = 5 * 60_000
export const PING_RETRY_MS = [0, 500, 2000]
export const PROBE_WAIT_MS = 512
export const INTRO_FALLBACK_MS = 2048
export const QUERY_MAX_AGE_MS = 4096
export const REASSEMBLY_QUERY_DELAY_MS = 300
export const REASSEMBLY_CHECK_MS = 100
export const SYNC_WINDOW_MS = 6000
export const JOIN_RELAY_HOPS = 2
/** A peer that cannot detect its NAT (fewer than two reachable peers, or its probes lost) is ready anyway after
 * this long. 6 s made newcomers on lossy networks the slow tail of reach (simulator, 5% burst loss). */
export const READY_DEADLINE_MS = 3000
