// NAT traversal on real kernels: network namespaces, veth links and nftables NAT (full cone, address-restricted,
// port-restricted, symmetric; two sites of each but one full cone). Each peer must detect its own NAT type; every pair must end up able to talk,
// and the test reports which pairs connected directly, by hole punching, by the birthday paradox, or through
// a relay. Skipped, with the reason, where namespaces cannot be made.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createInterface } from 'node:readline'
import type { ChildProcess } from 'node:child_process'
import { INTRODUCERS, NatLab, labUnavailable, type NatKind, type Site } from './netns-lab.ts'
import { bundleFixture, waitFor } from './helpers.ts'
import { connectionStrategy, natName, NatType } from '../../runtime-js/peer/nat.ts'

const unavailable = labUnavailable()
const KINDS: NatKind[] = ['cone', 'address', 'address', 'port', 'port', 'symmetric', 'symmetric']
const EXPECTED_NAT: Record<NatKind, string> = { cone: 'unrestricted', address: 'address-restricted', port: 'port-restricted', symmetric: 'symmetric' }
const NAT_OF: Record<NatKind, number> = { cone: NatType.Unrestricted, address: NatType.AddressRestricted, port: NatType.PortRestricted, symmetric: NatType.EndpointRestricted }

interface Proc { site: Site, child: ChildProcess, lines: any[], peerId?: string }

function watch (child: ChildProcess, lines: any[]): void {
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', l => { try { lines.push(JSON.parse(l)) } catch {} })
}

/** Builds the lab (one site per kind), starts the introducers, then one peer per site in `room`; resolves
 * once every peer is ready (its NAT detected). */
async function startLab (t: { after: (fn: () => void) => void }, kinds: NatKind[], room: string): Promise<Proc[]> {
  const lab = new NatLab()
  t.after(() => lab.destroy())
  lab.create(kinds)
  const intro = lab.spawn(lab.inet, bundleFixture('nat-introducers.ts'), [...INTRODUCERS, '9000'])
  const introLines: any[] = []
  watch(intro, introLines)
  await waitFor('introducers', () => introLines.some(l => l.ready), 60_000)
  const procs: Proc[] = lab.sites.map(site => {
    const child = lab.spawn(site.host, bundleFixture('nat-peer.ts'), [INTRODUCERS.join(','), '9000', room])
    const p: Proc = { site, child, lines: [] }
    watch(child, p.lines)
    return p
  })
  await waitFor('every peer to detect its NAT', () => procs.every(p => p.lines.some(l => l.ready)), 90_000)
  for (const p of procs) p.peerId = p.lines.find(l => l.ready).ready.peerId
  return procs
}

test('peers behind full-cone, address-restricted, port-restricted and symmetric NATs detect them and all connect', { skip: unavailable }, async (t) => {
  const procs = await startLab(t, KINDS, 'nat-room')
  for (const p of procs) {
    const ready = p.lines.find(l => l.ready).ready
    t.diagnostic(`site ${p.site.index} (${p.site.kind}): detected ${ready.name}, public ${ready.address}:${ready.port}`)
    assert.equal(ready.name, EXPECTED_NAT[p.site.kind], `site ${p.site.index} behind a ${p.site.kind} NAT`)
    if (p.site.kind !== 'symmetric') assert.equal(ready.address, p.site.wanIp)
  }

  // Wait until every peer has an outcome for every other: connected (how) or relayed.
  const outcome = (a: Proc, b: Proc): any => [...a.lines].reverse().find(l => l.connection?.peerId === b.peerId && l.connection.state !== 'disconnected')?.connection
  const pairs: Array<[Proc, Proc]> = []
  for (let i = 0; i < procs.length; i++) for (let j = i + 1; j < procs.length; j++) pairs.push([procs[i], procs[j]])
  await waitFor('every pair to connect or relay', () => pairs.every(([a, b]) => outcome(a, b) && outcome(b, a)), 90_000).catch(() => {})

  const table: string[] = []
  for (const [a, b] of pairs) {
    const ab = outcome(a, b)
    const ba = outcome(b, a)
    const expected = connectionStrategy(NAT_OF[a.site.kind], NAT_OF[b.site.kind])
    table.push(`${a.site.kind}#${a.site.index} ↔ ${b.site.kind}#${b.site.index}: expected ${expected}; ${ab?.strategy ?? '-'}/${ab?.state ?? 'none'} ⇄ ${ba?.strategy ?? '-'}/${ba?.state ?? 'none'}`)
  }
  for (const line of table) t.diagnostic(line)
  // The matrix: per pair of NAT kinds, how many pairs connected without a relay (punched or direct) and how many relayed.
  const matrix = new Map<string, { punched: number, relayed: number }>()
  for (const [a, b] of pairs) {
    const key = [a.site.kind, b.site.kind].sort().join(' ↔ ')
    const m = matrix.get(key) ?? { punched: 0, relayed: 0 }
    if (outcome(a, b)?.state === 'connected' && outcome(b, a)?.state === 'connected') m.punched++
    else m.relayed++
    matrix.set(key, m)
  }
  for (const [key, m] of matrix) t.diagnostic(`matrix ${key} (expected ${connectionStrategy(NAT_OF[key.split(' ↔ ')[0] as NatKind], NAT_OF[key.split(' ↔ ')[1] as NatKind])}): punched ${m.punched}, relayed ${m.relayed}`)
  for (const [a, b] of pairs) {
    const ab = outcome(a, b)
    const ba = outcome(b, a)
    assert.ok(ab && ba, `${a.site.kind}#${a.site.index} and ${b.site.kind}#${b.site.index} have an outcome`)
    const expected = connectionStrategy(NAT_OF[a.site.kind], NAT_OF[b.site.kind])
    if (expected === 'direct' || expected === 'hole-punch') {
      assert.equal(ab.state, 'connected', `${a.site.kind}#${a.site.index} → ${b.site.kind}#${b.site.index} connects without a relay`)
      assert.equal(ba.state, 'connected')
    }
    if (expected === 'relay') assert.equal(ab.state, 'relayed')
  }

  // Messages flow between every pair, whichever way they connected.
  for (const p of procs) p.child.stdin?.write(`publish hello from ${p.site.index}\n`)
  await waitFor('every peer to hear the others', () => procs.every(p => p.lines.filter(l => l.packet).length >= procs.length - 1), 60_000)
  for (const p of procs) {
    const texts = p.lines.filter(l => l.packet).map(l => l.packet.text).sort()
    assert.deepEqual(texts, procs.filter(o => o !== p).map(o => `hello from ${o.site.index}`).sort())
  }
  // A stream between the two symmetric sites can only go through a relay.
  const [s1, s2] = procs.filter(p => p.site.kind === 'symmetric')
  s1.child.stdin?.write(`stream ${s2.peerId} relayed hello\n`)
  await waitFor('a relayed stream between symmetric NATs', () => s2.lines.some(l => l.stream?.text === 'relayed hello'), 30_000)
  void natName
})

// The birthday paradox is a last resort, tried only in a small subcluster where this one peer matters (see
// #birthdayWorthIt in peer.ts): two members, one behind a port-restricted NAT and one behind a symmetric NAT,
// first relay through an introducer, then connect directly by the birthday method.
test('a port-restricted and a symmetric peer alone in their subcluster connect by the birthday paradox', { skip: unavailable }, async (t) => {
  const procs = await startLab(t, ['port', 'symmetric'], 'pair-room')
  const [port, symmetric] = procs
  const direct = (a: Proc, b: Proc): any => a.lines.find(l => l.connection?.peerId === b.peerId && l.connection.state === 'connected')?.connection
  await waitFor('the pair to connect directly', () => direct(port, symmetric) !== undefined && direct(symmetric, port) !== undefined, 60_000)
  assert.equal(direct(port, symmetric).strategy, 'birthday')
  assert.equal(direct(symmetric, port).strategy, 'birthday')
  symmetric.child.stdin?.write('publish straight through\n')
  await waitFor('the message', () => port.lines.some(l => l.packet?.text === 'straight through'), 30_000)
})
