// NAT detection (runtime-js/peer/reflection.ts) against a model of our NAT and of two reflectors, on a fake
// clock, with the delays and losses that the netns lab met under load (docs/netns-lab.md, "NAT detection under
// load"). The fake is the network only: the detector is the product's. Each test drives the detector as the
// peer does (start on the live candidates; again at a keepalive check while recheckDue(), or after a failure).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NatDetector, RECHECK_AFTER_MS, STAGE_TIMEOUT_MS } from '../../runtime-js/peer/reflection.ts'
import { NatType, natName } from '../../runtime-js/peer/nat.ts'
import { PROBE_WAIT_MS } from '../../runtime-js/peer/constants.ts'
import type { Clock, Endpoint, TimerHandle } from '../../runtime-js/peer/transport.ts'

/** A fake clock: timers run when the test advances time. */
class FakeClock implements Clock {
  t = 0
  #timers: Array<{ at: number, fn: () => void, id: number }> = []
  #next = 0
  now (): number { return this.t }
  setTimeout (fn: () => void, ms: number): TimerHandle { const id = ++this.#next; this.#timers.push({ at: this.t + ms, fn, id }); return id as unknown as TimerHandle }
  clearTimeout (h: TimerHandle): void { this.#timers = this.#timers.filter(x => x.id !== (h as unknown as number)) }
  advance (ms: number): void {
    const end = this.t + ms
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at || a.id - b.id)
      const due = this.#timers[0]
      if (due === undefined || due.at > end) break
      this.#timers.shift()
      this.t = due.at
      due.fn()
    }
    this.t = end
  }
}

/** A seeded generator (mulberry32): the lossy runs are repeatable. */
function seeded (seed: number): () => number {
  let s = seed >>> 0
  return () => { s = (s + 0x6d2b79f5) >>> 0; let x = Math.imul(s ^ (s >>> 15), 1 | s); x ^= x + Math.imul(x ^ (x >>> 7), 61 | x); return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32 }
}

type Kind = 'cone' | 'address' | 'port' | 'symmetric'
const EXPECTED: Record<Kind, number> = { cone: NatType.Unrestricted, address: NatType.AddressRestricted, port: NatType.PortRestricted, symmetric: NatType.EndpointRestricted }
const WAN = '100.64.0.7'
const A: Endpoint = { address: '10.99.0.1', port: 9000 }
const B: Endpoint = { address: '10.99.0.2', port: 9000 }
const C: Endpoint = { address: '10.99.0.3', port: 9000 }
/** Each reflector answers reflections from a second socket, at this port of its address. */
const PROBE_SOCKET_PORT = 9100

/** One datagram: what it is, for the test's `fate` (delay in ms, or undefined: lost). */
export interface Datagram { kind: 'probe ping' | 'reflection ping' | 'pong' | 'probe reply', to: string, from: string, n: number }

/** Our host behind a NAT of `kind` (port-preserving for cones; a new port per destination when symmetric),
 * two sockets on it, and reflectors that answer as peers do (peer.ts #onPing). */
function world (kind: Kind, fate: (d: Datagram) => number | undefined = () => 20) {
  const clock = new FakeClock()
  const results: Array<number | undefined> = []
  const sent: Datagram[] = []
  // What each of our sockets sent to (the NAT's filter state) and the external port it maps to per destination.
  const contacts = { main: new Set<string>(), probe: new Set<string>() }
  let nextPort = 40000
  const symmetricPorts = new Map<string, number>()
  const external = (socket: 'main' | 'probe', to: Endpoint): number => {
    if (kind !== 'symmetric') return socket === 'main' ? 5000 : 6000
    const key = `${socket}>${to.address}:${to.port}`
    if (!symmetricPorts.has(key)) symmetricPorts.set(key, nextPort++)
    return symmetricPorts.get(key) as number
  }
  const admits = (socket: 'main' | 'probe', from: Endpoint): boolean => {
    const c = contacts[socket]
    if (kind === 'cone') return true
    if (kind === 'address') return [...c].some(e => e.startsWith(`${from.address}:`))
    return c.has(`${from.address}:${from.port}`)
  }
  let n = 0
  const deliver = (d: Omit<Datagram, 'n'>, run: () => void): void => {
    const datagram = { ...d, n: ++n }
    sent.push(datagram)
    const delay = fate(datagram)
    if (delay !== undefined) clock.setTimeout(run, delay)
  }
  const inbound = (socket: 'main' | 'probe', from: Endpoint, pong: any, probeReply: boolean): void => {
    if (admits(socket, from)) detector.onPong(socket, pong, probeReply)
  }
  const sendFrom = (socket: 'main' | 'probe', to: Endpoint): Endpoint => {
    contacts[socket].add(`${to.address}:${to.port}`)
    return { address: WAN, port: external(socket, to) }
  }
  const detector = new NatDetector({
    clock,
    random: { bytes: (length: number) => Uint8Array.from({ length }, () => Math.floor(Math.random() * 256)), float: Math.random } as any,
    sendPing (socket, to, pingId, reflection, probePort) {
      const seen = sendFrom(socket, to)
      deliver({ kind: reflection ? 'reflection ping' : 'probe ping', to: to.address, from: socket }, () => {
        const pong = { peerId: new Uint8Array(32), natType: 0, flags: 0, pingId, probePort: 0, address: seen.address, port: seen.port }
        deliver({ kind: 'pong', to: socket, from: to.address }, () => inbound(socket, to, pong, false))
        if (reflection && probePort > 0) {
          deliver({ kind: 'probe reply', to: 'probe', from: to.address }, () => inbound('probe', { address: to.address, port: PROBE_SOCKET_PORT }, { ...pong, flags: 4 }, true))
        }
      })
    },
    done: (r) => results.push(r?.natType)
  })
  /** The peer's loop: start, and at each keepalive check (every `checkMs`) start again while the type is unknown
   * (the last result failed) or a re-check is due; runs `ms` of fake time. */
  const run = (candidates: Endpoint[], ms = 60_000, checkMs = 1000): void => {
    detector.start(candidates)
    for (let t = 0; t < ms; t += checkMs) {
      clock.advance(checkMs)
      const busy = detector.state === 'probe' || detector.state === 'reflect'
      const unknown = results.filter(r => r !== undefined).length === 0
      if (!busy && (unknown || detector.recheckDue())) detector.start(candidates)
    }
  }
  const last = (): number | undefined => results.filter(r => r !== undefined).at(-1)
  return { clock, detector, results, sent, run, last }
}

test('on a good network each NAT kind is detected once, in about two round trips', () => {
  for (const kind of ['cone', 'address', 'port', 'symmetric'] as const) {
    const w = world(kind)
    w.detector.start([A, B])
    w.clock.advance(200)
    // Cones whose replies all came are done at once; restricted ones wait PROBE_WAIT_MS for replies that cannot come.
    const waited = kind === 'address' || kind === 'port'
    if (waited) { assert.equal(w.results.length, 0, kind); w.clock.advance(PROBE_WAIT_MS) }
    assert.deepEqual(w.results.map(r => natName(r ?? 0)), [natName(EXPECTED[kind])], kind)
  }
})

// Lab, under load: probe replies came 0.6-2.5 s late while the verdict waited PROBE_WAIT_MS after the pongs.
test('a probe reply that comes after the verdict still counts: a full cone is not left address-restricted', () => {
  const w = world('cone', d => d.kind === 'probe reply' && d.from === B.address ? 1500 : 20)
  w.detector.start([A, B])
  w.clock.advance(1000)
  assert.equal(w.last(), NatType.AddressRestricted, 'the first verdict, before B\'s late reply')
  w.clock.advance(1000)
  assert.equal(w.last(), NatType.Unrestricted)
})

test('a verdict that rests on a lost probe reply is checked again, and corrected', () => {
  let lostOnce = false
  const w = world('cone', d => { if (d.kind === 'probe reply' && d.from === B.address && !lostOnce) { lostOnce = true; return undefined } return 20 })
  w.run([A, B], 20_000)
  assert.equal(w.results[0], NatType.AddressRestricted)
  assert.equal(w.last(), NatType.Unrestricted)
  assert.ok(w.clock.now() >= RECHECK_AFTER_MS)
})

test('re-checks are bounded, and a re-check that fails keeps the verdict', () => {
  const w = world('port', d => d.kind === 'reflection ping' && w.results.length > 0 ? undefined : 20)
  w.run([A, B], 60_000)
  assert.deepEqual(w.results, [NatType.PortRestricted], 'the failed re-checks told the peer nothing')
  assert.equal(w.detector.recheckDue(), false)
  const pings = w.sent.filter(d => d.kind.endsWith('ping')).length
  assert.ok(pings < 40, `${pings} detection pings in a minute`)
})

// Lab, trial run: a retry took the reflectors in the other order; the router remembered (3 min) the probe
// socket's ping to the new B, so both probe replies came in and an address-restricted NAT read as unrestricted.
test('a retry keeps its reflectors: an address-restricted NAT is not judged unrestricted', () => {
  // The first attempt fails after its probe stage: every reflection ping is lost.
  let first = true
  const w = world('address', d => first && d.kind === 'reflection ping' ? undefined : 20)
  w.detector.start([A, B])
  w.clock.advance(STAGE_TIMEOUT_MS * 2 + 100)
  assert.deepEqual(w.results, [undefined])
  first = false
  w.detector.start([B, A]) // the candidates now come in the other order
  w.clock.advance(3000)
  assert.equal(w.last(), NatType.AddressRestricted)
})

test('a reply from an address our probe pings went to is not taken as proof: an address-restricted NAT is not judged unrestricted', () => {
  // B, the first candidate (so A), never answers a probe ping; two attempts fail. Then the candidates change
  // (C left, A came): A takes B's place as A, and B, the only other one, becomes B. The NAT lets B's probe
  // reply in (our probe pings went to its address); it must prove nothing.
  const w = world('address', d => d.kind === 'probe ping' && d.to === B.address ? undefined : 20)
  for (let i = 0; i < 2; i++) { w.detector.start([B, C]); w.clock.advance(STAGE_TIMEOUT_MS + 100) }
  assert.deepEqual(w.results, [undefined, undefined])
  w.detector.start([A, B])
  w.clock.advance(3000)
  assert.ok(w.sent.some(d => d.kind === 'probe reply' && d.from === B.address), 'B was asked for a probe reply')
  assert.equal(w.last(), NatType.AddressRestricted)
})

test('one lost ping in each stage does not fail the attempt', () => {
  const lost = new Set<number>()
  const w = world('port', d => {
    if ((d.kind === 'probe ping' || (d.kind === 'reflection ping' && d.to === B.address)) && !lost.has(d.kind === 'probe ping' ? 1 : 2)) { lost.add(d.kind === 'probe ping' ? 1 : 2); return undefined }
    return 20
  })
  w.detector.start([A, B])
  w.clock.advance(STAGE_TIMEOUT_MS)
  assert.deepEqual(w.results, [NatType.PortRestricted])
})

// The lab under load, as a model: every datagram lost with 30% (receive buffers full, 2% per shaped link) or
// late by 20 ms to 2.5 s. Whatever is lost or late, a verdict is never wrong towards a more open firewall or
// a different mapping, every run reaches a verdict within the minute, and after the re-checks the cones are
// almost always right.
test('a loaded, lossy path never turns a NAT into another kind (200 seeded runs per kind)', () => {
  for (const kind of ['cone', 'address', 'port', 'symmetric'] as const) {
    let right = 0
    for (let seed = 1; seed <= 200; seed++) {
      const r = seeded(seed * 7919 + kind.length)
      const w = world(kind, () => r() < 0.3 ? undefined : 20 + (r() < 0.3 ? r() * 2500 : r() * 100))
      w.run([A, B], 60_000)
      for (const v of w.results) {
        if (v === undefined) continue
        assert.equal(natName(v) === 'symmetric', kind === 'symmetric', `${kind} seed ${seed}: ${natName(v)}`)
        if (kind === 'port') assert.equal(v, NatType.PortRestricted, `port seed ${seed}`)
        if (kind === 'address') assert.notEqual(v, NatType.Unrestricted, `address seed ${seed}`)
      }
      assert.notEqual(w.last(), undefined, `${kind} seed ${seed}: detected within the minute`)
      if (w.last() === EXPECTED[kind]) right++
    }
    // Wrong only towards a more closed firewall, when every probe reply of the verdict and its re-checks was
    // lost: measured 195 (cone) and 197 (address) of 200; the detector before re-checks: 81 and 81, and it
    // left 56 port-restricted and 50 symmetric NATs undetected for the whole minute.
    assert.ok(right >= 190, `${kind}: right in ${right} of 200 runs`)
  }
})

test('a reflector that keeps failing is replaced by another candidate', () => {
  const w = world('port', d => d.to === B.address ? undefined : 20) // B looks alive to the peer but never answers
  w.run([A, B, C], 20_000)
  assert.equal(w.last(), NatType.PortRestricted)
  assert.ok(w.sent.some(d => d.kind === 'reflection ping' && d.to === C.address), 'C was asked')
})
