// socket:navigation — the Navigation API. WebKitGTK 4.1 has no `window.navigation`, so this is a small
// implementation over History and Location: entries of this document's session, navigate/back/forward/
// reload, updateCurrentEntry, and `navigate`/`currententrychange` events. Where the webview has the API,
// its own object is used.
export interface NavigationResult { committed: Promise<NavigationHistoryEntry>, finished: Promise<NavigationHistoryEntry> }

let nextKey = 0

export class NavigationHistoryEntry extends EventTarget {
  readonly key: string
  readonly id: string
  readonly url: string
  readonly index: number
  readonly sameDocument = true
  #state: unknown
  constructor (url: string, index: number, state: unknown) {
    super()
    this.key = this.id = String(++nextKey)
    this.url = url
    this.index = index
    this.#state = state
  }

  getState (): unknown { return this.#state === undefined ? undefined : structuredClone(this.#state) }
}

export class NavigateEvent extends Event {
  readonly destination: { url: string, getState: () => unknown }
  readonly navigationType: string
  constructor (type: string, init: { destination: { url: string, getState: () => unknown }, navigationType: string }) {
    super(type, { cancelable: true })
    this.destination = init.destination
    this.navigationType = init.navigationType
  }
}

export class Navigation extends EventTarget {
  #entries: NavigationHistoryEntry[]
  #index = 0

  constructor () {
    super()
    this.#entries = [new NavigationHistoryEntry(globalThis.location?.href ?? 'socket://localhost/', 0, globalThis.history?.state ?? undefined)]
    globalThis.addEventListener?.('popstate', () => this.#sync())
  }

  get currentEntry (): NavigationHistoryEntry { return this.#entries[this.#index] }
  get canGoBack (): boolean { return this.#index > 0 }
  get canGoForward (): boolean { return this.#index < this.#entries.length - 1 }
  get transition (): null { return null }
  entries (): NavigationHistoryEntry[] { return this.#entries.slice() }

  /** Same-document URLs (a new hash or query on this page) change history; any other URL loads the page. */
  navigate (url: string | URL, options: { state?: unknown, history?: 'auto' | 'push' | 'replace' } = {}): NavigationResult {
    const target = new URL(String(url), this.currentEntry.url)
    const type = options.history === 'replace' ? 'replace' : 'push'
    const event = new NavigateEvent('navigate', { destination: { url: target.href, getState: () => options.state }, navigationType: type })
    if (!this.dispatchEvent(event)) {
      const aborted = Promise.reject(new DOMException('Navigation was aborted', 'AbortError'))
      aborted.catch(() => {})
      return { committed: aborted, finished: aborted }
    }
    const current = new URL(this.currentEntry.url)
    if (target.origin !== current.origin || target.pathname !== current.pathname) {
      if (type === 'replace') globalThis.location.replace(target.href)
      else globalThis.location.assign(target.href)
      const pending = new Promise<NavigationHistoryEntry>(() => {})
      return { committed: pending, finished: pending }
    }
    const entry = new NavigationHistoryEntry(target.href, type === 'replace' ? this.#index : this.#index + 1, options.state)
    if (type === 'replace') {
      globalThis.history.replaceState(options.state ?? null, '', target.href)
      this.#entries[this.#index] = entry
    } else {
      globalThis.history.pushState(options.state ?? null, '', target.href)
      this.#entries = [...this.#entries.slice(0, this.#index + 1), entry]
      this.#index++
    }
    this.dispatchEvent(new Event('currententrychange'))
    const done = Promise.resolve(entry)
    return { committed: done, finished: done }
  }

  updateCurrentEntry (options: { state: unknown }): void {
    const entry = new NavigationHistoryEntry(this.currentEntry.url, this.#index, options.state)
    globalThis.history.replaceState(options.state ?? null, '', entry.url)
    this.#entries[this.#index] = entry
    this.dispatchEvent(new Event('currententrychange'))
  }

  back (): NavigationResult { globalThis.history.back(); return this.#settled() }
  forward (): NavigationResult { globalThis.history.forward(); return this.#settled() }
  reload (): NavigationResult { globalThis.location.reload(); return this.#settled() }

  traverseTo (key: string): NavigationResult {
    const index = this.#entries.findIndex((entry) => entry.key === key)
    if (index < 0) {
      const invalid = Promise.reject(new DOMException(`No entry with key ${key}`, 'InvalidStateError'))
      invalid.catch(() => {})
      return { committed: invalid, finished: invalid }
    }
    globalThis.history.go(index - this.#index)
    return this.#settled()
  }

  #settled (): NavigationResult {
    const done = new Promise<NavigationHistoryEntry>((resolve) => this.addEventListener('currententrychange', () => resolve(this.currentEntry), { once: true }))
    return { committed: done, finished: done }
  }

  #sync (): void {
    const index = this.#entries.findIndex((entry) => entry.url === globalThis.location.href)
    if (index >= 0) this.#index = index
    this.dispatchEvent(new Event('currententrychange'))
  }
}

export const navigation: Navigation = (globalThis as any).navigation ?? new Navigation()
export default navigation
