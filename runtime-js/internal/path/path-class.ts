// The original's `Path` class in socket:path: one parsed path (`root`, `dir`, `base`, `name`, `ext`, `parent`,
// `isRelative`), built from a string, a `file:` URL (object or string) or another Path, and turned back into a
// string or a `file:` URL. POSIX only, as the host. Uses the webview's URL, never socket:url (importing it
// here would load it with every socket:path import).
import { posix } from './posix.ts'
import { pathToFileURL } from './file-url.ts'

function fromFileURL (url: URL): string {
  if (url.protocol !== 'file:') throw new TypeError(`Path: only file: URLs name paths, got ${url.protocol}`)
  if (url.hostname !== '' && url.hostname !== 'localhost') throw new TypeError(`Path: file URL host must be "localhost" or empty, got ${url.hostname}`)
  if (/%2f/i.test(url.pathname)) throw new TypeError('Path: file URL path must not include encoded / characters')
  return decodeURIComponent(url.pathname)
}

export class Path {
  readonly pattern: string
  readonly root: string
  readonly dir: string
  readonly base: string
  readonly name: string
  readonly ext: string

  /** A Path from a string, a `file:` URL (object or string) or a Path, resolved against `cwd` when given. */
  static from (input: string | URL | Path, cwd?: string): Path {
    return new Path(input, cwd)
  }

  static cwd (): string {
    return posix.resolve('.')
  }

  constructor (input: string | URL | Path, cwd?: string) {
    let text: string
    if (input instanceof Path) text = input.value
    else if (input instanceof URL) text = fromFileURL(input)
    else if (typeof input === 'string') text = input.startsWith('file:') ? fromFileURL(new URL(input)) : input
    else throw new TypeError(`Path: expected a string, a file: URL or a Path, got ${typeof input}`)
    if (cwd !== undefined) text = posix.resolve(cwd, text)
    this.pattern = posix.normalize(text)
    const parsed = posix.parse(this.pattern)
    this.root = parsed.root
    this.dir = parsed.dir
    this.base = parsed.base
    this.name = parsed.name
    this.ext = parsed.ext
  }

  get value (): string { return this.pattern }
  get isRelative (): boolean { return !posix.isAbsolute(this.pattern) }
  get parent (): string { return posix.dirname(this.pattern) }
  get drive (): string | null { return null }

  /** This path resolved against `cwd` (default: the app's working directory). */
  resolve (cwd?: string): Path { return new Path(cwd !== undefined ? posix.resolve(cwd, this.pattern) : posix.resolve(this.pattern)) }
  relative (to: string | Path): string { return posix.relative(this.pattern, to instanceof Path ? to.value : to) }
  join (...parts: string[]): Path { return new Path(posix.join(this.pattern, ...parts)) }

  /** `file:///…` for this path (resolved first when relative), encoded as Node's url.pathToFileURL encodes it. */
  toURL (): URL {
    return pathToFileURL(this.pattern)
  }

  toString (): string { return this.pattern }
  toJSON (): { root: string, dir: string, base: string, name: string, ext: string } {
    return { root: this.root, dir: this.dir, base: this.base, name: this.name, ext: this.ext }
  }
}
