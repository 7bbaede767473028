// Observations of string_decoder: multi-byte characters split across writes, per encoding.
import type * as NodeStringDecoder from 'node:string_decoder'
import { Observer, type Observations } from '../harness/observe.ts'

export function observeStringDecoder (module: typeof NodeStringDecoder): Observations {
  const o = new Observer()
  const euro = [0xe2, 0x82, 0xac]
  o.see('utf8 split', () => { const d = new module.StringDecoder('utf8'); return [d.write(Uint8Array.from(euro.slice(0, 1))), d.write(Uint8Array.from(euro.slice(1))), d.end()] })
  o.see('utf8 truncated at end', () => { const d = new module.StringDecoder('utf8'); return [d.write(Uint8Array.from([0x61, 0xe2, 0x82])), d.end()] })
  o.see('utf16le split', () => { const d = new module.StringDecoder('utf16le'); return [d.write(Uint8Array.from([0x61])), d.write(Uint8Array.from([0x00, 0x62])), d.end(Uint8Array.from([0x00]))] })
  o.see('base64 split', () => { const d = new module.StringDecoder('base64'); return [d.write(Uint8Array.from([1, 2])), d.write(Uint8Array.from([3, 4])), d.end()] })
  o.see('hex', () => new module.StringDecoder('hex').write(Uint8Array.from([255, 1])))
  o.see('bad encoding', () => new module.StringDecoder('nope' as BufferEncoding))
  return o.results
}
