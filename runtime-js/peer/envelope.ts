// The sealed, author-signed payload of a publish or stream message (before fragmentation):
//   seal( authorPublicKey(32) ‖ ed25519(domain ‖ context ‖ data)(64) ‖ data )
// The signature covers the whole data (the original skipped its first 64 bytes) and the context (subcluster
// id or recipient id), so a message cannot be replayed into another subcluster.
import { concat, utf8 } from './bytes.ts'
import { open, seal, sign, verify, SEAL_OVERHEAD, type KeyPair } from './crypto.ts'
import type { RandomSource, Signatures } from './transport.ts'

const DOMAIN = utf8('srp/envelope/v1')
export const ENVELOPE_OVERHEAD = SEAL_OVERHEAD + 32 + 64

export function sealEnvelope (data: Uint8Array, author: KeyPair, context: Uint8Array, recipientBoxKey: Uint8Array, random: RandomSource, sigs?: Signatures): Uint8Array {
  const sig = sign(concat(DOMAIN, context, data), author, sigs)
  return seal(concat(author.publicKey, sig, data), recipientBoxKey, random)
}

export type OpenedEnvelope =
  | { ok: true, author: Uint8Array, data: Uint8Array }
  | { ok: false, reason: 'unopened' | 'unverified' }

export function openEnvelope (sealed: Uint8Array, keys: KeyPair, context: Uint8Array, sigs?: Signatures): OpenedEnvelope {
  const plain = open(sealed, keys)
  if (!plain || plain.length < 96) return { ok: false, reason: 'unopened' }
  const author = plain.slice(0, 32)
  const data = plain.slice(96)
  if (!verify(plain.subarray(32, 96), concat(DOMAIN, context, data), author, sigs)) return { ok: false, reason: 'unverified' }
  return { ok: true, author, data }
}
