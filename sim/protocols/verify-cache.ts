// A cache of Ed25519 verification results shared by every simulated peer of a process. Many peers verify the
// same signed bytes: a member's membership proof travels in every join and introduction that names it, and a
// flooded join reaches many peers. Verification is a pure function of (signature, message, key) (RFC 8032,
// strict), so answering a repeat from the cache gives exactly the same result, and the event log is unchanged;
// only the CPU of the verifications saved is gone. Signing is not cached: each signed ping, pong or join is new.
import type { Signatures } from '../../runtime-js/peer/transport.ts'

interface Verified { readonly message: Uint8Array, readonly publicKey: Uint8Array, readonly ok: boolean }

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export interface VerifyCacheStats { verified: number, hits: number }

/**
 * Wraps `inner` so that a verification already done (the same signature, message and key) is answered from
 * memory. At most `maxEntries` results are kept, least recently used dropped first: a result that keeps being
 * asked for (a proof named in every introduction) stays. `worthKeeping` says which messages may be asked again:
 * the many that are verified once only (a ping or pong, by the one peer it was sent to) bypass the cache, which
 * saves copying them and keeps them from pushing out the others.
 */
export function cachedVerification (inner: Signatures, worthKeeping: (message: Uint8Array) => boolean = () => true, maxEntries = 1 << 16): Signatures & { stats: VerifyCacheStats } {
  const results = new Map<string, Verified>()
  const stats: VerifyCacheStats = { verified: 0, hits: 0 }
  return {
    stats,
    sign: (message, seed) => inner.sign(message, seed),
    verify (sig, message, publicKey) {
      if (!worthKeeping(message)) { stats.verified++; return inner.verify(sig, message, publicKey) }
      // The signature's 64 bytes as a latin1 string: one character per byte, a cheap exact key.
      const key = Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('latin1')
      const hit = results.get(key)
      if (hit !== undefined && bytesEqual(hit.message, message) && bytesEqual(hit.publicKey, publicKey)) {
        results.delete(key) // most recently used goes last
        results.set(key, hit)
        stats.hits++
        return hit.ok
      }
      const ok = inner.verify(sig, message, publicKey)
      stats.verified++
      results.set(key, { message: message.slice(), publicKey: publicKey.slice(), ok })
      if (results.size > maxEntries) results.delete(results.keys().next().value as string)
      return ok
    }
  }
}
