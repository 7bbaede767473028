// socket:fs/dir — fs.Dir and fs.Dirent as socket:fs returns them, and the original's sortDirectoryEntries.
import { Dir } from '../../internal/fs/dir.ts'
import { Dirent } from '../../internal/fs/stats.ts'

/** Orders directory entries by name (code point order, as readdir returns them): a comparator for sort(). */
export function sortDirectoryEntries (a: { name: string } | string, b: { name: string } | string): number {
  const x = typeof a === 'string' ? a : a.name
  const y = typeof b === 'string' ? b : b.name
  return x < y ? -1 : x > y ? 1 : 0
}

export { Dir, Dirent }
export default { Dir, Dirent, sortDirectoryEntries }
