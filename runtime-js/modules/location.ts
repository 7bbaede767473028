// socket:location — the page's Location, importable: the object itself plus `href`, `origin` (the
// `socket://<bundle-id>` origin, spelled out where WebKit reports 'null' for a custom scheme),
// `protocol`, `hostname`, `pathname`, `search`, `hash`, and `url` (a URL of href).
function current (): { href: string } { return globalThis.location ?? new URL('socket://localhost/') }

export class Location {
  get url (): URL { return new URL(current().href) }
  get href (): string { return current().href }
  get protocol (): string { return this.url.protocol }
  get host (): string { return this.url.host }
  get hostname (): string { return this.url.hostname }
  get port (): string { return this.url.port }
  get pathname (): string { return this.url.pathname }
  get search (): string { return this.url.search }
  get hash (): string { return this.url.hash }
  get origin (): string { return `${this.url.protocol}//${this.url.host}` }
  toString (): string { return this.href }
  toJSON (): Record<string, string> { return { href: this.href, origin: this.origin, protocol: this.protocol, hostname: this.hostname, pathname: this.pathname, search: this.search, hash: this.hash } }
  assign (url: string | URL): void { (globalThis.location as globalThis.Location).assign(String(url)) }
  replace (url: string | URL): void { (globalThis.location as globalThis.Location).replace(String(url)) }
  reload (): void { (globalThis.location as globalThis.Location).reload() }
}

export const location = new Location()
export default location
