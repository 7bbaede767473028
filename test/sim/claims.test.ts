// Guards for the claims on docs/simulation/README.md: small, fast versions of the claim scenarios that fail when
// a number regresses past the original's target. The full scenarios are run with `npm run sim` (results pages).
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { loadScenario, parseScenario } from '../../sim/scenario.ts'
import { runScenario } from '../../sim/runner.ts'
import { peerDriver } from '../../sim/protocols/peer-driver.ts'
import { DEFAULT_TTL_MINUTES, MAX_TTL_MINUTES } from '../../runtime-js/peer/constants.ts'

/** claim-128-reach at half size and shorter: ~30% symmetric NATs, half subscribed, heavy churn while publishing. */
const reach = (seed: number) => parseScenario({
  name: 'guard-reach', seed, durationMs: 150_000, peers: 64, introducers: 3, loss: 0.01,
  nat: { open: 0.1, 'full-cone': 0.15, 'address-restricted': 0.2, 'port-restricted': 0.25, symmetric: 0.3 },
  subscribeFraction: 0.5,
  publish: [{ atMs: 65_000, count: 8, intervalMs: 5000, from: 'subscriber', bytes: 512 }],
  churn: [{ type: 'replace', startMs: 60_000, endMs: 120_000, perMinute: 40 }],
  sampleEveryMs: 5000
})

/** The claim every guard checks: no handler error, every message reaches 100% of the subscribers, and the mean
 * time to get there is under the original's 2.5 s. */
async function assertReachesEveryone (t: TestContext, scenario: ReturnType<typeof parseScenario>) {
  const result = await runScenario(scenario, peerDriver)
  assert.equal(result.errors.count, 0, result.errors.first.join('\n'))
  const all = result.messages.reach.find(r => r.threshold === 1)
  assert.ok(all, 'the 100% threshold is measured')
  assert.equal(all.reachedShare, 1, `share of messages that reached every subscriber: ${all.reachedShare}`)
  const mean = all.timeMs.mean ?? Infinity
  t.diagnostic(`mean time to 100% of the subscribers: ${Math.round(mean)} ms`)
  assert.ok(mean < 2500, `mean time to 100% of the subscribers: ${Math.round(mean)} ms (target 2500)`)
}

test('reach: every message reaches 100% of the subscribers, 2.5 s on average at most (64 peers, churn)', (t) => assertReachesEveryone(t, reach(2026)))

/** The same network with 5% Gilbert-Elliott burst loss (bursts of 4) instead of 1% independent loss: the harsh
 * network whose tail (lost joins, lost pushes, newcomers waiting to be ready) the `have` lists, the re-joins at
 * every keepalive check and the shorter ready deadline cut (docs/simulation/README.md, harsh-128-burst-loss). */
const burst = (seed: number) => {
  const s = reach(seed)
  s.name = 'guard-burst-loss'
  s.loss = 0
  s.burstLoss = { mean: 0.05, burstLength: 4 }
  return s
}

test('burst loss: every message reaches 100% of the subscribers, 2.5 s on average at most (64 peers, churn, 5% bursty loss)', (t) => assertReachesEveryone(t, burst(2026)))

/** All the harsh settings of harsh-128-combined at once, on the same half-size network: half symmetric NATs, one
 * introducer, 5% burst loss, clock skew up to 2 s with 100 ppm drift, 0.2 ms of CPU per received datagram. A
 * guard on the claim: on this seed the peer before that stop's changes passes too (1.13 s; docs/simulation/
 * README.md, "reach on harsh networks, all combined", where the 128-peer network is not at the target). */
const combined = (seed: number) => {
  const s = reach(seed)
  s.name = 'guard-combined'
  s.introducers = 1
  s.loss = 0
  s.nat = { open: 0.1, 'full-cone': 0.1, 'address-restricted': 0.1, 'port-restricted': 0.2, symmetric: 0.5 }
  s.burstLoss = { mean: 0.05, burstLength: 4 }
  s.clockError = { skewMs: 2000, driftPpm: 100 }
  s.cpuMsPerDatagram = 0.2
  return s
}

test('all harsh settings at once: every message reaches 100% of the subscribers, 2.5 s on average at most (64 peers)', (t) => assertReachesEveryone(t, combined(2026)))

/** harsh-128-combined itself (128 peers, every harsh setting, 4 simulated minutes) on one seed: the 64-peer guard
 * above passes with the peer from before the combined-tail changes too, so it cannot tell them apart; this one
 * fails without them (on seed 2026: see docs/simulation/README.md, "the combined tail"). About 20-40 s. */
test('harsh-128-combined: every message reaches 100% of the subscribers, 2.5 s on average at most (128 peers, one seed)', (t) => {
  const s = loadScenario('sim/scenarios/harsh-128-combined.json')
  s.seed = 2026
  return assertReachesEveryone(t, s)
})

test('the default packet lifetime keeps a message for a day, and relays accept it', () => {
  assert.ok(DEFAULT_TTL_MINUTES * 60_000 >= 24 * 3600_000, `default ttl ${DEFAULT_TTL_MINUTES} min is under 24 h`)
  assert.ok(DEFAULT_TTL_MINUTES <= MAX_TTL_MINUTES)
})
