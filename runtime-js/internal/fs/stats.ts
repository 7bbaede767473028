// fs.Stats and fs.Dirent in Node's shape, from the IDL's FileStats and DirectoryEntry.
import { constants } from './constants.ts'

const { S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK } = constants

function isType (mode: number | bigint, type: number): boolean {
  return (Number(mode) & S_IFMT) === type
}

abstract class StatsBase<N extends number | bigint> {
  declare dev: N
  declare ino: N
  declare mode: N
  declare nlink: N
  declare uid: N
  declare gid: N
  declare rdev: N
  declare size: N
  declare blksize: N
  declare blocks: N
  declare atimeMs: N
  declare mtimeMs: N
  declare ctimeMs: N
  declare birthtimeMs: N
  declare atime: Date
  declare mtime: Date
  declare ctime: Date
  declare birthtime: Date

  isFile (): boolean { return isType(this.mode, S_IFREG) }
  isDirectory (): boolean { return isType(this.mode, S_IFDIR) }
  isSymbolicLink (): boolean { return isType(this.mode, S_IFLNK) }
  isFIFO (): boolean { return isType(this.mode, S_IFIFO) }
  isSocket (): boolean { return isType(this.mode, S_IFSOCK) }
  isCharacterDevice (): boolean { return isType(this.mode, S_IFCHR) }
  isBlockDevice (): boolean { return isType(this.mode, S_IFBLK) }
}

const fields = ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'size', 'blocks', 'atimeMs', 'mtimeMs', 'ctimeMs', 'birthtimeMs'] as const
type RawStats = Partial<Record<(typeof fields)[number], unknown>>

export class Stats extends StatsBase<number> {
  /**
   * Node's `new Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs,
   * birthtimeMs)`, or the original's `new Stats(stat)` from a stat-shaped object; no arguments: all zero.
   */
  constructor (...args: unknown[]) {
    super()
    const raw: RawStats = args.length === 1 && typeof args[0] === 'object' && args[0] !== null
      ? args[0] as RawStats
      : Object.fromEntries(fields.map((field, i) => [field, args[i]]))
    for (const field of fields) this[field] = Number(raw[field] ?? 0)
    this.atime = new Date(this.atimeMs)
    this.mtime = new Date(this.mtimeMs)
    this.ctime = new Date(this.ctimeMs)
    this.birthtime = new Date(this.birthtimeMs)
  }

  /**
   * Wire stats (64-bit fields may arrive as bigint or decimal strings) as Node's number-valued Stats, or as
   * BigIntStats with `fromBigInt` (the original's `Stats.from(stat, fromBigInt)`).
   */
  static from (raw: unknown, fromBigInt = false): Stats {
    return fromBigInt ? BigIntStats.from(raw) as unknown as Stats : new Stats(raw ?? {})
  }
}

/** `stat(path, { bigint: true })`: every field a bigint, plus the *Ns nanosecond fields. */
export class BigIntStats extends StatsBase<bigint> {
  declare atimeNs: bigint
  declare mtimeNs: bigint
  declare ctimeNs: bigint
  declare birthtimeNs: bigint

  static from (raw: unknown): BigIntStats {
    const stats = new BigIntStats()
    for (const field of fields) {
      const value = (raw as RawStats)[field] ?? 0
      stats[field] = typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value)))
    }
    for (const time of ['atime', 'mtime', 'ctime', 'birthtime'] as const) {
      const ms = Number((raw as RawStats)[`${time}Ms`] ?? 0)
      stats[`${time}Ns`] = BigInt(Math.round(ms * 1e6))
      stats[time] = new Date(ms)
    }
    return stats
  }
}

const direntTypes: Record<string, number> = {
  file: S_IFREG, directory: S_IFDIR, symlink: S_IFLNK, fifo: S_IFIFO, socket: S_IFSOCK, char: S_IFCHR, block: S_IFBLK
}

export class Dirent {
  readonly name: string
  readonly parentPath: string
  readonly path: string
  readonly #type: number

  constructor (name: string, type: string, parentPath: string) {
    this.name = name
    this.parentPath = parentPath
    this.path = parentPath
    this.#type = direntTypes[type] ?? 0
  }

  isFile (): boolean { return this.#type === S_IFREG }
  isDirectory (): boolean { return this.#type === S_IFDIR }
  isSymbolicLink (): boolean { return this.#type === S_IFLNK }
  isFIFO (): boolean { return this.#type === S_IFIFO }
  isSocket (): boolean { return this.#type === S_IFSOCK }
  isCharacterDevice (): boolean { return this.#type === S_IFCHR }
  isBlockDevice (): boolean { return this.#type === S_IFBLK }
}
