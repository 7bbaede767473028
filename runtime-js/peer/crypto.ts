// Keys, sealed boxes and signatures, on the audited @noble libraries. Randomness comes from the injected
// RandomSource so that the simulator stays repeatable.
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { blake2b } from '@noble/hashes/blake2.js'
import { concat, utf8 } from './bytes.ts'
import type { RandomSource, Signatures } from './transport.ts'

export interface KeyPair {
  /** Ed25519 public key (32 bytes); also the peer id or the subcluster id. */
  publicKey: Uint8Array
  /** Ed25519 seed (32 bytes). */
  secretKey: Uint8Array
  /** X25519 forms of the same keys, for sealed boxes. */
  boxPublicKey: Uint8Array
  boxSecretKey: Uint8Array
}

export const SEAL_OVERHEAD = 32 + 16 // ephemeral public key + Poly1305 tag

export function keyPairFromSeed (seed: Uint8Array): KeyPair {
  if (seed.length !== 32) throw new TypeError(`a key seed must be 32 bytes, got ${seed.length}`)
  const publicKey = ed25519.getPublicKey(seed)
  return {
    publicKey,
    secretKey: seed.slice(),
    boxPublicKey: ed25519.utils.toMontgomery(publicKey),
    boxSecretKey: ed25519.utils.toMontgomerySecret(seed)
  }
}

/** The subcluster's key pair from the app's shared secret: a 32-byte key as is, anything else hashed. */
export function subclusterKeys (sharedKey: Uint8Array | string): KeyPair {
  const bytes = typeof sharedKey === 'string' ? utf8(sharedKey) : sharedKey
  if (bytes.length === 0) throw new TypeError('a shared key must not be empty')
  const seed = bytes.length === 32 ? bytes : blake2b(bytes, { dkLen: 32, personalization: utf8('srp-subcluster!!') })
  return keyPairFromSeed(seed)
}

/** The X25519 key of a peer or subcluster, from its Ed25519 id. Throws on an id that is not a curve point. */
export function boxKeyOf (publicKey: Uint8Array): Uint8Array {
  return ed25519.utils.toMontgomery(publicKey)
}

function boxKey (shared: Uint8Array, ephemeral: Uint8Array, recipient: Uint8Array): Uint8Array {
  return blake2b(concat(shared, ephemeral, recipient), { dkLen: 32 })
}

function boxNonce (ephemeral: Uint8Array, recipient: Uint8Array): Uint8Array {
  return blake2b(concat(ephemeral, recipient), { dkLen: 24 })
}

/** An anonymous sealed box: only the holder of the recipient's X25519 secret can open it. */
export function seal (plaintext: Uint8Array, recipientBoxKey: Uint8Array, random: RandomSource): Uint8Array {
  const ephemeralSecret = random.bytes(32)
  const ephemeral = x25519.getPublicKey(ephemeralSecret)
  const shared = x25519.getSharedSecret(ephemeralSecret, recipientBoxKey)
  const cipher = xsalsa20poly1305(boxKey(shared, ephemeral, recipientBoxKey), boxNonce(ephemeral, recipientBoxKey))
  return concat(ephemeral, cipher.encrypt(plaintext))
}

/** Opens a sealed box; returns undefined when it was not sealed for this key or was altered. */
export function open (sealed: Uint8Array, keys: Pick<KeyPair, 'boxPublicKey' | 'boxSecretKey'>): Uint8Array | undefined {
  if (sealed.length < SEAL_OVERHEAD) return undefined
  try {
    const ephemeral = sealed.subarray(0, 32)
    const shared = x25519.getSharedSecret(keys.boxSecretKey, ephemeral)
    const cipher = xsalsa20poly1305(boxKey(shared, ephemeral, keys.boxPublicKey), boxNonce(ephemeral, keys.boxPublicKey))
    return cipher.decrypt(sealed.subarray(32))
  } catch {
    return undefined
  }
}

export const nobleSignatures: Signatures = {
  sign: (message, seed) => ed25519.sign(message, seed),
  verify (sig, message, publicKey) {
    try {
      // Strict RFC 8032 rules (not ZIP-215), so that every implementation accepts exactly the same signatures.
      return ed25519.verify(sig, message, publicKey, { zip215: false })
    } catch {
      return false
    }
  }
}

export function sign (message: Uint8Array, keys: Pick<KeyPair, 'secretKey'>, sigs: Signatures = nobleSignatures): Uint8Array {
  return sigs.sign(message, keys.secretKey)
}

export function verify (sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array, sigs: Signatures = nobleSignatures): boolean {
  return sigs.verify(sig, message, publicKey)
}

const MEMBERSHIP_DOMAIN = utf8('srp/member/v1')

/** A subcluster member's proof that `peerId` is one of its members: the subcluster key's signature over the
 * peer id. Only holders of the shared key can make one; joins and introductions carry it. */
export function membershipProof (subcluster: Pick<KeyPair, 'secretKey'>, peerId: Uint8Array, sigs?: Signatures): Uint8Array {
  return sign(concat(MEMBERSHIP_DOMAIN, peerId), subcluster, sigs)
}

export function verifyMembership (proof: Uint8Array, subclusterId: Uint8Array, peerId: Uint8Array, sigs?: Signatures): boolean {
  return verify(proof, concat(MEMBERSHIP_DOMAIN, peerId), subclusterId, sigs)
}
