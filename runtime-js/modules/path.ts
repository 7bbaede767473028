// socket:path — Node's path (POSIX flavour by default, as on Linux, plus `posix` and `win32`), and the
// well-known directories of the original (`path.DOCUMENTS`, `path.DOWNLOADS`, ...).
import { posix, win32 } from '../internal/path/posix.ts'
import * as wellKnown from '../internal/path/well-known.ts'

export { posix, win32 }
export const {
  DOWNLOADS, DOCUMENTS, RESOURCES, PICTURES, DESKTOP, VIDEOS, CONFIG, CACHE, MEDIA, MUSIC, HOME, DATA, LOG, TMP
} = wellKnown
export const {
  sep, delimiter, resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename,
  extname, format, parse
} = posix
export default { ...posix, ...wellKnown }
