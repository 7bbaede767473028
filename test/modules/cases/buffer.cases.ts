// Observations of buffer: the same file runs against node:buffer and socket:buffer.
import type * as NodeBuffer from 'node:buffer'
import { Observer, type Observations } from '../harness/observe.ts'

export function observeBuffer (buffer: typeof NodeBuffer): Observations {
  const o = new Observer()
  const { Buffer } = buffer
  const text = 'héllo wörld ✓'
  for (const encoding of ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'utf16le', 'binary'] as const) {
    o.see(`toString ${encoding}`, () => Buffer.from(text).toString(encoding))
    o.see(`from ${encoding} round trip`, () => Buffer.from(Buffer.from(text).toString(encoding), encoding).length)
  }
  o.see('byteLength', () => Buffer.byteLength(text))
  o.see('alloc fill', () => Buffer.alloc(5, 'ab'))
  o.see('concat', () => Buffer.concat([Buffer.from([1, 2]), Buffer.from([3])], 4))
  o.see('compare', () => Buffer.compare(Buffer.from('a'), Buffer.from('b')))
  o.see('equals', () => Buffer.from('x').equals(Buffer.from('x')))
  o.see('slice shares memory', () => { const b = Buffer.from([1, 2, 3]); b.subarray(1)[0] = 9; return b })
  o.see('indexOf', () => Buffer.from('abcabc').indexOf('ca'))
  o.see('includes', () => Buffer.from('abcabc').includes('bca'))
  o.see('readUInt32BE', () => Buffer.from([1, 2, 3, 4]).readUInt32BE(0))
  o.see('readInt16LE', () => Buffer.from([0xff, 0xff]).readInt16LE(0))
  o.see('readDoubleLE', () => { const b = Buffer.alloc(8); b.writeDoubleLE(3.25); return b.readDoubleLE(0) })
  o.see('writeUInt16BE', () => { const b = Buffer.alloc(3); b.writeUInt16BE(0xabcd, 1); return b })
  o.see('readBigUInt64BE', () => Buffer.from([0, 0, 0, 0, 0, 0, 1, 0]).readBigUInt64BE(0))
  // feross/buffer throws RangeError/TypeError without Node's ERR_BUFFER_OUT_OF_BOUNDS/ERR_INVALID_ARG_TYPE codes.
  o.seeLoosely('out of range read throws', () => Buffer.alloc(2).readUInt32LE(0))
  o.see('toJSON', () => Buffer.from([1, 2]).toJSON())
  o.see('isBuffer', () => [Buffer.isBuffer(Buffer.alloc(1)), Buffer.isBuffer(new Uint8Array(1))])
  o.see('isEncoding', () => [Buffer.isEncoding('utf8'), Buffer.isEncoding('nope')])
  o.see('instanceof Uint8Array', () => Buffer.alloc(1) instanceof Uint8Array)
  o.see('swap16', () => Buffer.from([1, 2, 3, 4]).swap16())
  o.seeLoosely('from bad type throws', () => Buffer.from(42 as unknown as string))
  o.see('kMaxLength is a number', () => typeof buffer.kMaxLength)
  o.see('atob/btoa', () => [buffer.btoa('hi'), buffer.atob('aGk=')])
  return o.results
}
