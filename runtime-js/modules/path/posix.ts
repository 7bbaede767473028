// socket:path/posix — the POSIX flavour of socket:path.
import { posix } from '../../internal/path/posix.ts'

export const {
  sep, delimiter, resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename,
  extname, format, parse, win32
} = posix
export { posix }
export default posix
