// socket:test/fast-deep-equal — the original bundles the `fast-deep-equal` (ES6) package here; this is the same
// contract written afresh: structural equality where both sides have the same constructor; arrays, Maps, Sets,
// typed arrays and DataViews by content; RegExps by source and flags; objects with their own valueOf/toString
// by those; plain objects by own enumerable keys; NaN equals NaN; nothing else is coerced.

export default function equal (a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a !== a && b !== b // eslint-disable-line no-self-compare
  if (a.constructor !== b.constructor) return false

  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((value, i) => equal(value, other[i]))
  }
  if (a instanceof Map) {
    const other = b as Map<unknown, unknown>
    if (a.size !== other.size) return false
    for (const key of a.keys()) if (!other.has(key)) return false
    for (const [key, value] of a) if (!equal(value, other.get(key))) return false
    return true
  }
  if (a instanceof Set) {
    const other = b as Set<unknown>
    if (a.size !== other.size) return false
    for (const value of a) if (!other.has(value)) return false
    return true
  }
  if (ArrayBuffer.isView(a)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
    const otherView = b as ArrayBufferView
    const y = new Uint8Array(otherView.buffer, otherView.byteOffset, otherView.byteLength)
    if (a instanceof DataView) return x.length === y.length && x.every((byte, i) => byte === y[i])
    const items = a as unknown as ArrayLike<unknown>
    const otherItems = b as unknown as ArrayLike<unknown>
    if (items.length !== otherItems.length) return false
    for (let i = 0; i < items.length; i++) if (items[i] !== otherItems[i]) return false
    return true
  }
  if (a instanceof RegExp) return a.source === (b as RegExp).source && a.flags === (b as RegExp).flags
  if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf()
  if (a.toString !== Object.prototype.toString) return a.toString() === b.toString()

  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(b, key)) return false
  return keys.every((key) => equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}

export { equal }
