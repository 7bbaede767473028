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
// (idl/ and the constructs fixture) must be free of them. Each construct the Swift backend emits has a rule here:
// optional chaining with defaults (`??`), throwing and async calls, weak captures, Codable conformances.
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\?\?\s*try/, '`?? try` (try to the right of ?? does not compile; and try! traps)'],
  [/(\?\?|&&|\|\||==|!=|[-+*/<>]=?)\s*(try|await)\b/, '`try`/`await` to the right of a binary operator (does not compile)'],
  [/\btry!/, '`try!` (traps on any error)'],
  [/\bas!/, '`as!` (traps on a wrong type)'],
  [/\bInt(?:8|16|32|64)?\((?:value|abs\(value\))\)/, 'an integer conversion of a Double (traps outside the range)'],
  [/\bthrows\s+async\b/, '`throws async` (the order is `async throws`)'],
  [/\bawait\s+try\b/, '`await try` (the order is `try await`)'],
  // Every service method is `async throws`: a call to one needs both.
  [/(?<!try await )\bservice\??\.`?\w+`?\(/, 'a service call without `try await` (async throws)'],
  [/\bservice\?\./, 'an optional call on a weak service (its result would be Optional)']
]

// Rules over a whole file, for constructs that span lines.
function fileHazards (source: string): string[] {
  const found: string[] = []
  const lines = source.split('\n')
  lines.forEach((line, i) => {
    // A weak capture must be unwrapped before use.
    if (/\[weak service\]/.test(line) && !/^\s*guard let service = service else \{ throw /.test(lines[i + 1] ?? '')) {
      found.push(`${i + 1}: a [weak service] closure that does not unwrap the service first`)
    }
    // A hand-written Codable conformance must implement both requirements (nothing here is synthesised).
    const codable = /^extension (\w+): Codable \{/.exec(line)
    if (codable) {
      const body = lines.slice(i + 1, lines.indexOf('}', i + 1)).join('\n')
      if (!body.includes('public init(from decoder: Decoder) throws') || !body.includes('public func encode(to encoder: Encoder) throws')) {
        found.push(`${i + 1}: Codable conformance of ${codable[1]} without init(from:) and encode(to:)`)
      }
    }
    // A struct the wire carries (it has a wire decoder) must be Codable.
    const struct = /^public struct (\w+) \{/.exec(line)
    if (struct && source.includes(`fromJSON(_ json: JSON, at: String) throws -> ${struct[1]} {`) && !source.includes(`extension ${struct[1]}: Codable {`)) {
      found.push(`${i + 1}: struct ${struct[1]} is not Codable`)
    }
    const enumeration = /^public enum (\w+): String\b(.*)\{/.exec(line)
    if (enumeration && !/\bCodable\b/.test(enumeration[2])) found.push(`${i + 1}: enum ${enumeration[1]} is not Codable`)
  })
  return found
}

export function swiftHazards (source: string): string[] {
  const found: string[] = []
  source.split('\n').forEach((line, i) => {
    for (const [pattern, why] of FORBIDDEN) if (pattern.test(line)) found.push(`${i + 1}: ${why}: ${line.trim()}`)
  })
  return [...found, ...fileHazards(source)]
}

test('the rule check is not vacuous: each hazard is reported', () => {
  assert.equal(swiftHazards('let x = a ?? try! B.fromJSON(j)').length, 3)
  assert.equal(swiftHazards('let x = a ?? await b()').length, 1)
  assert.equal(swiftHazards('let x = a || try b()').length, 1)
  assert.equal(swiftHazards('let y = z as! String').length, 1)
  assert.equal(swiftHazards('out += String(Int64(value))').length, 1)
  assert.equal(swiftHazards('  func open(_ context: Context) throws async -> X').length, 1)
  assert.equal(swiftHazards('  return await try service.open(context, args)').length, 2)
  assert.equal(swiftHazards('  return try service.open(context, args)').length, 1)
  assert.equal(swiftHazards('  return await service.`open`(context, args)').length, 1)
  assert.equal(swiftHazards('  service?.open(context, args)').length, 2)
  assert.deepEqual(swiftHazards('  return try await service.`open`(context, args)'), [])
  assert.equal(swiftHazards('router.map("a", permission: nil) { [weak service] args, context in\n  return try await service.open(context, args)\n}').length, 1)
  assert.equal(swiftHazards('public struct A {\n}\nextension A: Codable {\n  public init(from decoder: Decoder) throws {}\n}').length, 1)
  assert.equal(swiftHazards('public struct B {\n  public static func fromJSON(_ json: JSON, at: String) throws -> B {\n}').length, 1)
  assert.deepEqual(swiftHazards('public struct BArgs {\n}'), [])
  assert.equal(swiftHazards('public enum C: String {\n}').length, 1)
  assert.deepEqual(swiftHazards('public enum C: String, Codable {\n}'), [])
})

test('no generated Swift holds a construct that does not compile or traps', () => {
  const { root } = generateFixture('test/fixtures/idl/constructs', 'constructs-swift')
  const files = [
    ...readdirSync('generated/swift').map((name) => join('generated/swift', name)),
    ...readdirSync(join(root, 'generated/swift')).map((name) => join(root, 'generated/swift', name))
  ]
  for (const file of files) assert.deepEqual(swiftHazards(readFileSync(file, 'utf8')), [], file)
})
