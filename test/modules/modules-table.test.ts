// docs/modules.md's conformance table must match the runtime as built now and the original's export list:
// the runtime is built into a temp folder (without types) and the table rendered from its manifest.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildRuntime } from '../../scripts/build-runtime.ts'
import { docPath, loadOriginal, renderTable, withTable } from '../../scripts/modules-table/generate.ts'

test('the conformance table in docs/modules.md is up to date', async () => {
  const out = mkdtempSync(join(tmpdir(), 'modules-table-'))
  try {
    await buildRuntime({ outDir: out, types: false })
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    const doc = readFileSync(docPath, 'utf8')
    assert.ok(withTable(doc, renderTable(loadOriginal(), manifest)) === doc,
      'docs/modules.md is stale: run npx tsx scripts/build-runtime.ts --no-types && npx tsx scripts/modules-table/generate.ts')
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})

test('the table lists every module of the original and marks the absent ones', () => {
  const original = loadOriginal()
  const table = renderTable(original, { modules: { errno: { exports: ['ENOENT', 'default'] } } })
  for (const name of Object.keys(original.modules)) assert.match(table, new RegExp(`\\| \`socket:${name}\` \\|`))
  assert.match(table, /\| `socket:mime` \| `lookup` \| \*\*absent\*\* \|/)
  assert.match(table, /\| `socket:errno` \| [^|]+ \| \*\*lacks\*\* `E2BIG`/)
})
