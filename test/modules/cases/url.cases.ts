// Observations of url: the same file runs against node:url and socket:url.
import type * as NodeUrl from 'node:url'
import { Observer, type Observations } from '../harness/observe.ts'

export function observeUrl (url: typeof NodeUrl): Observations {
  const o = new Observer()
  const inputs = ['http://user:pw@example.com:8080/p/a/t/h?query=string&x=1#hash', 'https://example.com',
    '/relative/path?x', 'mailto:someone@example.com', 'socket://bundle.id/index.html', '//host/path']
  for (const input of inputs) {
    o.see(`parse ${input}`, () => {
      const { protocol, auth, host, port, hostname, hash, search, query, pathname, path, href } = url.parse(input)
      return { protocol, auth, host, port, hostname, hash, search, query, pathname, path, href }
    })
    o.see(`parse+query ${input}`, () => url.parse(input, true).query)
    o.see(`format(parse) ${input}`, () => url.format(url.parse(input)))
  }
  o.see('resolve', () => [url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one'),
    url.resolve('http://example.com/one', '/two'), url.resolve('http://a/b/c', '../d')])
  o.see('format object', () => url.format({ protocol: 'https', hostname: 'x.org', pathname: '/a b', query: { q: '1 2' } }))
  o.see('WHATWG URL', () => { const u = new url.URL('https://x.org:99/a?b=1#c'); return [u.host, u.searchParams.get('b'), u.hash] })
  o.see('URLSearchParams', () => new url.URLSearchParams({ a: '1', b: 'x y' }).toString())
  o.see('fileURLToPath', () => url.fileURLToPath('file:///tmp/a%20b/c.txt'))
  o.see('fileURLToPath bad scheme', () => url.fileURLToPath('http://x/y'))
  o.see('fileURLToPath encoded slash', () => url.fileURLToPath('file:///a%2Fb'))
  o.see('pathToFileURL', () => url.pathToFileURL('/tmp/a b#?.txt').href)
  o.see('pathToFileURL escapes what the URL parser drops', () => url.pathToFileURL('/a\nb\\c%25d\te\rf"<>').href)
  o.see('pathToFileURL keeps a trailing slash, resolves dot segments', () => [url.pathToFileURL('/tmp/').href, url.pathToFileURL('/a/../b/./c').href])
  // The working directory differs (the repo in Node, the app's folder in the webview): observed by shape.
  o.see('pathToFileURL resolves a relative path against the working directory', () => {
    const href = url.pathToFileURL('rel/x/').href
    return [href.startsWith('file:///'), href.endsWith('/rel/x/'), href !== 'file:///rel/x/', url.pathToFileURL('').href === url.pathToFileURL('.').href]
  })
  o.see('pathToFileURL of a number', () => url.pathToFileURL(5 as unknown as string))
  o.see('fileURLToPath round trip', () => url.fileURLToPath(url.pathToFileURL('/a\nb\\c%25d #?x')))
  return o.results
}
