// Observations of querystring: the same file runs against node:querystring and socket:querystring.
import type * as NodeQuerystring from 'node:querystring'
import { Observer, type Observations } from '../harness/observe.ts'

export function observeQuerystring (qs: typeof NodeQuerystring): Observations {
  const o = new Observer()
  for (const input of ['a=1&b=2', 'a=1&a=2&a=3', 'x=%20y+z&empty=&flag', 'w=%D6%A4', '=v&k=', 'a[b]=1']) {
    o.see(`parse ${input}`, () => ({ ...qs.parse(input) }))
  }
  o.see('parse custom separators', () => ({ ...qs.parse('a:1;b:2', ';', ':') }))
  o.see('parse maxKeys', () => ({ ...qs.parse('a=1&b=2&c=3', undefined, undefined, { maxKeys: 2 }) }))
  o.see('stringify', () => qs.stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: undefined, f: 'é&=' }))
  o.see('stringify separators', () => qs.stringify({ a: 1, b: 2 }, ';', ':'))
  o.see('stringify non-finite', () => qs.stringify({ n: NaN, i: Infinity, z: 0 }))
  o.see('escape', () => qs.escape("a b&c=d/é!'()*~"))
  o.see('unescape', () => qs.unescape('a%20b%26%zz'))
  o.see('encode/decode aliases', () => [qs.encode === qs.stringify, qs.decode === qs.parse])
  return o.results
}
