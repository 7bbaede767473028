// socket:path — Node's path (POSIX flavour by default, as on Linux, plus `posix` and `win32`), and the
// well-known directories of the original (`path.DOCUMENTS`, `path.DOWNLOADS`, ...) and its `Path` class.
import { posix, win32 } from '../internal/path/posix.ts'
import * as wellKnown from '../internal/path/well-known.ts'
import { Path } from '../internal/path/path-class.ts'

export { posix, win32, Path }
/**
 * The original's `[webview.navigator.mounts]` (mount path to host path). The Linux host does not mount them
 * (the key is not implemented yet: docs/config.md), so there are none.
 */
export const mounts: Readonly<Record<string, string>> = Object.freeze({})
export const {
  DOWNLOADS, DOCUMENTS, RESOURCES, PICTURES, DESKTOP, VIDEOS, CONFIG, CACHE, MEDIA, MUSIC, HOME, DATA, LOG, TMP
} = wellKnown
export const {
  sep, delimiter, resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename,
  extname, format, parse
} = posix
export default { ...posix, ...wellKnown, Path, mounts }
