// Runs peers in the NAT lab (netns-lab.ts): the introducers in the "internet" namespace, one peer per site,
// each in the rooms the caller gives it; and reads back, per pair, whether they punched or relayed.
import { createInterface } from 'node:readline'
import type { ChildProcess } from 'node:child_process'
import { INTRODUCERS, type NatKind, type NatLab, type Site } from './netns-lab.ts'
import { NatType } from '../../runtime-js/peer/nat.ts'
import { bundleFixture, waitFor } from './helpers.ts'

/** `lines` are the process's JSON lines, each with `at`: when the lab read it (Date.now()). */
/** The NAT type a peer behind each kind of site should detect (its value, and its name). */
export const NAT_OF: Record<NatKind, number> = { open: NatType.Unrestricted, cone: NatType.Unrestricted, address: NatType.AddressRestricted, port: NatType.PortRestricted, symmetric: NatType.EndpointRestricted }

export interface Proc { site: Site, child: ChildProcess, lines: any[], peerId?: string, startedAt: number }
/** The introducers' processes (one per introducer) and their output lines (set by startPeers). */
export const introducers: { children: ChildProcess[], lines: any[][] } = { children: [], lines: [] }

function watch (child: ChildProcess, lines: any[]): void {
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', l => { try { lines.push({ ...JSON.parse(l), at: Date.now() }) } catch {} })
}

/** Starts the introducers, then one peer per site in `rooms(site)`; resolves once every peer is ready (its
 * NAT detected). The lab must be created. With `oneByOne`, each peer starts once the previous one is ready:
 * on a loaded machine ten Node processes starting at once missed the 6 s detection deadline (NAT unknown). */
export async function startPeers (lab: NatLab, rooms: (site: Site) => string[], oneByOne = false): Promise<Proc[]> {
  introducers.children = ['1', '2'].map(which => lab.spawn(lab.inet, bundleFixture('nat-introducers.ts'), [...INTRODUCERS, '9000', which]))
  introducers.lines = introducers.children.map(() => [])
  introducers.children.forEach((c, i) => watch(c, introducers.lines[i]))
  await waitFor('introducers', () => introducers.lines.every(ls => ls.some(l => l.ready)), 60_000)
  const procs: Proc[] = []
  for (const site of lab.sites) {
    const child = lab.spawn(site.host, bundleFixture('nat-peer.ts'), [INTRODUCERS.join(','), '9000', rooms(site).join(',')])
    const p: Proc = { site, child, lines: [], startedAt: Date.now() }
    watch(child, p.lines)
    procs.push(p)
    if (oneByOne) await waitFor(`${site.kind}#${site.index} to detect its NAT`, () => p.lines.some(l => l.ready), 60_000)
  }
  await waitFor('every peer to detect its NAT', () => procs.every(p => p.lines.some(l => l.ready)), 90_000)
  for (const p of procs) p.peerId = p.lines.find(l => l.ready).ready.peerId
  return procs
}

export const ready = (p: Proc): any => { const l = p.lines.find(l => l.ready); return { ...l.ready, at: l.at } }
/** The NAT type the peer detected last (detection goes on after a `ready` with type unknown). */
export const natNow = (p: Proc): string => [...p.lines].reverse().find(l => l.nat)?.nat.name ?? ready(p).name
export const label = (p: Proc): string => `${p.site.kind}#${p.site.index}`
/** The room only this pair shares: alone in it, each side knows one member, so the birthday method is allowed. */
export const pairRoom = (a: Site, b: Site): string => `pair-${Math.min(a.index, b.index)}-${Math.max(a.index, b.index)}`

/** The latest connected/relayed event `a` emitted about `b`. */
export const outcome = (a: Proc, b: Proc): any =>
  [...a.lines].reverse().find(l => l.connection?.peerId === b.peerId && l.connection.state !== 'disconnected')?.connection

/** `a`'s first direct connection to `b` (any time in the run): the first datagram `a` heard straight from `b`. */
export function punched (a: Proc, b: Proc): { strategy: string, at: number } | undefined {
  const line = a.lines.find(l => l.connection?.peerId === b.peerId && l.connection.state === 'connected')
  return line === undefined ? undefined : { ...line.connection, at: line.at }
}

/** Milliseconds from the start of the later of the two peers' processes to the moment both had heard a direct
 * datagram from the other (undefined if one never did): Node's start, NAT detection, joins, the introduction
 * and the traversal itself. */
export function timeToDirect (a: Proc, b: Proc): number | undefined {
  const ab = punched(a, b)
  const ba = punched(b, a)
  if (ab === undefined || ba === undefined) return undefined
  return Math.max(ab.at, ba.at) - Math.max(a.startedAt, b.startedAt)
}

export function allPairs<T> (xs: T[]): Array<[T, T]> {
  const pairs: Array<[T, T]> = []
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) pairs.push([xs[i], xs[j]])
  return pairs
}
