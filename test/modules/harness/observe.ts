// Differential testing: a case file computes "observations" (label -> JSON-able value) from a module; the
// same case file runs on node:<name> and on socket:<name> (in Node and in the webview), and the two
// observation sets must be equal. Thrown errors are observed by name and code, not by message.
export type Observations = Record<string, unknown>

export class Observer {
  readonly results: Observations = {}

  /** Records the value of `fn()`, or `{ threw: { name, code } }` when it throws. */
  see (label: string, fn: () => unknown): void {
    try {
      this.results[label] = normalize(fn())
    } catch (error) {
      this.results[label] = { threw: errorShape(error) }
    }
  }

  /**
   * Like `see`, but a thrown error is observed by name only: for the few errors whose Node `code` the npm
   * ports do not set (each call site says which).
   */
  seeLoosely (label: string, fn: () => unknown): void {
    this.see(label, fn)
    const result = this.results[label] as { threw?: Record<string, unknown> }
    if (result?.threw !== undefined) this.results[label] = { threw: { name: result.threw.name } }
  }

  async seeAsync (label: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      this.results[label] = normalize(await fn())
    } catch (error) {
      this.results[label] = { threw: errorShape(error) }
    }
  }
}

export function errorShape (error: unknown): Record<string, unknown> {
  const e = error as { name?: string, code?: unknown, errno?: unknown, syscall?: unknown }
  const shape: Record<string, unknown> = { name: e?.name ?? typeof error }
  for (const key of ['code', 'errno', 'syscall'] as const) if (e?.[key] !== undefined) shape[key] = e[key]
  return shape
}

/** Makes values JSON-comparable across realms (Buffers and typed arrays become arrays; undefined kept). */
function normalize (value: unknown): unknown {
  if (value === undefined) return { undefined: true }
  if (typeof value === 'bigint') return { bigint: value.toString() }
  if (typeof value === 'number' && !Number.isFinite(value)) return { number: String(value) }
  if (ArrayBuffer.isView(value)) return { bytes: Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) }
  if (Array.isArray(value)) return value.map(normalize)
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value)
    if (proto === Object.prototype || proto === null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]))
    }
    return { object: proto?.constructor?.name ?? 'unknown' }
  }
  return value
}
