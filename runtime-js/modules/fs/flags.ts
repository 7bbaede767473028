// socket:fs/flags — the original's normalizeFlags: Node's open flags ('r', 'wx+', a number) as O_* bits.
import { parseFlags } from '../../internal/fs/constants.ts'

/** `flags` as a number; undefined means 'r'. Unknown strings throw ERR_INVALID_ARG_VALUE (a TypeError). */
export function normalizeFlags (flags?: string | number): number {
  if (flags !== undefined && flags !== null && typeof flags !== 'string' && typeof flags !== 'number') {
    throw Object.assign(new TypeError(`Expecting flags to be a string or number: Got ${typeof flags}`), { code: 'ERR_INVALID_ARG_TYPE' })
  }
  return parseFlags(flags, 'r')
}

export default { normalizeFlags }
