// Golden tests: test/fixtures/idl/constructs/*.idl covers every construct the generator accepts; its output for
// every backend is kept under expected/ and must match byte for byte. After an intended change to the output,
// run once with UPDATE_GOLDEN=1 (it rewrites expected/ and then fails, so that run can never pass by comparing
// with what it just wrote), review the diff, and run again without it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { runGenerator } from '../../generator/cli.ts'
import { generate, readIdl } from '../../generator/pipeline.ts'

const FIXTURE = 'test/fixtures/idl/constructs'
const EXPECTED = join(FIXTURE, 'expected')

function listFiles (root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}

test('every backend matches its golden output for the constructs fixture', () => {
  const { outputs } = generate(readIdl(FIXTURE))
  if (process.env.UPDATE_GOLDEN) {
    rmSync(EXPECTED, { recursive: true, force: true })
    for (const [path, content] of outputs) {
      mkdirSync(dirname(join(EXPECTED, path)), { recursive: true })
      writeFileSync(join(EXPECTED, path), content)
    }
    assert.fail(`UPDATE_GOLDEN: rewrote ${EXPECTED}; review the diff and run again without UPDATE_GOLDEN`)
  }
  const expected = listFiles(EXPECTED).map((file) => relative(EXPECTED, file)).sort()
  assert.deepEqual([...outputs.keys()], expected, 'the set of generated files changed')
  for (const [path, content] of outputs) {
    assert.equal(content, readFileSync(join(EXPECTED, path), 'utf8'), `${path} differs from its golden copy`)
  }
})

test('output is deterministic: two runs give identical bytes', () => {
  const first = generate(readIdl('idl')).outputs
  const second = generate(readIdl('idl')).outputs
  assert.deepEqual([...first.entries()], [...second.entries()])
})

test('the committed generated/ and docs/api/ match idl/', () => {
  const { outputs } = generate(readIdl('idl'))
  for (const [path, content] of outputs) assert.equal(readFileSync(path, 'utf8'), content, `${path} is stale: run npm run gen`)
})

test('gen --check writes nothing and names each stale, missing or extra file; gen then fixes them', () => {
  const out = mkdtempSync(join(tmpdir(), 'gen-check-'))
  const gen = (...args: string[]) => {
    let stderr = ''
    const status = runGenerator(['--idl', FIXTURE, '--out', out, ...args], { out: () => {}, err: (line) => { stderr += line + '\n' } })
    return { status, stderr }
  }
  try {
    assert.equal(gen().status, 0)
    writeFileSync(join(out, 'generated/js/gadget.ts'), '// edited by hand\n')
    rmSync(join(out, 'docs/api/widget.md'))
    writeFileSync(join(out, 'generated/js/leftover.ts'), '')
    const check = gen('--check')
    assert.equal(check.status, 1)
    assert.equal(check.stderr, [
      'stale: docs/api/widget.md (missing)',
      'stale: generated/js/gadget.ts',
      'stale: generated/js/leftover.ts (not generated from idl/; delete it)',
      'gen --check: 3 generated file(s) do not match idl/; run `npm run gen`',
      ''
    ].join('\n'))
    assert.equal(readFileSync(join(out, 'generated/js/gadget.ts'), 'utf8'), '// edited by hand\n', '--check must not write')
    assert.equal(gen().status, 0)
    assert.equal(gen('--check').status, 0)
    assert.equal(existsSync(join(out, 'generated/js/leftover.ts')), false)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})
