// The signatures made by the simulated peers of one run, in memory that every worker thread of a split network
// can read: the worker that runs a ping's sender records it, the one that runs its receiver finds it there.
// Each slot holds a signature (64 bytes) and a SHA-256 of the signer's public key and the signed message.
// A slot is chosen by the signature's first bytes (Ed25519's R: uniformly spread) and simply overwritten: a lost
// entry means a real verification, never a wrong answer. Two workers writing one slot at once can leave a
// torn entry; it then matches nothing, since a match needs the full signature and the digest of the very
// (key, message) being verified, and Ed25519 signing is deterministic: the signature recorded for that key and
// message is the only one its signer makes.
import { createHash } from 'node:crypto'

const SIG_BYTES = 64
const DIGEST_BYTES = 32
const SLOT_BYTES = SIG_BYTES + DIGEST_BYTES

const digestOf = (publicKey: Uint8Array, message: Uint8Array): Buffer =>
  createHash('sha256').update(publicKey).update(message).digest()

export class SignedHere {
  readonly buffer: SharedArrayBuffer
  readonly #bytes: Uint8Array
  readonly #slots: number

  /** `buffer`: another thread's table to share (its size fixes the number of slots), or a new one of `slots`. */
  constructor (buffer?: SharedArrayBuffer, slots = 1 << 18) {
    this.buffer = buffer ?? new SharedArrayBuffer(slots * SLOT_BYTES)
    this.#bytes = new Uint8Array(this.buffer)
    this.#slots = this.buffer.byteLength / SLOT_BYTES
  }

  #slot (sig: Uint8Array): number {
    return (((sig[0] | (sig[1] << 8) | (sig[2] << 16)) >>> 0) + sig[3] * 0x1000000) % this.#slots * SLOT_BYTES
  }

  /** `sig` was just made by the seed whose public key is `publicKey`, over `message`. */
  record (sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): void {
    if (sig.length !== SIG_BYTES) return
    const at = this.#slot(sig)
    this.#bytes.set(sig, at)
    this.#bytes.set(digestOf(publicKey, message), at + SIG_BYTES)
  }

  /** True if this exact signature was recorded for this key and message (so it verifies). */
  has (sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    if (sig.length !== SIG_BYTES) return false
    const at = this.#slot(sig)
    for (let i = 0; i < SIG_BYTES; i++) if (this.#bytes[at + i] !== sig[i]) return false
    const digest = digestOf(publicKey, message)
    for (let i = 0; i < DIGEST_BYTES; i++) if (this.#bytes[at + SIG_BYTES + i] !== digest[i]) return false
    return true
  }
}
