// Observations of MIMEType/MIMEParams: runs on node:util's and on socket:mime's (Node's semantics: the
// WHATWG MIME type parser, lower-cased names, first parameter wins, quoting on output, ERR_INVALID_MIME_SYNTAX).
import { Observer, type Observations } from '../harness/observe.ts'

type MIMETypeClass = new (input: string) => {
  type: string, subtype: string, readonly essence: string, readonly params: any, toString: () => string, toJSON: () => string
}

const inputs = [
  'text/html', ' Text/HTML ; Charset="utf-8" ', 'text/plain;a=1;a=2;b', 'a/b;c="x\\"y";d=;e="";f', '/x', 'x/', 'x', '',
  'text/ html', 'text/html;  q = 1', 'application/x-foo;name="\\', 'image/svg+xml; charset=UTF-8; x="a;b"',
  'text/html;charset=', 'text/html;;;charset=utf-8', 'text/html;charset="a b"', 'te(t/html', 'text/ht@ml', 'multipart/form-data; boundary=----abc'
]

export function observeMIMEType (MIMEType: MIMETypeClass): Observations {
  const o = new Observer()
  for (const input of inputs) {
    o.see(`parse ${JSON.stringify(input)}`, () => {
      const m = new MIMEType(input)
      return { type: m.type, subtype: m.subtype, essence: m.essence, params: [...m.params.entries()], string: String(m), json: JSON.stringify(m), missing: m.params.get('missing') }
    })
  }
  o.see('set type and subtype', () => { const m = new MIMEType('text/html'); m.type = 'APPLICATION'; m.subtype = 'XHTML+XML'; return String(m) })
  o.see('set bad type', () => { const m = new MIMEType('text/html'); m.type = 'a b' })
  o.see('set empty subtype', () => { const m = new MIMEType('text/html'); m.subtype = '' })
  o.see('params set/get/has/delete', () => {
    const m = new MIMEType('text/plain;a=1')
    m.params.set('b', 'two words')
    m.params.set('c', '')
    const seen = [m.params.get('a'), m.params.has('b'), m.params.get('b')]
    m.params.delete('a')
    return [...seen, m.params.has('a'), String(m), m.params.toString(), [...m.params.keys()], [...m.params.values()], [...m.params]]
  })
  o.see('params set bad name', () => new MIMEType('text/plain').params.set('a b', 'x'))
  o.see('params set bad value', () => new MIMEType('text/plain').params.set('a', 'x\u0100'))
  return o.results
}
