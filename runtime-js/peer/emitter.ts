// A minimal typed event emitter (no node:events, so it runs in webviews and the simulator alike). A throwing
// listener is reported through `error` and never breaks the protocol loop.

export class Emitter<Events extends Record<string, unknown>> {
  #listeners = new Map<keyof Events, Set<(value: any) => void>>()

  on<K extends keyof Events> (name: K, fn: (value: Events[K]) => void): () => void {
    let set = this.#listeners.get(name)
    if (!set) this.#listeners.set(name, set = new Set())
    set.add(fn)
    return () => this.off(name, fn)
  }

  off<K extends keyof Events> (name: K, fn: (value: Events[K]) => void): void {
    this.#listeners.get(name)?.delete(fn)
  }

  emit<K extends keyof Events> (name: K, value: Events[K]): void {
    const set = this.#listeners.get(name)
    if (!set) return
    for (const fn of set) {
      try {
        fn(value)
      } catch (err) {
        if (name !== 'error') this.emit('error' as K, err as Events[K])
      }
    }
  }
}
