// Typed errors of the P2P protocol. Decoding never throws anything else, so a caller can tell bad input
// (drop and count it) from a bug (let it surface).

export type DecodeErrorCode =
  | 'EMAGIC' | 'EVERSION' | 'ETYPE' | 'ETRUNCATED' | 'ETOOLARGE' | 'EFIELD' | 'ETRAILING' | 'EHOPS' | 'EINDEX'

/** A datagram or a message body that does not follow the wire format. `code` says which rule it broke. */
export class PacketDecodeError extends Error {
  override name = 'PacketDecodeError'
  constructor (readonly code: DecodeErrorCode, message: string) {
    super(message)
  }
}

/** A caller asked for something outside the protocol's limits (too big, unknown subcluster, ...). */
export class PeerInputError extends TypeError {
  override name = 'PeerInputError'
}

/** A feature that does not exist (yet) on this platform or in this build; the message says which. */
export class NotSupportedError extends Error {
  override name = 'NotSupportedError'
}
