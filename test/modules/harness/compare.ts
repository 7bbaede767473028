// Compares two observation sets label by label so a failure names the first case that differs.
import assert from 'node:assert/strict'
import type { Observations } from './observe.ts'

export function assertSameObservations (expected: Observations, actual: Observations, what: string): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${what}: different case labels`)
  for (const label of Object.keys(expected)) {
    assert.deepEqual(actual[label], expected[label], `${what}: case "${label}" differs`)
  }
}
