// Wire classification shared by the JS client and every native decoder, so both sides agree on the encoding.
import type { Doc, Type } from './model.ts'

// Scalars travel as plain text in the query; everything else as JSON text; buffers as the request body.
export type Encoding = 'text' | 'json' | 'body'

export function encodingOf (type: Type): Encoding {
  const base = type.kind === 'nullable' ? type.inner : type
  switch (base.kind) {
    case 'boolean': case 'integer': case 'float': case 'string': case 'enum': return 'text'
    case 'buffer': return 'body'
    default: return 'json'
  }
}

export function isBuffer (type: Type): boolean {
  return type.kind === 'buffer'
}

export function docText (doc: Doc): string {
  return doc.summary
}
