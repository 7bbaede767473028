// Scenario files (sim/scenarios/*.json): what network to build, what to publish, what churn to apply.
// Loading validates every field and names the offending key, so a typo never silently changes a result.
import { readFileSync } from 'node:fs'
import { NAT_TYPES, type NatType } from './net/nat.ts'
import { DEFAULT_LATENCY, validateLatency, type LatencyModel } from './net/latency.ts'
import { validateBurstLoss, type BurstLoss, type CarrierNatOptions, type ClockError } from './net/fabric.ts'

export interface PublishPlan {
  /** First publish, virtual ms from the start. */
  atMs: number
  count: number
  intervalMs: number
  /** Who publishes: a random online subscriber, or a named peer. */
  from: 'subscriber' | string
  bytes: number
  topic?: string
}

export type ChurnPlan =
  /** Poisson replacements: a random peer leaves and a fresh one (new identity, new NAT) joins. */
  | { type: 'replace', startMs: number, endMs: number, perMinute: number }
  /** Poisson departures without replacement. */
  | { type: 'leave', startMs: number, endMs: number, perMinute: number }
  /** Poisson arrivals of fresh peers. */
  | { type: 'join', startMs: number, endMs: number, perMinute: number }
  /** Random peers go to sleep for exponentially distributed spells (mean sleepMs). */
  | { type: 'sleep', startMs: number, endMs: number, perMinute: number, sleepMs: number }
  /** A named peer sleeps at atMs for durationMs. */
  | { type: 'sleep-named', peer: string, atMs: number, durationMs: number }

export interface NamedPeer { name: string, topics: string[], nat?: NatType, protected?: boolean }

export interface JunkPlan { peers: number, startMs: number, endMs: number, perSecond: number, bytes: number }

export interface Scenario {
  name: string
  description: string
  claim?: string
  seed: number
  durationMs: number
  peers: number
  introducers: number
  nat: Partial<Record<NatType, number>>
  natTimeoutMs: number
  latency: LatencyModel
  loss: number
  /** Gilbert-Elliott burst loss on every sender's link, on top of `loss`: `{ mean, burstLength, slotMs? }`, the link
   * stepping once per datagram and once per `slotMs` (default 20 ms) between them (sim/net/fabric.ts, BurstLoss). */
  burstLoss?: BurstLoss
  /** Per-host clock skew (±ms) and drift (±ppm), drawn at random per host. */
  clockError?: ClockError
  /** Carrier-grade NAT: this share of the (non-introducer) peers sit behind carrier NATs, `hostsPerAddress` to
   * one public address, each behind its home NAT as well (sim/net/fabric.ts, CarrierNatOptions). */
  cgnat?: CarrierNatOptions & { share: number, hostsPerAddress: number }
  /** CPU milliseconds a host spends on each datagram it receives. */
  cpuMsPerDatagram: number
  uplinkBps: number
  downlinkBps: number
  subscribeFraction: number
  topic: string
  named: NamedPeer[]
  publish: PublishPlan[]
  churn: ChurnPlan[]
  junk: JunkPlan[]
  sampleEveryMs: number
  protocols: string[]
  config: Record<string, Record<string, unknown>>
  /**
   * Worker threads the network is split between (1: all in this process). A split run is deterministic for a
   * given number of workers, but its event log differs from a one-worker run of the same seed.
   */
  workers: number
}

export class ScenarioError extends Error {
  constructor (file: string, key: string, problem: string) {
    super(`${file}: ${key} ${problem}`)
    this.name = 'ScenarioError'
  }
}

export function loadScenario (path: string): Scenario {
  let raw: unknown
  try { raw = JSON.parse(readFileSync(path, 'utf8')) } catch (error) {
    throw new ScenarioError(path, '(file)', `could not be read as JSON: ${(error as Error).message}`)
  }
  return parseScenario(raw, path)
}

export function parseScenario (raw: unknown, file = '(scenario)'): Scenario {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ScenarioError(file, '(root)', 'must be an object')
  const o = raw as Record<string, unknown>
  const known = new Set(['name', 'description', 'claim', 'seed', 'durationMs', 'peers', 'introducers', 'nat', 'natTimeoutMs', 'latency', 'loss',
    'burstLoss', 'clockError', 'cgnat', 'cpuMsPerDatagram', 'uplinkBps', 'downlinkBps', 'subscribeFraction', 'topic', 'named', 'publish', 'churn', 'junk', 'sampleEveryMs', 'protocols', 'config', 'workers'])
  for (const key of Object.keys(o)) if (!known.has(key)) throw new ScenarioError(file, key, 'is not a scenario key')
  const num = (key: string, fallback: number | undefined, min = 0, max = Infinity): number => {
    const value = o[key] ?? fallback
    if (typeof value !== 'number' || !(value >= min && value <= max)) throw new ScenarioError(file, key, `must be a number in [${min}, ${max}], got ${JSON.stringify(value)}`)
    return value
  }
  const str = (key: string, fallback?: string): string => {
    const value = o[key] ?? fallback
    if (typeof value !== 'string' || value === '') throw new ScenarioError(file, key, 'must be a non-empty string')
    return value
  }
  const list = <T>(key: string): T[] => {
    const value = o[key] ?? []
    if (!Array.isArray(value)) throw new ScenarioError(file, key, 'must be a list')
    return value as T[]
  }
  const nat = (o.nat ?? { 'port-restricted': 1 }) as Record<string, unknown>
  for (const [type, share] of Object.entries(nat)) {
    if (!(NAT_TYPES as readonly string[]).includes(type)) throw new ScenarioError(file, `nat.${type}`, `is not a NAT type (one of ${NAT_TYPES.join(', ')})`)
    if (typeof share !== 'number' || share < 0) throw new ScenarioError(file, `nat.${type}`, 'must be a share >= 0')
  }
  const latency = (o.latency ?? DEFAULT_LATENCY) as LatencyModel
  try { validateLatency(latency, 'latency') } catch (error) { throw new ScenarioError(file, 'latency', (error as Error).message) }
  const scenario: Scenario = {
    name: str('name'),
    description: str('description', '-'),
    claim: typeof o.claim === 'string' ? o.claim : undefined,
    seed: num('seed', 1, -2147483648, 4294967295),
    durationMs: num('durationMs', undefined, 1),
    peers: num('peers', undefined, 1, 1_000_000),
    introducers: num('introducers', 2, 1, 1000),
    nat: nat as Partial<Record<NatType, number>>,
    natTimeoutMs: num('natTimeoutMs', 30_000, 1),
    latency,
    loss: num('loss', 0, 0, 0.99),
    burstLoss: o.burstLoss as BurstLoss | undefined,
    clockError: o.clockError as ClockError | undefined,
    cgnat: o.cgnat as Scenario['cgnat'],
    cpuMsPerDatagram: num('cpuMsPerDatagram', 0, 0, 1000),
    uplinkBps: num('uplinkBps', 10_000_000, 1, Infinity),
    downlinkBps: num('downlinkBps', 50_000_000, 1, Infinity),
    subscribeFraction: num('subscribeFraction', 0.5, 0, 1),
    topic: str('topic', 'topic'),
    named: list<NamedPeer>('named'),
    publish: list<PublishPlan>('publish'),
    churn: list<ChurnPlan>('churn'),
    junk: list<JunkPlan>('junk'),
    sampleEveryMs: num('sampleEveryMs', 1000, 1),
    protocols: list<string>('protocols'),
    config: (o.config ?? {}) as Record<string, Record<string, unknown>>,
    workers: num('workers', 1, 1, 64)
  }
  if (scenario.burstLoss !== undefined) {
    try { validateBurstLoss(scenario.burstLoss) } catch (error) { throw new ScenarioError(file, 'burstLoss', (error as Error).message) }
  }
  const cg = scenario.cgnat
  if (cg !== undefined && (cg === null || typeof cg !== 'object' || !(cg.share >= 0 && cg.share <= 1) || !(Number.isInteger(cg.hostsPerAddress) && cg.hostsPerAddress >= 1) ||
    !['full-cone', 'address-restricted', 'port-restricted'].includes(cg.type) || typeof cg.hairpin !== 'boolean')) {
    throw new ScenarioError(file, 'cgnat', 'needs share in [0, 1], hostsPerAddress >= 1 (whole), type full-cone, address-restricted or port-restricted, and hairpin true or false')
  }
  const ce = scenario.clockError
  if (ce !== undefined && (ce === null || typeof ce !== 'object' || !(ce.skewMs >= 0) || !(ce.driftPpm >= 0))) throw new ScenarioError(file, 'clockError', 'needs skewMs >= 0 and driftPpm >= 0')
  if (!Number.isInteger(scenario.workers)) throw new ScenarioError(file, 'workers', `must be a whole number, got ${scenario.workers}`)
  if (scenario.protocols.length === 0) scenario.protocols = ['peer', 'flooding']
  if (Object.values(scenario.nat).reduce((a, b) => a + (b ?? 0), 0) <= 0) throw new ScenarioError(file, 'nat', 'shares must add up to more than 0')
  scenario.publish.forEach((p, i) => {
    const k = `publish[${i}]`
    if (!(p.atMs >= 0) || !(p.count >= 1) || !(p.intervalMs >= 0) || !(p.bytes >= 1 && p.bytes <= 65000)) throw new ScenarioError(file, k, 'needs atMs >= 0, count >= 1, intervalMs >= 0, 1 <= bytes <= 65000')
    if (typeof p.from !== 'string') throw new ScenarioError(file, `${k}.from`, 'must be "subscriber" or a named peer')
    if (p.from !== 'subscriber' && !scenario.named.some((n) => n.name === p.from)) throw new ScenarioError(file, `${k}.from`, `names no peer in "named": ${p.from}`)
  })
  scenario.churn.forEach((c, i) => {
    const k = `churn[${i}]`
    if (c.type === 'sleep-named') {
      if (!scenario.named.some((n) => n.name === c.peer)) throw new ScenarioError(file, `${k}.peer`, `names no peer in "named": ${c.peer}`)
      if (!(c.atMs >= 0) || !(c.durationMs > 0)) throw new ScenarioError(file, k, 'needs atMs >= 0 and durationMs > 0')
    } else if (['replace', 'leave', 'join', 'sleep'].includes(c.type)) {
      if (!(c.startMs >= 0) || !(c.endMs > c.startMs) || !(c.perMinute > 0)) throw new ScenarioError(file, k, 'needs 0 <= startMs < endMs and perMinute > 0')
      if (c.type === 'sleep' && !(c.sleepMs > 0)) throw new ScenarioError(file, `${k}.sleepMs`, 'must be > 0')
    } else {
      throw new ScenarioError(file, `${k}.type`, `must be replace, leave, join, sleep or sleep-named, got ${JSON.stringify((c as { type: unknown }).type)}`)
    }
  })
  scenario.junk.forEach((j, i) => {
    if (!(j.peers >= 1) || !(j.endMs > j.startMs) || !(j.perSecond > 0) || !(j.bytes >= 1 && j.bytes <= 65000)) throw new ScenarioError(file, `junk[${i}]`, 'needs peers >= 1, startMs < endMs, perSecond > 0, 1 <= bytes <= 65000')
  })
  scenario.named.forEach((n, i) => {
    if (typeof n.name !== 'string' || !Array.isArray(n.topics)) throw new ScenarioError(file, `named[${i}]`, 'needs a name and a topics list')
  })
  return scenario
}
