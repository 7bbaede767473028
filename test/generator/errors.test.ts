// Malformed or unsupported IDL: every case in test/fixtures/idl/errors/<case>.idl must fail with exactly the
// message in <case>.expected (file, line, column, the source line and a caret); the CLI exits 2 and writes nothing.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildModel } from '../../generator/build-model.ts'
import { IdlErrors } from '../../generator/errors.ts'

const DIR = 'test/fixtures/idl/errors'
const cases = readdirSync(DIR).filter((name) => name.endsWith('.idl')).sort()

test('there is an error case for each kind of problem', () => {
  assert.ok(cases.length >= 12, `only ${cases.length} error cases`)
})

for (const name of cases) {
  test(`error: ${name}`, () => {
    const path = join(DIR, name)
    const expected = readFileSync(path.replace(/\.idl$/, '.expected'), 'utf8')
    assert.throws(() => buildModel([{ path, text: readFileSync(path, 'utf8') }]), (error: Error) => {
      assert.ok(error instanceof IdlErrors)
      assert.equal(error.message + '\n', expected)
      return true
    })
  })
}

test('the CLI prints the errors to stderr, exits 2 and writes nothing', () => {
  const out = mkdtempSync(join(tmpdir(), 'gen-errors-'))
  try {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'generator/cli.ts', '--idl', join(DIR, 'unknown-type.idl'), '--out', out], { encoding: 'utf8' })
    assert.equal(result.status, 2)
    assert.equal(result.stdout, '')
    assert.equal(result.stderr,
      readFileSync(join(DIR, 'unknown-type.expected'), 'utf8') + '\ngen: 1 error in the IDL; nothing was written\n')
    assert.equal(existsSync(join(out, 'generated')), false)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})
