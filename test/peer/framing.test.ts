// docs/protocol.md's framing table is the real encoder's output (sim/framing.ts), not numbers typed by hand.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { framingRow, framingTable } from '../../sim/framing.ts'
import { MAX_DATAGRAM } from '../../runtime-js/peer/constants.ts'

test('the framing table in docs/protocol.md matches the encoder', () => {
  const doc = readFileSync('docs/protocol.md', 'utf8')
  assert.ok(doc.includes(framingTable()), `docs/protocol.md should contain:\n${framingTable()}`)
})

test('no datagram of a 64 KB publish exceeds the 1232-byte limit, and overhead falls with size', () => {
  const rows = [64, 1024, 65536].map(framingRow)
  for (const r of rows) assert.ok(r.largest <= MAX_DATAGRAM)
  assert.ok(rows[0].overhead / rows[0].bytes > rows[1].overhead / rows[1].bytes)
  assert.ok(rows[2].overhead / rows[2].bytes < 0.1)
})
