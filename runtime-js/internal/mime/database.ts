// The original's MIME Database: one per top-level type, a map of file extension -> media type and its
// reverse index, with lookup by extension, file name or media type. The data is bundled (table.ts), so
// load() has nothing to fetch; it stays async (and loadSync exists) for code written for the original.
import { mimeTables } from './table.ts'

/** One lookup hit: the extension (`name`) and its media type (`mime`). */
export class DatabaseQueryResult {
  readonly name: string
  readonly mime: string
  constructor (name: string, mime: string) {
    this.name = name
    this.mime = mime
  }
}

/** 'html', '.html', 'index.html', 'a/b/c.HTML' -> 'html'; a media type ('text/html') is returned lower-cased. */
export function toLookupKey (query: unknown): string {
  if (typeof query !== 'string') throw Object.assign(new TypeError(`The "query" argument must be of type string. Received ${typeof query}`), { code: 'ERR_INVALID_ARG_TYPE' })
  const text = query.trim().toLowerCase()
  if (/^[a-z0-9.+-]+\/[a-z0-9.+-]+/.test(text) && !text.includes('.', text.indexOf('/'))) return text.split(';')[0].trim()
  const base = text.slice(text.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot === -1 ? base : base.slice(dot + 1)
}

export class Database {
  readonly name: string
  /** extension -> media type */
  readonly map = new Map<string, string>()
  /** media type -> extensions */
  readonly index = new Map<string, string[]>()

  constructor (name: string) {
    this.name = name
  }

  get size (): number { return this.map.size }

  async load (): Promise<void> {
    this.loadSync()
  }

  loadSync (): void {
    if (this.map.size > 0) return
    const table = mimeTables[this.name]
    if (table === undefined) throw new TypeError(`socket:mime has no database named '${this.name}'`)
    for (const [extension, mime] of Object.entries(table)) {
      this.map.set(extension, mime)
      this.index.set(mime, [...(this.index.get(mime) ?? []), extension])
    }
  }

  async lookup (query: string): Promise<DatabaseQueryResult[]> {
    return this.lookupSync(query)
  }

  /** Results for an extension, a file name or (reverse) a media type; [] when this database has none. */
  lookupSync (query: string): DatabaseQueryResult[] {
    this.loadSync()
    const key = toLookupKey(query)
    if (key.includes('/')) return (this.index.get(key) ?? []).map((extension) => new DatabaseQueryResult(extension, key))
    const mime = this.map.get(key)
    return mime === undefined ? [] : [new DatabaseQueryResult(key, mime)]
  }

  has (extension: string): boolean { this.loadSync(); return this.map.has(extension) }
  get (extension: string): string | null { this.loadSync(); return this.map.get(extension) ?? null }
  keys (): IterableIterator<string> { this.loadSync(); return this.map.keys() }
  values (): IterableIterator<string> { this.loadSync(); return this.map.values() }
  entries (): IterableIterator<[string, string]> { this.loadSync(); return this.map.entries() }
}
