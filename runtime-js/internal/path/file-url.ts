// Node's pathToFileURL for POSIX paths, shared by socket:url and the Path class of socket:path: the path is
// resolved against the working directory (a trailing slash kept), and the characters the URL parser would
// drop or read as syntax (`%`, `\`, newline, carriage return, tab, `#`, `?`) are percent-encoded first.
import { posix } from './posix.ts'

export function pathToFileURL (path: string): URL {
  let resolved = posix.resolve(path)
  if (path.endsWith('/') && !resolved.endsWith('/')) resolved += '/'
  const encoded = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A')
    .replace(/\r/g, '%0D').replace(/\t/g, '%09').replace(/#/g, '%23').replace(/\?/g, '%3F')
  return new URL(`file://${encoded}`)
}
