// The generated TypeScript (clients, .d.ts, the JS-implemented interfaces, and the constructs fixture) and
// runtime-js/ipc type-check with tsc --noEmit under the project's strict settings plus noUnusedLocals.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { generateFixture } from './fixture-build.ts'

test('generated TypeScript and declarations type-check', () => {
  const { root } = generateFixture('test/fixtures/idl/constructs', 'constructs-ts')
  const config = join(root, 'tsconfig.json')
  writeFileSync(config, JSON.stringify({
    extends: resolve('tsconfig.json'),
    compilerOptions: { noEmit: true, noUnusedLocals: true },
    // The root config excludes build/, where the fixture's output lives.
    exclude: [],
    include: [
      resolve('generated/js'), resolve('generated/types'), resolve('runtime-js/ipc'),
      resolve(root, 'generated/js'), resolve(root, 'generated/types')
    ]
  }, null, 2))
  const tsc = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', config], { encoding: 'utf8' })
  assert.equal(tsc.stdout + tsc.stderr, '')
  assert.equal(tsc.status, 0)
})

test('tsc is not vacuous: a type error in a generated client is reported', () => {
  const { root } = generateFixture('test/fixtures/idl/constructs', 'constructs-ts-negative')
  writeFileSync(join(root, 'generated/js/misuse.ts'),
    "import { gadget } from './gadget.ts'\nexport const wrong: Promise<number> = gadget.toggle(true)\n")
  const config = join(root, 'tsconfig.json')
  writeFileSync(config, JSON.stringify({ extends: resolve('tsconfig.json'), exclude: [], include: [resolve(root, 'generated/js')] }))
  const tsc = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', config], { encoding: 'utf8' })
  assert.notEqual(tsc.status, 0)
  assert.match(tsc.stdout, /misuse\.ts.*Promise<boolean>.*Promise<number>/s)
})
