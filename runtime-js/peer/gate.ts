// A bounded "seen" set with expiry: stops loops and duplicates. Entries leave after `ttlMs` or, when full,
// oldest first (a Map keeps insertion order, so eviction is O(1)).

export class Gate {
  #seen = new Map<string, number>()
  constructor (private readonly max: number, private readonly ttlMs: number) {}

  has (key: string, now: number): boolean {
    const at = this.#seen.get(key)
    if (at === undefined) return false
    if (now - at > this.ttlMs) { this.#seen.delete(key); return false }
    return true
  }

  /** Records `key`; returns false if it was already there (not expired). */
  add (key: string, now: number): boolean {
    if (this.has(key, now)) return false
    this.#seen.set(key, now)
    if (this.#seen.size > this.max) this.#seen.delete(this.#seen.keys().next().value as string)
    return true
  }

  prune (now: number): void {
    for (const [key, at] of this.#seen) {
      if (now - at <= this.ttlMs) break
      this.#seen.delete(key)
    }
  }

  get size (): number { return this.#seen.size }
}
