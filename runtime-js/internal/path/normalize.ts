// The one algorithm both path flavours share: collapse `.`/`..`/empty segments of a path without its root.

/** Resolves `.` and `..` in `path` (no root), keeping leading `..` only when the path is relative. */
export function normalizeSegments (path: string, allowAboveRoot: boolean, separator: string,
  isSeparator: (char: string) => boolean): string {
  let result = ''
  let lastSegmentLength = 0
  let lastSlash = -1
  let dots = 0
  let char = ''
  for (let i = 0; i <= path.length; ++i) {
    if (i < path.length) char = path[i]
    else if (isSeparator(char)) break
    else char = separator
    if (isSeparator(char)) {
      if (lastSlash === i - 1 || dots === 1) {
        // An empty segment or `.`: nothing to keep.
      } else if (dots === 2) {
        if (result.length < 2 || lastSegmentLength !== 2 || !result.endsWith('..')) {
          if (result.length > 2) {
            const lastSeparator = result.lastIndexOf(separator)
            if (lastSeparator === -1) {
              result = ''
              lastSegmentLength = 0
            } else {
              result = result.slice(0, lastSeparator)
              lastSegmentLength = result.length - 1 - result.lastIndexOf(separator)
            }
            lastSlash = i
            dots = 0
            continue
          } else if (result.length !== 0) {
            result = ''
            lastSegmentLength = 0
            lastSlash = i
            dots = 0
            continue
          }
        }
        if (allowAboveRoot) {
          result += result.length > 0 ? `${separator}..` : '..'
          lastSegmentLength = 2
        }
      } else {
        const segment = path.slice(lastSlash + 1, i)
        result += result.length > 0 ? separator + segment : segment
        lastSegmentLength = i - lastSlash - 1
      }
      lastSlash = i
      dots = 0
    } else if (char === '.' && dots !== -1) {
      ++dots
    } else {
      dots = -1
    }
  }
  return result
}
