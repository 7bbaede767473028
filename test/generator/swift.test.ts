// Swift cannot be compiled on this Linux machine, so the generated Swift is parse-checked with the tree-sitter
// Swift grammar (prebuilt WASM from tree-sitter-wasms, run by web-tree-sitter). See docs/generator.md.
import { before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Parser from 'web-tree-sitter'
import { generateFixture } from './fixture-build.ts'

let parser: Parser

before(async () => {
  await Parser.init()
  const swift = await Parser.Language.load('node_modules/tree-sitter-wasms/out/tree-sitter-swift.wasm')
  parser = new Parser()
  parser.setLanguage(swift)
})

function syntaxErrors (source: string): string[] {
  const errors: string[] = []
  const visit = (node: Parser.SyntaxNode): void => {
    if (node.type === 'ERROR' || node.isMissing()) {
      errors.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.isMissing() ? 'missing ' : ''}${node.type} ${node.text.slice(0, 60)}`)
      return
    }
    for (const child of node.children) visit(child)
  }
  visit(parser.parse(source).rootNode)
  return errors
}

test('the parser check is not vacuous: broken Swift is reported', () => {
  assert.notDeepEqual(syntaxErrors('public struct A { let x: = }\nfunc ('), [])
})

test('every generated Swift file parses without errors', () => {
  const { root } = generateFixture('test/fixtures/idl/constructs', 'constructs-swift')
  const files = [
    ...readdirSync('generated/swift').map((name) => join('generated/swift', name)),
    ...readdirSync(join(root, 'generated/swift')).map((name) => join(root, 'generated/swift', name))
  ]
  assert.ok(files.length >= 9)
  for (const file of files) assert.deepEqual(syntaxErrors(readFileSync(file, 'utf8')), [], file)
})

// What a parser cannot see: constructs the Swift compiler rejects or that trap at run time. Every generated file
// (idl/ and the constructs fixture) must be free of them.
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\?\?\s*try/, '`?? try` (try to the right of ?? does not compile; and try! traps)'],
  [/\btry!/, '`try!` (traps on any error)'],
  [/\bas!/, '`as!` (traps on a wrong type)'],
  [/\bInt(?:8|16|32|64)?\((?:value|abs\(value\))\)/, 'an integer conversion of a Double (traps outside the range)']
]

export function swiftHazards (source: string): string[] {
  const found: string[] = []
  source.split('\n').forEach((line, i) => {
    for (const [pattern, why] of FORBIDDEN) if (pattern.test(line)) found.push(`${i + 1}: ${why}: ${line.trim()}`)
  })
  return found
}

test('the rule check is not vacuous: each hazard is reported', () => {
  assert.equal(swiftHazards('let x = a ?? try! B.fromJSON(j)').length, 2)
  assert.equal(swiftHazards('let y = z as! String').length, 1)
  assert.equal(swiftHazards('out += String(Int64(value))').length, 1)
})

test('no generated Swift holds a construct that does not compile or traps', () => {
  const { root } = generateFixture('test/fixtures/idl/constructs', 'constructs-swift')
  const files = [
    ...readdirSync('generated/swift').map((name) => join('generated/swift', name)),
    ...readdirSync(join(root, 'generated/swift')).map((name) => join(root, 'generated/swift', name))
  ]
  for (const file of files) assert.deepEqual(swiftHazards(readFileSync(file, 'utf8')), [], file)
})
