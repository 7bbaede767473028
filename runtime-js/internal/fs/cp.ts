// fs.cp / cpSync / promises.cp: Node's recursive copy, walked here over the ordinary fs routes (lstat,
// opendir/readdir, mkdir, copyFile, readlink/symlink, chmod, utimes), so every step passes the host's
// permission checks and fails with the same errors as the single calls. Follows Node 20's lib/internal/fs/cp.
import { posix } from '../path/posix.ts'
import { awaitValue, type Op } from './ops.ts'
import { chmod, copyFile, listDirectory, lstat, mkdir, readlink, stat, symlink, unlink, utimes } from './operations.ts'
import { toPath } from './args.ts'
import type { BigIntStats, Stats } from './stats.ts'

type AnyStats = Stats | BigIntStats
type Filter = (src: string, dest: string) => unknown

interface CpOptions {
  dereference: boolean
  errorOnExist: boolean
  filter?: Filter
  force: boolean
  mode: number
  preserveTimestamps: boolean
  recursive: boolean
  verbatimSymlinks: boolean
}

/** Which form runs the copy: Node 20's sync and async copies differ in one errno (see `onDirectory`). */
export type CpForm = 'sync' | 'async'

const BOOLEAN_OPTIONS = ['dereference', 'errorOnExist', 'force', 'preserveTimestamps', 'recursive', 'verbatimSymlinks'] as const

function typeError (code: string, message: string): TypeError & { code: string } {
  return Object.assign(new TypeError(message), { code })
}

function describe (value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`
  return `type ${typeof value} (${typeof value === 'string' ? `'${value}'` : String(value)})`
}

function validateOptions (options: unknown): CpOptions {
  const defaults: CpOptions = { dereference: false, errorOnExist: false, filter: undefined, force: true, mode: 0, preserveTimestamps: false, recursive: false, verbatimSymlinks: false }
  if (options === undefined) return defaults
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw typeError('ERR_INVALID_ARG_TYPE', `The "options" argument must be of type object. Received ${describe(options)}`)
  }
  const merged = { ...defaults, ...(options as Partial<CpOptions>) }
  for (const name of BOOLEAN_OPTIONS) {
    if (typeof merged[name] !== 'boolean') {
      throw typeError('ERR_INVALID_ARG_TYPE', `The "options.${name}" property must be of type boolean. Received ${describe(merged[name])}`)
    }
  }
  const mode = merged.mode ?? 0
  if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 7) {
    throw Object.assign(new RangeError(`The value of "mode" is out of range. It must be an integer >= 0 && <= 7. Received ${String(mode)}`), { code: 'ERR_OUT_OF_RANGE' })
  }
  if (merged.dereference && merged.verbatimSymlinks) {
    throw typeError('ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "dereference" cannot be used in combination with option "verbatimSymlinks"')
  }
  if (merged.filter !== undefined && typeof merged.filter !== 'function') {
    throw typeError('ERR_INVALID_ARG_TYPE', `The "options.filter" property must be of type function. Received ${describe(merged.filter)}`)
  }
  return merged
}

const PREFIXES: Record<string, string> = {
  ERR_FS_CP_EINVAL: 'Invalid src or dest',
  ERR_FS_CP_DIR_TO_NON_DIR: 'Cannot overwrite non-directory with directory',
  ERR_FS_CP_NON_DIR_TO_DIR: 'Cannot overwrite directory with non-directory',
  ERR_FS_CP_EEXIST: 'Target already exists',
  ERR_FS_EISDIR: 'Path is a directory',
  ERR_FS_CP_SOCKET: 'Cannot copy a socket file',
  ERR_FS_CP_FIFO_PIPE: 'Cannot copy a FIFO pipe',
  ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY: 'Cannot copy symlink to a subdirectory of self',
  ERR_FS_CP_UNKNOWN: 'Cannot copy an unknown file type'
}

const ERRNO: Record<string, number> = { EINVAL: 22, EISDIR: 21, ENOTDIR: 20, EEXIST: 17 }

/** Node's SystemError for cp: `<prefix>: cp returned <E…> (<message>) <path>`, errno positive. */
function cpError (code: string, errnoCode: string, message: string, path: string, errno = ERRNO[errnoCode]): Error {
  const info = { code: errnoCode, message, path, syscall: 'cp', errno }
  return Object.assign(new Error(`${PREFIXES[code]}: cp returned ${errnoCode} (${message}) ${path}`), {
    name: 'SystemError', code, errno, syscall: 'cp', path, info
  })
}

function areIdentical (a: AnyStats, b: AnyStats): boolean {
  return Boolean(b.ino) && Boolean(b.dev) && b.ino === a.ino && b.dev === a.dev
}

function parts (path: string): string[] {
  return posix.resolve(path).split('/').filter(Boolean)
}

function isSubdirectory (src: string, dest: string): boolean {
  const destParts = parts(dest)
  return parts(src).every((part, i) => destParts[i] === part)
}

function * statOrNull (path: string, follow: boolean): Op<AnyStats | null> {
  try {
    return follow ? yield * stat(path, { bigint: true }) : yield * lstat(path, { bigint: true })
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null
    throw error
  }
}

/** The whole copy; arguments are checked before the first native call, so they throw synchronously. */
export function * cp (src: unknown, dest: unknown, options: unknown, form: CpForm): Op<void> {
  const opts = validateOptions(options)
  const from = toPath(src, 'src')
  const to = toPath(dest, 'dest')
  const checked = yield * checkPaths(from, to, opts)
  if (checked === null) return
  yield * checkParentPaths(from, checked.srcStat, to)
  // Node creates a missing parent of dest, as `mkdir -p` would.
  const parent = posix.dirname(to)
  if ((yield * statOrNull(parent, true)) === null) yield * mkdir(parent, { recursive: true })
  yield * copyEntry(checked.destStat, from, to, opts, form)
}

/** The filter, then Node's checks between one source and its destination; null when filtered out. */
function * checkPaths (src: string, dest: string, opts: CpOptions): Op<{ srcStat: AnyStats, destStat: AnyStats | null } | null> {
  if (opts.filter !== undefined) {
    const keep = yield * awaitValue(opts.filter(src, dest), () =>
      typeError('ERR_INVALID_RETURN_VALUE', 'Expected boolean to be returned from the "filter" function but got an instance of Promise.'))
    if (!(keep as boolean)) return null
  }
  const srcStat = opts.dereference ? yield * stat(src, { bigint: true }) : yield * lstat(src, { bigint: true })
  const destStat = yield * statOrNull(dest, opts.dereference)
  if (destStat !== null) {
    if (areIdentical(srcStat, destStat)) throw cpError('ERR_FS_CP_EINVAL', 'EINVAL', 'src and dest cannot be the same', dest)
    if (srcStat.isDirectory() && !destStat.isDirectory()) {
      throw cpError('ERR_FS_CP_DIR_TO_NON_DIR', 'EISDIR', `cannot overwrite non-directory ${dest} with directory ${src}`, dest)
    }
    if (!srcStat.isDirectory() && destStat.isDirectory()) {
      throw cpError('ERR_FS_CP_NON_DIR_TO_DIR', 'ENOTDIR', `cannot overwrite directory ${dest} with non-directory ${src}`, dest)
    }
  }
  if (srcStat.isDirectory() && isSubdirectory(src, dest)) {
    throw cpError('ERR_FS_CP_EINVAL', 'EINVAL', `cannot copy ${src} to a subdirectory of self ${dest}`, dest)
  }
  return { srcStat, destStat }
}

/** Walks up from dest's parent: reaching src itself means dest is inside src (through links, say). */
function * checkParentPaths (src: string, srcStat: AnyStats, dest: string): Op<void> {
  const srcParent = posix.resolve(posix.dirname(src))
  let destParent = posix.resolve(posix.dirname(dest))
  while (destParent !== srcParent && destParent !== '/') {
    let parentStat: AnyStats | null
    try {
      parentStat = yield * statOrNull(destParent, true)
    } catch (error) {
      // Above the app's folders the sandbox refuses to stat (EACCES with the host's `reason`): src cannot be
      // up there in a way the app could reach, so the walk ends as it does at a missing folder.
      if ((error as { reason?: unknown }).reason !== undefined) return
      throw error
    }
    if (parentStat === null) return
    if (areIdentical(srcStat, parentStat)) {
      throw cpError('ERR_FS_CP_EINVAL', 'EINVAL', `cannot copy ${src} to a subdirectory of self ${dest}`, dest)
    }
    destParent = posix.resolve(posix.dirname(destParent))
  }
}

function * copyEntry (destStat: AnyStats | null, src: string, dest: string, opts: CpOptions, form: CpForm): Op<void> {
  const srcStat = opts.dereference ? yield * stat(src) : yield * lstat(src)
  if (srcStat.isDirectory()) {
    if (!opts.recursive) {
      // Node 20's cpSync reports this one with EINVAL's number, its async cp with EISDIR's.
      throw cpError('ERR_FS_EISDIR', 'EISDIR', `${src} is a directory (not copied)`, src, form === 'sync' ? ERRNO.EINVAL : ERRNO.EISDIR)
    }
    return yield * onDirectory(srcStat, destStat, src, dest, opts, form)
  }
  if (srcStat.isFile() || srcStat.isCharacterDevice() || srcStat.isBlockDevice()) return yield * onFile(srcStat, destStat, src, dest, opts)
  if (srcStat.isSymbolicLink()) return yield * onLink(destStat, src, dest, opts)
  if (srcStat.isSocket()) throw cpError('ERR_FS_CP_SOCKET', 'EINVAL', `cannot copy a socket file: ${dest}`, dest)
  if (srcStat.isFIFO()) throw cpError('ERR_FS_CP_FIFO_PIPE', 'EINVAL', `cannot copy a FIFO pipe: ${dest}`, dest)
  throw cpError('ERR_FS_CP_UNKNOWN', 'EINVAL', `cannot copy an unknown file type: ${dest}`, dest)
}

function * onFile (srcStat: AnyStats, destStat: AnyStats | null, src: string, dest: string, opts: CpOptions): Op<void> {
  if (destStat !== null) {
    if (!opts.force) {
      if (opts.errorOnExist) throw cpError('ERR_FS_CP_EEXIST', 'EEXIST', `${dest} already exists`, dest)
      return
    }
    yield * unlink(dest)
  }
  yield * copyFile(src, dest, opts.mode)
  const mode = Number(srcStat.mode)
  if (opts.preserveTimestamps) {
    // A read-only source would leave dest read-only before its times are set: make it writable first.
    if ((mode & 0o200) === 0) yield * chmod(dest, mode | 0o200)
    const fresh = yield * stat(src)
    yield * utimes(dest, fresh.atime, fresh.mtime)
  }
  yield * chmod(dest, mode)
}

function * onDirectory (srcStat: AnyStats, destStat: AnyStats | null, src: string, dest: string, opts: CpOptions, form: CpForm): Op<void> {
  if (destStat === null) yield * mkdir(dest)
  for (const { name } of yield * listDirectory(src, 'opendir', false)) {
    const srcItem = posix.join(src, name)
    const destItem = posix.join(dest, name)
    const checked = yield * checkPaths(srcItem, destItem, opts)
    if (checked !== null) yield * copyEntry(checked.destStat, srcItem, destItem, opts, form)
  }
  if (destStat === null) yield * chmod(dest, Number(srcStat.mode))
}

function * onLink (destStat: AnyStats | null, src: string, dest: string, opts: CpOptions): Op<void> {
  let target = (yield * readlink(src)) as string
  // Node makes a relative target absolute (relative to the link's folder) unless asked to keep it verbatim.
  if (!opts.verbatimSymlinks && !posix.isAbsolute(target)) target = posix.resolve(posix.dirname(src), target)
  if (destStat === null) return yield * symlink(target, dest)
  let destTarget: string
  try {
    destTarget = (yield * readlink(dest)) as string
  } catch (error) {
    // dest is a file or directory, not a link: symlink fails on it as it would in Node.
    if ((error as { code?: string }).code === 'EINVAL') return yield * symlink(target, dest)
    throw error
  }
  if (!posix.isAbsolute(destTarget)) destTarget = posix.resolve(posix.dirname(dest), destTarget)
  if (isSubdirectory(target, destTarget)) {
    throw cpError('ERR_FS_CP_EINVAL', 'EINVAL', `cannot copy ${target} to a subdirectory of self ${destTarget}`, dest)
  }
  if ((yield * stat(src)).isDirectory() && isSubdirectory(destTarget, target)) {
    throw cpError('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY', 'EINVAL', `cannot overwrite ${destTarget} with ${target}`, dest)
  }
  yield * unlink(dest)
  yield * symlink(target, dest)
}
