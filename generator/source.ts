// Maps webidl2 tokens back to positions in the source, and reads doc comments from token trivia.
import type { Doc } from './model.ts'
import type { Location, SourceFile } from './errors.ts'

export interface Token { type: string, value: string, trivia: string, line: number, index: number }

// The token of a node that comes first in the source (the node's own tokens or those of anything inside it).
const firstTokens = new WeakMap<object, Token | undefined>()

export function firstToken (node: unknown): Token | undefined {
  if (node === null || typeof node !== 'object') return undefined
  if (firstTokens.has(node)) return firstTokens.get(node)
  const found = findFirstToken(node)
  firstTokens.set(node, found)
  return found
}

function findFirstToken (node: unknown): Token | undefined {
  let best: Token | undefined
  const seen = new Set<unknown>()
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return
    seen.add(value)
    const record = value as Record<string, unknown>
    if (typeof record.line === 'number' && typeof record.index === 'number' && typeof record.trivia === 'string') {
      const token = record as unknown as Token
      if (!best || token.index < best.index) best = token
      return
    }
    // webidl2 keeps `tokens` as a non-enumerable own property; everything else is enumerable.
    if ('tokens' in record) visit(record.tokens)
    for (const [key, child] of Object.entries(record)) {
      if (key === 'parent') continue
      visit(child)
    }
  }
  visit(node)
  return best
}

const lines = new WeakMap<SourceFile, string[]>()
function linesOf (file: SourceFile): string[] {
  let split = lines.get(file)
  if (!split) { split = file.text.split('\n'); lines.set(file, split) }
  return split
}

// Where a token starts. webidl2 gives the line; the column comes from the trivia before the token, or, when
// the token shares its line with earlier ones, from the first place on the line where trivia and value meet.
export function locate (file: SourceFile, token: Token | undefined): Location {
  if (!token) return { file, line: 1, column: 1 }
  const newline = token.trivia.lastIndexOf('\n')
  if (newline >= 0) return { file, line: token.line, column: token.trivia.length - newline }
  const text = linesOf(file)[token.line - 1] ?? ''
  let from = 0
  while (true) {
    const at = text.indexOf(token.value, from)
    if (at < 0) return { file, line: token.line, column: 1 }
    const before = text.slice(Math.max(0, at - token.trivia.length), at)
    const after = text.charAt(at + token.value.length)
    const wordEnds = !/[A-Za-z0-9_]/.test(token.value.slice(-1)) || !/[A-Za-z0-9_]/.test(after)
    const wordStarts = at === 0 || !/[A-Za-z0-9_]/.test(text.charAt(at - 1)) || !/^[A-Za-z0-9_]/.test(token.value)
    if (before === token.trivia && wordEnds && wordStarts) return { file, line: token.line, column: at + 1 }
    from = at + 1
  }
}

// The last `/** … */` block in the trivia before the node, or undefined.
export function docComment (node: unknown): string | undefined {
  const token = firstToken(node)
  if (!token) return undefined
  const matches = [...token.trivia.matchAll(/\/\*\*([\s\S]*?)\*\//g)]
  const last = matches.at(-1)
  if (!last) return undefined
  const text = last[1]
    .split('\n')
    .map((line) => line.replace(/^\s*\*? ?/, '').trimEnd())
    .join('\n')
    .trim()
  return text.length > 0 ? text : undefined
}

export function parseDoc (text: string): Doc {
  const doc: Doc = { summary: '', params: {} }
  const summary: string[] = []
  let current: { kind: 'summary' } | { kind: 'param', name: string } | { kind: 'returns' } = { kind: 'summary' }
  for (const line of text.split('\n')) {
    const param = /^@param\s+(\w+)\s*(.*)$/.exec(line)
    const returns = /^@returns?\s*(.*)$/.exec(line)
    if (param) {
      current = { kind: 'param', name: param[1] }
      doc.params[param[1]] = param[2]
    } else if (returns) {
      current = { kind: 'returns' }
      doc.returns = returns[1]
    } else if (current.kind === 'summary') {
      summary.push(line)
    } else if (current.kind === 'param') {
      doc.params[current.name] += (line ? ' ' + line.trim() : '')
    } else {
      doc.returns += (line ? ' ' + line.trim() : '')
    }
  }
  doc.summary = summary.join('\n').trim()
  return doc
}
