// Ed25519 verification results shared by every simulated peer of a process. Verification is a pure function of
// (signature, message, key) (RFC 8032, strict), so a result already known gives exactly what OpenSSL would, and
// the event log is unchanged; only CPU is saved. Two ways a result is known:
// - the signature was made here: every peer of the run signs through this object, and a signature just made
//   with a seed over a message verifies under that seed's public key (Ed25519 is correct), so an honest ping,
//   pong or join is verified by no one (signed-here.ts; the workers of a split network share that table);
// - it was verified before: a member's membership proof travels in every join and introduction naming it.
// A forged or altered packet matches neither (other bytes, another key) and is verified for real.
import type { Signatures } from '../../runtime-js/peer/transport.ts'
import { ed25519PublicKey } from '../../runtime-js/peer/node-transport.ts'
import { SignedHere } from './signed-here.ts'

interface Known { readonly message: Uint8Array, readonly publicKey: Uint8Array, readonly ok: boolean }

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
/** Bytes as a latin1 string, one character per byte: a cheap exact map key. */
const keyOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')

export interface VerifyCacheStats { verified: number, hits: number }

export interface CachedSignatures extends Signatures {
  readonly stats: VerifyCacheStats
  /** The table of signatures made here, to hand to the other workers of a split network. */
  readonly signedHere: SignedHere
  /** Uses another thread's table of signatures made here (a worker of a split network, before it runs). */
  adopt (buffer: SharedArrayBuffer): void
}

/**
 * Wraps `inner` so that a verification whose result is known (above) is answered from memory. Of the results
 * verified for real, at most `maxEntries` are kept, least recently used dropped first, and only for messages
 * `worthKeeping`: a ping or pong is verified only by the one peer it went to, and is not asked for again.
 */
export function cachedVerification (inner: Signatures, worthKeeping: (message: Uint8Array) => boolean = () => true, maxEntries = 1 << 16): CachedSignatures {
  let signedHere = new SignedHere()
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
    get signedHere () { return signedHere },
    adopt (buffer) { signedHere = new SignedHere(buffer) },
    sign (message, seed) {
      const sig = inner.sign(message, seed)
      signedHere.record(sig, message, publicKeyOf(seed))
      return sig
    },
    verify (sig, message, publicKey) {
      if (signedHere.has(sig, message, publicKey)) { stats.hits++; return true }
      const key = keyOf(sig)
      const hit = known.get(key)
      if (hit !== undefined && bytesEqual(hit.message, message) && bytesEqual(hit.publicKey, publicKey)) {
        known.delete(key)
        known.set(key, hit) // most recently used goes last
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
