// docs/modules.md's conformance table must match the runtime as built now and the original's export list:
// the runtime is built into a temp folder (without types) and the table rendered from its manifest.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildRuntime } from '../../scripts/build-runtime.ts'
import { docPath, loadOriginal, renderTable, testSources, withTable } from '../../scripts/modules-table/generate.ts'
import { notSupported } from '../../scripts/modules-table/not-supported.ts'
import { declaredModules, modulesNamedBy, unexplainedComputedImports } from '../../scripts/modules-table/test-scan.ts'

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

test('the test column sees modules imported by computed names: helpers, node: in webview pages, declared lists', async () => {
  const page = 'modules/webview/x.page.ts'
  assert.deepEqual([...modulesNamedBy(page, "const load = async (name: string): Promise<any> => await import(/* @vite-ignore */ `socket:${name}`)\nawait load('fs/web')\n")], ['fs/web'])
  assert.deepEqual([...modulesNamedBy(page, "const load = async (name) => await import(name)\nload('socket:gc'); load('node:tty')")].sort(), ['gc', 'tty'])
  // In a Node test, node:tty is Node's own module.
  assert.deepEqual([...modulesNamedBy('modules/x.test.ts', "await import('node:tty')")], [])
  assert.deepEqual([...modulesNamedBy(page, '// modules under test: path, socket:events\n')], ['path', 'events'])
  assert.deepEqual(unexplainedComputedImports('const s = `socket:${name}`\nawait import(s)'), ['import(s'])
  assert.deepEqual(unexplainedComputedImports('for (const n of names) await import(`socket:${n}`)'), ['import(`socket:${n}`'])
  assert.deepEqual(unexplainedComputedImports('await import(`socket:fs/${sub}`)'), ['import(`socket:fs/${sub}`'])
  // Every test file's computed socket: imports are accounted for, so no row says "none" for want of a scan.
  for (const { file, text } of testSources()) assert.deepEqual(unexplainedComputedImports(text), [], file)
  // The pure page's declared list is the table it loops over.
  const { pureCases } = await import('./cases/index.ts')
  const pureText = readFileSync(join(import.meta.dirname, 'webview', 'pure.page.ts'), 'utf8')
  assert.deepEqual(declaredModules(pureText), Object.keys(pureCases))
})

test('each export the table says throws NotSupportedError does', async () => {
  for (const [name, exports] of Object.entries(notSupported)) {
    const module = await import(`../../runtime-js/modules/${name}.ts`) as Record<string, any>
    for (const [exportName, { use }] of Object.entries(exports)) {
      assert.throws(() => use(module), { name: 'NotSupportedError', code: 'ERR_NOT_SUPPORTED' }, `socket:${name} ${exportName}`)
    }
  }
})
