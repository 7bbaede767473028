// Precise signatures for the `socket-runtime-ts/types` entry, where the runtime's own declarations are loose
// (its fs functions take `options?: unknown` and return `string | Buffer`, checking the arguments at run time,
// as Node does). Declared inside `declare module 'socket:…'`, a named declaration shadows the one re-exported
// from the runtime. TARGET is the module's runtime path, PACKAGE the package's name. The default export of these
// modules is re-typed as the module's own namespace, so `fs.readFile(p, 'utf8')` is as precise as the named one.

const TYPES = 'PACKAGE/runtime/types/runtime-js'
const COMMON = `
type PathLike = string | Uint8Array | URL
type Encoding = import('${TYPES}/internal/buffer-encoding.js').BufferEncoding
type Bytes = import('PACKAGE/runtime/buffer.js').Buffer
type Stats = import('${TYPES}/internal/fs/stats.js').Stats
type BigIntStats = import('${TYPES}/internal/fs/stats.js').BigIntStats
type Dirent = import('${TYPES}/internal/fs/stats.js').Dirent
type Flag = string | number
type TextOptions = Encoding | { encoding: Encoding, flag?: Flag, signal?: AbortSignal }
type BytesOptions = { encoding?: null, flag?: Flag, signal?: AbortSignal } | null
type WriteOptions = Encoding | { encoding?: Encoding | null, mode?: number | string, flag?: Flag, signal?: AbortSignal } | null
type NameOptions = Encoding | { encoding?: Encoding | null } | null
type BufferNameOptions = 'buffer' | { encoding: 'buffer' }
type MkdirOptions = number | string | { recursive?: false, mode?: number | string } | null
type ReaddirOptions = Encoding | { encoding?: Encoding | null, withFileTypes?: false, recursive?: boolean } | null
type CpOptions = { recursive?: boolean, force?: boolean, errorOnExist?: boolean, dereference?: boolean, preserveTimestamps?: boolean, verbatimSymlinks?: boolean, mode?: number, filter?: (src: string, dest: string) => boolean | Promise<boolean> }
`

export const OVERLOADS: Record<string, string> = {
  'fs/promises': `${COMMON}
type Handle = import('TARGET').FileHandle
export function readFile (path: PathLike | Handle, options: TextOptions): Promise<string>
export function readFile (path: PathLike | Handle, options?: BytesOptions): Promise<Bytes>
export function writeFile (path: PathLike | Handle, data: string | ArrayBufferView, options?: WriteOptions): Promise<void>
export function appendFile (path: PathLike | Handle, data: string | ArrayBufferView, options?: WriteOptions): Promise<void>
export function mkdir (path: PathLike, options: { recursive: true, mode?: number | string }): Promise<string | undefined>
export function mkdir (path: PathLike, options?: MkdirOptions): Promise<undefined>
export function mkdtemp (prefix: string, options: BufferNameOptions): Promise<Bytes>
export function mkdtemp (prefix: string, options?: NameOptions): Promise<string>
export function readdir (path: PathLike, options: { withFileTypes: true, recursive?: boolean, encoding?: Encoding | 'buffer' | null }): Promise<Dirent[]>
export function readdir (path: PathLike, options: BufferNameOptions | { encoding: 'buffer', withFileTypes?: false, recursive?: boolean }): Promise<Bytes[]>
export function readdir (path: PathLike, options?: ReaddirOptions): Promise<string[]>
export function readlink (path: PathLike, options: BufferNameOptions): Promise<Bytes>
export function readlink (path: PathLike, options?: NameOptions): Promise<string>
export function realpath (path: PathLike, options: BufferNameOptions): Promise<Bytes>
export function realpath (path: PathLike, options?: NameOptions): Promise<string>
export function stat (path: PathLike, options: { bigint: true }): Promise<BigIntStats>
export function stat (path: PathLike, options?: { bigint?: false }): Promise<Stats>
export function lstat (path: PathLike, options: { bigint: true }): Promise<BigIntStats>
export function lstat (path: PathLike, options?: { bigint?: false }): Promise<Stats>
export function cp (src: PathLike, dest: PathLike, options?: CpOptions): Promise<void>
`,
  fs: `${COMMON}
type Callback<T> = (error: Error | null, value: T) => void
export function readFileSync (path: PathLike | number, options: TextOptions): string
export function readFileSync (path: PathLike | number, options?: BytesOptions): Bytes
export function readFile (path: PathLike | number, options: TextOptions, callback: Callback<string>): void
export function readFile (path: PathLike | number, options: BytesOptions | undefined, callback: Callback<Bytes>): void
export function readFile (path: PathLike | number, callback: Callback<Bytes>): void
export function writeFileSync (path: PathLike | number, data: string | ArrayBufferView, options?: WriteOptions): void
export function appendFileSync (path: PathLike | number, data: string | ArrayBufferView, options?: WriteOptions): void
export function existsSync (path: PathLike): boolean
export function mkdirSync (path: PathLike, options: { recursive: true, mode?: number | string }): string | undefined
export function mkdirSync (path: PathLike, options?: MkdirOptions): undefined
export function mkdtempSync (prefix: string, options: BufferNameOptions): Bytes
export function mkdtempSync (prefix: string, options?: NameOptions): string
export function readdirSync (path: PathLike, options: { withFileTypes: true, recursive?: boolean, encoding?: Encoding | 'buffer' | null }): Dirent[]
export function readdirSync (path: PathLike, options: BufferNameOptions | { encoding: 'buffer', withFileTypes?: false, recursive?: boolean }): Bytes[]
export function readdirSync (path: PathLike, options?: ReaddirOptions): string[]
export function readlinkSync (path: PathLike, options: BufferNameOptions): Bytes
export function readlinkSync (path: PathLike, options?: NameOptions): string
export function realpathSync (path: PathLike, options: BufferNameOptions): Bytes
export function realpathSync (path: PathLike, options?: NameOptions): string
export function statSync (path: PathLike, options: { bigint: true }): BigIntStats
export function statSync (path: PathLike, options?: { bigint?: false }): Stats
export function lstatSync (path: PathLike, options: { bigint: true }): BigIntStats
export function lstatSync (path: PathLike, options?: { bigint?: false }): Stats
export function rmSync (path: PathLike, options?: { recursive?: boolean, force?: boolean }): void
export function unlinkSync (path: PathLike): void
export function renameSync (from: PathLike, to: PathLike): void
export function cpSync (src: PathLike, dest: PathLike, options?: Omit<CpOptions, 'filter'> & { filter?: (src: string, dest: string) => boolean }): void
`
}
