// A full peer table makes room by evicting its lowest-ranked peers, least recently heard first, never an
// introducer and never the newcomer; ties go in table order (what a stable sort of the table would give).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NO_SUBCLUSTERS, PeerTable, type RemotePeer } from '../../runtime-js/peer/peer-table.ts'
import { SeededRandom } from '../../sim/core/random.ts'

function remote (n: number, lastSeen: number, connected: boolean, introducer = false): RemotePeer {
  return { idHex: `p${n}`, address: `10.0.${n >> 8}.${n & 255}`, port: 4000 + n, natType: 31, lastSeen, connected, introducer, subclusters: NO_SUBCLUSTERS, lastSync: 0 }
}

/** The rule spelled out: rank every other peer, stable-sort, take the first `count`. */
function expectedVictims (table: RemotePeer[], newcomer: RemotePeer, count: number, rank: (p: RemotePeer) => number): string[] {
  return table.filter(p => !p.introducer && p !== newcomer)
    .map(p => ({ p, rank: rank(p) }))
    .sort((a, b) => a.rank - b.rank || a.p.lastSeen - b.p.lastSeen)
    .slice(0, count).map(c => c.p.idHex)
}

test('a full table evicts exactly what a stable sort by rank, then last heard, puts first', () => {
  const random = new SeededRandom('peer-table')
  const next = (): number => random.float()
  const rank = (p: RemotePeer): number => (p.connected ? 1 : 0)
  for (let round = 0; round < 50; round++) {
    const table = new PeerTable(32, rank)
    const inTable: RemotePeer[] = []
    // Few distinct lastSeen values, so that ties (kept in table order) are common.
    for (let i = 0; i < 32; i++) {
      const p = remote(i, Math.floor(next() * 4), next() < 0.5, next() < 0.1)
      table.upsert(p)
      inTable.push(p)
    }
    const newcomer = remote(1000, 9, false)
    const expected = expectedVictims([...inTable, newcomer], newcomer, 2, rank)
    const victims = table.upsert(newcomer).map(p => p.idHex)
    assert.deepEqual(victims, expected, `round ${round}`)
    for (const id of victims) assert.equal(table.get(id), undefined, `${id} is gone`)
    assert.ok(table.get('p1000'), 'the newcomer stays')
    assert.equal(table.size, 31)
  }
})

test('introducers are never evicted, even when they rank lowest', () => {
  const table = new PeerTable(4)
  const introducer = remote(0, 0, false, true)
  table.upsert(introducer)
  for (let i = 1; i < 4; i++) table.upsert(remote(i, 100 + i, true))
  const victims = table.upsert(remote(9, 200, true))
  assert.deepEqual(victims.map(p => p.idHex), ['p1'], 'the least recently heard of the others')
  assert.ok(table.get('p0'))
})
