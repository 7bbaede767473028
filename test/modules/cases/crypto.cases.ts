// Observations of crypto: the same file runs against node:crypto and socket:crypto (the Node-shaped part;
// the original's extras createDigest/rand64 are tested on their own).
import type * as NodeCrypto from 'node:crypto'
import { Observer, type Observations } from '../harness/observe.ts'

export function observeCrypto (crypto: typeof NodeCrypto): Observations {
  const o = new Observer()
  for (const algorithm of ['md5', 'sha1', 'sha256', 'sha384', 'sha512']) {
    o.see(`createHash ${algorithm}`, () => crypto.createHash(algorithm).update('hello ').update(new TextEncoder().encode('world')).digest('hex'))
    o.see(`createHmac ${algorithm}`, () => crypto.createHmac(algorithm, 'key').update('data').digest('base64'))
  }
  o.see('digest twice throws', () => { const h = crypto.createHash('sha256'); h.digest(); return h.digest() })
  o.see('randomBytes length', () => crypto.randomBytes(70000).length)
  o.see('randomBytes differs', () => crypto.randomBytes(16).equals(crypto.randomBytes(16)))
  o.see('randomBytes negative', () => crypto.randomBytes(-1))
  o.see('getRandomValues', () => crypto.getRandomValues(new Uint32Array(4)).length)
  o.see('randomUUID', () => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()))
  o.see('webcrypto subtle', () => typeof crypto.webcrypto.subtle.digest)
  return o.results
}
