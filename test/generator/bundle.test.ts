// `npm run gen` runs scripts/gen.mjs: the generator as an esbuild bundle under plain node. It must write exactly
// what the TypeScript sources produce, and rebuild itself when generator/ has changed since it was built.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate, readIdl } from '../../generator/pipeline.ts'

const FIXTURE = 'test/fixtures/idl/constructs'
const BUNDLE = 'build/generator/gen.mjs'

const gen = (...args: string[]) => spawnSync(process.execPath, ['scripts/gen.mjs', ...args], { encoding: 'utf8' })

test('the bundled generator writes the same files as the sources', () => {
  const out = mkdtempSync(join(tmpdir(), 'gen-bundle-'))
  try {
    const run = gen('--idl', FIXTURE, '--out', out)
    assert.equal(run.status, 0, run.stderr)
    for (const [path, content] of generate(readIdl(FIXTURE)).outputs) assert.equal(readFileSync(join(out, path), 'utf8'), content, path)
    assert.equal(gen('--idl', FIXTURE, '--out', out, '--check').status, 0)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})

test('the bundle is rebuilt once a generator source is newer than it, and reused otherwise', () => {
  assert.equal(gen('--check').status, 0)
  const built = statSync(BUNDLE).mtimeMs
  assert.equal(gen('--check').status, 0)
  assert.equal(statSync(BUNDLE).mtimeMs, built, 'a fresh bundle was rebuilt')
  const later = new Date(Date.now() + 5_000)
  utimesSync('generator/paths.ts', later, later)
  assert.equal(gen('--check').status, 0)
  assert.ok(statSync(BUNDLE).mtimeMs > built, 'a changed generator did not rebuild the bundle')
})

test('IDL errors from the bundle are the same diagnostics, with exit status 2', () => {
  const run = gen('--idl', 'test/fixtures/idl/errors/unknown-type.idl', '--out', tmpdir())
  assert.equal(run.status, 2)
  assert.equal(run.stderr, readFileSync('test/fixtures/idl/errors/unknown-type.expected', 'utf8') + '\ngen: 1 error in the IDL; nothing was written\n')
})
