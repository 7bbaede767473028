// Windows path semantics (drive letters, UNC roots, both separators), written to behave like Node's
// path.win32 so code that builds Windows paths runs the same here. No npm port covers win32.
import { normalizeSegments } from './normalize.ts'
import process from '../../modules/process.ts'

export interface ParsedPath { root: string, dir: string, base: string, ext: string, name: string }

const isSep = (c: string | undefined): boolean => c === '/' || c === '\\'
const isDriveLetter = (c: string | undefined): boolean => c !== undefined && /^[a-zA-Z]$/.test(c)

function assertPath (path: unknown, name = 'path'): asserts path is string {
  if (typeof path !== 'string') {
    const error = new TypeError(`The "${name}" argument must be of type string. Received ${path === null ? 'null' : typeof path}`)
    ;(error as TypeError & { code: string }).code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
}

/** Splits the root off a path: `{ device: 'C:' | '\\\\server\\share' | '', absolute, rootEnd }`. */
function parseRoot (path: string): { device: string, absolute: boolean, rootEnd: number } {
  const len = path.length
  if (len === 0) return { device: '', absolute: false, rootEnd: 0 }
  if (isSep(path[0])) {
    if (len > 1 && isSep(path[1])) {
      // Possible UNC root: \\server\share
      let j = 2
      let last = j
      while (j < len && !isSep(path[j])) j++
      if (j < len && j !== last) {
        const server = path.slice(last, j)
        last = j
        while (j < len && isSep(path[j])) j++
        if (j < len && j !== last) {
          last = j
          while (j < len && !isSep(path[j])) j++
          if (j === len) return { device: `\\\\${server}\\${path.slice(last)}`, absolute: true, rootEnd: j }
          if (j !== last) return { device: `\\\\${server}\\${path.slice(last, j)}`, absolute: true, rootEnd: j }
        }
      }
    }
    return { device: '', absolute: true, rootEnd: 1 }
  }
  if (isDriveLetter(path[0]) && path[1] === ':') {
    const absolute = len > 2 && isSep(path[2])
    return { device: path.slice(0, 2), absolute, rootEnd: absolute ? 3 : 2 }
  }
  return { device: '', absolute: false, rootEnd: 0 }
}

export const sep = '\\'
export const delimiter = ';'

export function resolve (...paths: string[]): string {
  let device = ''
  let tail = ''
  let absolute = false
  for (let i = paths.length - 1; i >= -1; i--) {
    let path: string
    if (i >= 0) {
      path = paths[i]
      assertPath(path, `paths[${i}]`)
      if (path.length === 0) continue
    } else if (device.length === 0) {
      path = cwd()
    } else {
      // A relative path on another drive resolves against that drive's root (no per-drive cwd here).
      path = cwd()
      if (path.slice(0, 2).toLowerCase() !== device.toLowerCase() && path[2] === '\\') path = `${device}\\`
    }
    const root = parseRoot(path)
    if (root.device.length > 0) {
      if (device.length > 0) {
        if (root.device.toLowerCase() !== device.toLowerCase()) continue
      } else {
        device = root.device
      }
    }
    if (absolute) {
      if (device.length > 0) break
    } else {
      tail = `${path.slice(root.rootEnd)}\\${tail}`
      absolute = root.absolute
      if (absolute && device.length > 0) break
    }
  }
  tail = normalizeSegments(tail, !absolute, '\\', isSep)
  return absolute ? `${device}\\${tail}` : `${device}${tail}` || '.'
}

/** Node on POSIX gives path.win32 the POSIX cwd; do the same so results match. */
function cwd (): string {
  return process.cwd()
}

export function normalize (path: string): string {
  assertPath(path)
  if (path.length === 0) return '.'
  const root = parseRoot(path)
  if (path.length === 1 && isSep(path[0])) return '\\'
  if (root.rootEnd === path.length && root.device.length > 0 && root.device.startsWith('\\\\')) {
    return `${root.device}\\`
  }
  let tail = root.rootEnd < path.length ? normalizeSegments(path.slice(root.rootEnd), !root.absolute, '\\', isSep) : ''
  if (tail.length === 0 && !root.absolute) tail = '.'
  if (tail.length > 0 && isSep(path[path.length - 1])) tail += '\\'
  if (root.device.length === 0) return root.absolute ? `\\${tail}` : tail
  return root.absolute ? `${root.device}\\${tail}` : `${root.device}${tail}`
}

export function isAbsolute (path: string): boolean {
  assertPath(path)
  if (path.length === 0) return false
  return isSep(path[0]) || (path.length > 2 && isDriveLetter(path[0]) && path[1] === ':' && isSep(path[2]))
}

export function join (...paths: string[]): string {
  if (paths.length === 0) return '.'
  let joined: string | undefined
  let first = ''
  for (const [i, arg] of paths.entries()) {
    assertPath(arg, `paths[${i}]`)
    if (arg.length > 0) {
      if (joined === undefined) joined = first = arg
      else joined += `\\${arg}`
    }
  }
  if (joined === undefined) return '.'
  // Keep a UNC root only if the first argument looked like one (`\\server`), as Node does.
  let needsReplace = true
  let slashCount = 0
  if (isSep(first[0])) {
    ++slashCount
    if (first.length > 1 && isSep(first[1])) {
      ++slashCount
      if (first.length > 2) {
        if (isSep(first[2])) ++slashCount
        else needsReplace = false
      }
    }
  }
  if (needsReplace) {
    while (slashCount < joined.length && isSep(joined[slashCount])) slashCount++
    if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`
  }
  return normalize(joined)
}

export function relative (from: string, to: string): string {
  assertPath(from, 'from')
  assertPath(to, 'to')
  if (from === to) return ''
  const fromOrig = resolve(from)
  const toOrig = resolve(to)
  if (fromOrig === toOrig) return ''
  from = fromOrig.toLowerCase()
  to = toOrig.toLowerCase()
  if (from === to) return ''
  let fromStart = 0
  while (fromStart < from.length && from[fromStart] === '\\') fromStart++
  let fromEnd = from.length
  while (fromEnd - 1 > fromStart && from[fromEnd - 1] === '\\') fromEnd--
  const fromLen = fromEnd - fromStart
  let toStart = 0
  while (toStart < to.length && to[toStart] === '\\') toStart++
  let toEnd = to.length
  while (toEnd - 1 > toStart && to[toEnd - 1] === '\\') toEnd--
  const toLen = toEnd - toStart
  const length = fromLen < toLen ? fromLen : toLen
  let lastCommonSep = -1
  let i = 0
  for (; i < length; i++) {
    const c = from[fromStart + i]
    if (c !== to[toStart + i]) break
    else if (c === '\\') lastCommonSep = i
  }
  if (i !== length) {
    if (lastCommonSep === -1) return toOrig
  } else {
    if (toLen > length) {
      if (to[toStart + i] === '\\') return toOrig.slice(toStart + i + 1)
      if (i === 2) return toOrig.slice(toStart + i)
    }
    if (fromLen > length) {
      if (from[fromStart + i] === '\\') lastCommonSep = i
      else if (i === 2) lastCommonSep = 3
    }
    if (lastCommonSep === -1) lastCommonSep = 0
  }
  let out = ''
  for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
    if (i === fromEnd || from[i] === '\\') out += out.length === 0 ? '..' : '\\..'
  }
  toStart += lastCommonSep
  if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`
  if (toOrig[toStart] === '\\') ++toStart
  return toOrig.slice(toStart, toEnd)
}

export function toNamespacedPath (path: string): string {
  if (typeof path !== 'string' || path.length === 0) return path
  const resolved = resolve(path)
  if (resolved.length <= 2) return path
  if (resolved[0] === '\\') {
    if (resolved[1] === '\\' && resolved[2] !== '?' && resolved[2] !== '.') return `\\\\?\\UNC\\${resolved.slice(2)}`
  } else if (isDriveLetter(resolved[0]) && resolved[1] === ':' && resolved[2] === '\\') {
    return `\\\\?\\${resolved}`
  }
  return path
}

export function dirname (path: string): string {
  assertPath(path)
  const len = path.length
  if (len === 0) return '.'
  const root = parseRoot(path)
  if (len === 1) return isSep(path[0]) ? path : '.'
  // A bare root (`C:`, `C:\`, `\\server\share`) is its own dirname.
  let rootEnd = root.rootEnd
  if (root.device.startsWith('\\\\')) {
    if (rootEnd === len) return path
    rootEnd += 1
  }
  let end = -1
  let matchedSlash = true
  for (let i = len - 1; i >= rootEnd; --i) {
    if (isSep(path[i])) {
      if (!matchedSlash) { end = i; break }
    } else {
      matchedSlash = false
    }
  }
  if (end === -1) {
    if (rootEnd === 0) return '.'
    end = rootEnd
  }
  return path.slice(0, end)
}

export function basename (path: string, suffix?: string): string {
  if (suffix !== undefined) assertPath(suffix, 'ext')
  assertPath(path)
  let start = 0
  if (path.length >= 2 && isDriveLetter(path[0]) && path[1] === ':') start = 2
  let end = path.length
  while (end > start && isSep(path[end - 1])) end--
  let i = end - 1
  while (i >= start && !isSep(path[i])) i--
  const base = path.slice(i + 1, end)
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= base.length && base !== suffix && base.endsWith(suffix)) {
    return base.slice(0, base.length - suffix.length)
  }
  return base
}

export function extname (path: string): string {
  assertPath(path)
  let start = 0
  if (path.length >= 2 && path[1] === ':' && isDriveLetter(path[0])) start = 2
  const base = basename(path.slice(start))
  const dot = base.lastIndexOf('.')
  if (dot <= 0 || (dot === 1 && base === '..')) return ''
  return base.slice(dot)
}

export function format (object: Partial<ParsedPath>): string {
  if (object === null || typeof object !== 'object') {
    const error = new TypeError(`The "pathObject" argument must be of type object. Received ${object === null ? 'null' : typeof object}`)
    ;(error as TypeError & { code: string }).code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  const dir = object.dir || object.root
  const base = object.base || `${object.name || ''}${object.ext ? (object.ext[0] === '.' ? '' : '.') + object.ext : ''}`
  if (!dir) return base
  return dir === object.root ? `${dir}${base}` : `${dir}\\${base}`
}

export function parse (path: string): ParsedPath {
  assertPath(path)
  const result: ParsedPath = { root: '', dir: '', base: '', ext: '', name: '' }
  if (path.length === 0) return result
  const root = parseRoot(path)
  let rootEnd = root.rootEnd
  if (root.device.startsWith('\\\\') && rootEnd < path.length) rootEnd += 1
  result.root = path.slice(0, rootEnd)
  if (rootEnd === path.length) {
    result.dir = result.root
    return result
  }
  const rest = path.slice(rootEnd)
  const base = basename(rest)
  if (base.length === 0) {
    result.dir = result.root
    return result
  }
  result.base = base
  const ext = extname(base)
  result.ext = ext
  result.name = ext.length > 0 ? base.slice(0, base.length - ext.length) : base
  const dir = dirname(path)
  result.dir = dir === '.' && rootEnd === 0 && !isSep(path[0]) ? '' : dir
  if (dirOnlyBase(path, rootEnd)) result.dir = result.root
  return result
}

/** True when nothing but the base (and trailing separators) follows the root. */
function dirOnlyBase (path: string, rootEnd: number): boolean {
  let end = path.length
  while (end > rootEnd && isSep(path[end - 1])) end--
  for (let i = rootEnd; i < end; i++) if (isSep(path[i])) return false
  return true
}
