// MIMEType and MIMEParams with Node's util.MIMEType semantics (the WHATWG "parse a MIME type" algorithm):
// lower-cased type/subtype/parameter names, first parameter wins, quoted values, ERR_INVALID_MIME_SYNTAX.
// MIMEParams is a Map (as the original's), whose get() answers null for a missing name (as Node's).
const TOKEN = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/
const QUOTED_STRING_TOKEN = /^[\t\u0020-\u007E\u0080-\u00FF]*$/
const WHITESPACE = /[\t\n\r ]/

function syntaxError (what: string, input: string, at: number): TypeError {
  return Object.assign(new TypeError(`The MIME syntax for a ${what} in "${input}" is invalid` + (at === -1 ? '' : ` at ${at}`)), { code: 'ERR_INVALID_MIME_SYNTAX' })
}

function trimTrailing (text: string): string {
  return text.replace(/[\t\n\r ]+$/, '')
}

// A Map whose type leaves get() to the subclass: Node's MIMEParams#get answers null, not undefined, for a
// missing name, which Map's type forbids (a @ts-expect-error would not reach the emitted .d.ts).
interface StringMap {
  readonly size: number
  has (name: string): boolean
  delete (name: string): boolean
  clear (): void
  forEach (callback: (value: string, name: string, map: StringMap) => void, thisArg?: unknown): void
  entries (): IterableIterator<[string, string]>
  keys (): IterableIterator<string>
  values (): IterableIterator<string>
  [Symbol.iterator] (): IterableIterator<[string, string]>
}
const MapBase = Map as unknown as new () => StringMap

export class MIMEParams extends MapBase {
  get (name: string): string | null {
    return Map.prototype.get.call(this, String(name)) ?? null
  }

  set (name: string, value: string): this {
    name = String(name)
    value = String(value)
    if (name.length === 0 || !TOKEN.test(name)) throw syntaxError('parameter name', name, -1)
    if (!QUOTED_STRING_TOKEN.test(value)) throw syntaxError('parameter value', value, -1)
    Map.prototype.set.call(this, name, value)
    return this
  }

  override toString (): string {
    let text = ''
    for (const [name, value] of this) {
      const quoted = value.length === 0 || !TOKEN.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value
      text += `${text.length === 0 ? '' : ';'}${name}=${quoted}`
    }
    return text
  }

  toJSON (): string {
    return this.toString()
  }
}

/** Parses the parameters after `type/subtype` (from `position`, at a ';') into `params`, skipping invalid ones. */
function parseParams (input: string, position: number, params: MIMEParams): void {
  while (position < input.length) {
    position++ // the ';'
    while (WHITESPACE.test(input[position] ?? '')) position++
    let name = ''
    while (position < input.length && input[position] !== ';' && input[position] !== '=') name += input[position++]
    name = name.toLowerCase()
    if (position < input.length) {
      if (input[position] === ';') continue
      position++ // the '='
    }
    if (position >= input.length) break
    let value = ''
    if (input[position] === '"') {
      position++
      while (position < input.length) {
        const char = input[position++]
        if (char === '"') break
        if (char === '\\') {
          if (position >= input.length) { value += '\\'; break }
          value += input[position++]
        } else {
          value += char
        }
      }
      while (position < input.length && input[position] !== ';') position++
    } else {
      while (position < input.length && input[position] !== ';') value += input[position++]
      value = trimTrailing(value)
      if (value.length === 0) continue
    }
    if (name.length > 0 && TOKEN.test(name) && QUOTED_STRING_TOKEN.test(value) && !params.has(name)) {
      Map.prototype.set.call(params, name, value)
    }
  }
}

export class MIMEType {
  #type: string
  #subtype: string
  #params = new MIMEParams()

  constructor (input: unknown) {
    const text = String(input)
    const start = text.search(/[^\t\n\r ]/)
    const trimmed = start === -1 ? '' : trimTrailing(text.slice(start))
    const slash = trimmed.indexOf('/')
    const type = slash === -1 ? trimmed : trimmed.slice(0, slash)
    if (slash === -1 || type.length === 0 || !TOKEN.test(type)) throw syntaxError('type', text, Math.max(start, 0) + (slash === -1 ? trimmed.length : 0))
    const semicolon = trimmed.indexOf(';', slash + 1)
    const subtype = trimTrailing(trimmed.slice(slash + 1, semicolon === -1 ? undefined : semicolon))
    if (subtype.length === 0 || !TOKEN.test(subtype)) throw syntaxError('subtype', text, Math.max(start, 0) + slash + 1)
    this.#type = type.toLowerCase()
    this.#subtype = subtype.toLowerCase()
    if (semicolon !== -1) parseParams(trimmed, semicolon, this.#params)
  }

  get type (): string { return this.#type }
  set type (value: string) {
    value = String(value)
    if (value.length === 0 || !TOKEN.test(value)) throw syntaxError('type', value, -1)
    this.#type = value.toLowerCase()
  }

  get subtype (): string { return this.#subtype }
  set subtype (value: string) {
    value = String(value)
    if (value.length === 0 || !TOKEN.test(value)) throw syntaxError('subtype', value, -1)
    this.#subtype = value.toLowerCase()
  }

  get essence (): string { return `${this.#type}/${this.#subtype}` }
  get params (): MIMEParams { return this.#params }

  toString (): string {
    const params = this.#params.toString()
    return params.length === 0 ? this.essence : `${this.essence};${params}`
  }

  toJSON (): string {
    return this.toString()
  }
}
