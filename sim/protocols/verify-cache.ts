// Ed25519 verification results shared by every simulated peer of a process. Verification is a pure function of
// (signature, message, key) (RFC 8032, strict), so a result already known gives exactly what OpenSSL would, and
// the event log is unchanged; only CPU is saved. Two ways a result is known:
// - the signature was made here: every peer of the process signs through this object, and a signature just made
//   with a seed over a message verifies under that seed's public key (Ed25519 is correct), so each honest ping,
//   pong and join is verified by no one (in a network split between workers, only where the receiver runs on
//   the sender's worker);
// - it was verified before: a member's membership proof travels in every join and introduction naming it.
// A forged or altered packet matches no entry (other bytes, another key) and is verified for real.
import type { Signatures } from '../../runtime-js/peer/transport.ts'
import { ed25519PublicKey } from '../../runtime-js/peer/node-transport.ts'

interface Known { readonly message: Uint8Array, readonly publicKey: Uint8Array, readonly ok: boolean }

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
/** Bytes as a latin1 string, one character per byte: a cheap exact map key. */
const keyOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')

export interface VerifyCacheStats { verified: number, hits: number }

/**
 * Wraps `inner` so that a verification whose result is known (above) is answered from memory. At most
 * `maxEntries` results are kept, least recently used dropped first; a signature lives here from its signing to
 * its arrival (a datagram in flight: well under a simulated second), a proof that keeps being asked for stays.
 * `worthKeeping` says which results may be asked for again: a ping or pong is verified only by the one peer it
 * went to, so it is dropped once verified (and one signed on another worker is not kept at all).
 */
export function cachedVerification (inner: Signatures, worthKeeping: (message: Uint8Array) => boolean = () => true, maxEntries = 1 << 17): Signatures & { stats: VerifyCacheStats } {
  const known = new Map<string, Known>()
  const publicKeys = new Map<string, Uint8Array>()
  const stats: VerifyCacheStats = { verified: 0, hits: 0 }
  const remember = (key: string, entry: Known): void => {
    known.set(key, entry)
    if (known.size > maxEntries) known.delete(known.keys().next().value as string)
  }
  const publicKeyOf = (seed: Uint8Array): Uint8Array => {
    const k = keyOf(seed)
    let pk = publicKeys.get(k)
    if (pk === undefined) {
      pk = ed25519PublicKey(seed)
      publicKeys.set(k, pk)
      if (publicKeys.size > maxEntries) publicKeys.delete(publicKeys.keys().next().value as string)
    }
    return pk
  }
  return {
    stats,
    sign (message, seed) {
      const sig = inner.sign(message, seed)
      remember(keyOf(sig), { message: message.slice(), publicKey: publicKeyOf(seed), ok: true })
      return sig
    },
    verify (sig, message, publicKey) {
      const key = keyOf(sig)
      const hit = known.get(key)
      if (hit !== undefined && bytesEqual(hit.message, message) && bytesEqual(hit.publicKey, publicKey)) {
        known.delete(key)
        if (worthKeeping(message)) known.set(key, hit) // most recently used goes last; a ping is asked for once
        stats.hits++
        return hit.ok
      }
      const ok = inner.verify(sig, message, publicKey)
      stats.verified++
      if (worthKeeping(message)) remember(key, { message: message.slice(), publicKey: publicKey.slice(), ok })
      return ok
    }
  }
}
