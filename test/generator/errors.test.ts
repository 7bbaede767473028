// Malformed or unsupported IDL: every case in test/fixtures/idl/errors/ must fail with exactly the message in
// <case>.expected (file, line, column, the source line and a caret) and with the diagnostic its name gives; every
// diagnostic the generator can emit has such a case; the CLI exits 2 and writes nothing.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildModel } from '../../generator/build-model.ts'
import { DIAGNOSTICS, IdlErrors } from '../../generator/errors.ts'
import { readIdl } from '../../generator/pipeline.ts'

const DIR = 'test/fixtures/idl/errors'
// A case is <code>.idl, <code>.<variant>.idl, or a folder <code>/ of several .idl files (for problems between
// files); <code> is the diagnostic it must produce.
const cases = readdirSync(DIR).filter((name) => name.endsWith('.idl') || statSync(join(DIR, name)).isDirectory()).sort()
const codeOf = (name: string): string => name.replace(/\.idl$/, '').split('.')[0]

// Every error site in generator/: the helpers and IdlError all take the diagnostic code as a literal first
// argument, so a regular expression finds them all; a call without one is a site this test could not see.
function errorSites (): Array<{ code: string, where: string }> {
  const sites: Array<{ code: string, where: string }> = []
  const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
  for (const file of files('generator')) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const call of line.matchAll(/\b(?:fail|failAt|new IdlError)\(([^)]*)/g)) {
        const literal = /^'([a-z0-9-]+)'/.exec(call[1])
        if (/^code: DiagnosticCode|^code, /.test(call[1])) continue  // the helpers themselves
        if ((line.slice(0, call.index).match(/`/g) ?? []).length % 2 === 1) continue  // generated code in a template
        sites.push({ code: literal ? literal[1] : `<no literal code: ${call[0]}>`, where: `${file}:${i + 1}` })
      }
    })
  }
  return sites
}

test('every error site has its own registered diagnostic code and a fixture that produces it', () => {
  const sites = errorSites()
  assert.ok(sites.length >= 60, `found only ${sites.length} error sites`)
  const codes = sites.map((site) => site.code)
  const repeated = sites.filter((site, i) => codes.indexOf(site.code) !== i)
  assert.deepEqual(repeated, [], 'two error sites share a code')
  assert.deepEqual([...codes].sort(), [...DIAGNOSTICS].sort(), 'DIAGNOSTICS in generator/errors.ts and the error sites differ')
  const covered = new Set(cases.map(codeOf))
  assert.deepEqual(sites.filter((site) => !covered.has(site.code)), [], 'error sites without a fixture in ' + DIR)
})

for (const name of cases) {
  test(`error: ${name}`, () => {
    const path = join(DIR, name)
    const expected = readFileSync(join(DIR, name.replace(/\.idl$/, '') + '.expected'), 'utf8')
    const files = statSync(path).isDirectory() ? readIdl(path) : [{ path, text: readFileSync(path, 'utf8') }]
    assert.throws(() => buildModel(files), (error: Error) => {
      assert.ok(error instanceof IdlErrors)
      assert.equal(error.message + '\n', expected)
      assert.ok(error.errors.some((e) => e.code === codeOf(name)), `${name} must produce diagnostic ${codeOf(name)}`)
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
