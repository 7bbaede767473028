// [Permission=…] in the model: every route of idl/ carries a decision, the ones that reach outside the app are
// withheld by default, and docs/permissions.md agrees with generator/permissions.ts name for name.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { buildModel } from '../../generator/build-model.ts'
import { PERMISSIONS, PUBLIC_PERMISSION } from '../../generator/permissions.ts'
import { generate, readIdl } from '../../generator/pipeline.ts'

const api = buildModel(readIdl('idl'))
const routes = new Map(api.capabilities.flatMap((c) => c.operations.map((op) => [op.route, op.permission] as const)))

test('routes that reach outside the app name a permission that is denied by default', () => {
  const expected: Record<string, string> = {
    'child_process.spawn': 'child_process',
    'child_process.exec': 'child_process',
    'child_process.kill': 'child_process',
    'child_process.write': 'child_process',
    'process.env.set': 'env_write',
    'os.setPriority': 'set_priority',
    'platform.openExternal': 'open_external',
    'platform.revealFile': 'open_external'
  }
  for (const [route, permission] of Object.entries(expected)) {
    assert.equal(routes.get(route), permission, route)
    assert.equal(PERMISSIONS.find((p) => p.name === permission)?.granted, false, `${permission} must default to denied`)
  }
  assert.equal(routes.get('bluetooth.start'), 'bluetooth')
  assert.equal(routes.get('process.env.get'), PUBLIC_PERMISSION)
  assert.equal(routes.get('os.getPriority'), PUBLIC_PERMISSION)
  assert.equal(routes.get('fs.read'), PUBLIC_PERMISSION)
})

test('every permission is documented with its key and default, and nothing else is', () => {
  const doc = readFileSync('docs/permissions.md', 'utf8')
  const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| `\[permissions\] allow_([a-z_]+)` \| (granted|denied) \|/gm)]
  assert.deepEqual(rows.map((row) => [row[1], row[2], row[3]]),
    PERMISSIONS.map((p) => [p.name, p.name, p.granted ? 'granted' : 'denied']))
})

test('the host reads names and defaults from the generated table', () => {
  const header = generate(readIdl('idl')).outputs.get('generated/cpp/permissions.hh') ?? ''
  for (const permission of PERMISSIONS) assert.ok(header.includes(`{ "${permission.name}", ${permission.granted} },`), permission.name)
})

test('an operation\'s [Permission] overrides its interface\'s', () => {
  const text = [
    '/** A capability. */',
    '[Capability=thing, Permission=child_process]',
    'interface Thing {',
    '  /** Withheld like the interface. */',
    '  Promise<undefined> run();',
    '  /** Public. */',
    '  [Permission=none] Promise<undefined> look();',
    '};',
    ''
  ].join('\n')
  const [capability] = buildModel([{ path: 'thing.idl', text }]).capabilities
  assert.deepEqual(capability.operations.map((op) => [op.name, op.permission]), [['run', 'child_process'], ['look', 'none']])
})
