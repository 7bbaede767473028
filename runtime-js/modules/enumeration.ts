// socket:enumeration — the original's Enumeration: a frozen Set of values whose keys are also properties
// (`Enumeration.from(['a', 'b']).a === 'a'`; from an object, `{ key: value }`), with keyOf and length.

export class Enumeration extends Set<unknown> {
  [key: string]: unknown

  /** `Enumeration.from(['granted', 'denied'])` or `Enumeration.from({ READ: 1, WRITE: 2 })`. */
  static from (values: Iterable<unknown> | Record<string, unknown>): Enumeration {
    return new this(values)
  }

  constructor (values: Iterable<unknown> | Record<string, unknown> = []) {
    super()
    const entries: Array<[string, unknown]> = values instanceof Enumeration
      ? [...values.keysAndValues()]
      : Symbol.iterator in Object(values)
        ? [...(values as Iterable<unknown>)].map((value) => [String(value), value])
        : Object.entries(values)
    for (const [key, value] of entries) {
      Object.defineProperty(this, key, { value, enumerable: true })
      Set.prototype.add.call(this, value)
    }
    Object.freeze(this)
  }

  get length (): number { return this.size }

  /** The key whose value is `value`, or null. */
  keyOf (value: unknown): string | null {
    for (const key of Object.keys(this)) if (this[key] === value) return key
    return null
  }

  /** [key, value] pairs in order. */
  * keysAndValues (): IterableIterator<[string, unknown]> {
    for (const key of Object.keys(this)) yield [key, this[key]]
  }

  add (): this { throw new TypeError('Enumeration is read-only') }
  delete (): boolean { throw new TypeError('Enumeration is read-only') }
  clear (): void { throw new TypeError('Enumeration is read-only') }

  toJSON (): unknown[] { return [...this] }
}

export default Enumeration
