import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'

test('the project layout from the design exists', () => {
  for (const dir of ['idl', 'generator', 'generated', 'native', 'runtime-js', 'cli', 'test', 'docs']) {
    assert.ok(existsSync(dir), `${dir}/ is missing`)
  }
})
