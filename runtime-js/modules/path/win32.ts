// socket:path/win32 — the Windows flavour of socket:path.
import { win32 } from '../../internal/path/posix.ts'

export const {
  sep, delimiter, resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename,
  extname, format, parse, posix
} = win32
export { win32 }
export default win32
