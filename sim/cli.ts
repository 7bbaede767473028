// npm run sim -- <scenario|path.json|all> [--protocol peer,flooding] [--seed N | --seeds 1,2,3] [--duration MS]
//                [--peers N] [--name OUTPUT-NAME] [--out DIR] [--jobs N] [--workers N] [--quiet]
// Runs each protocol on the scenario (once per seed with --seeds, the output name suffixed -seed<N>), prints
// progress, and writes JSON, Markdown and SVG results. With --jobs N the runs go to up to N child processes
// at once; results are written exactly as in one process, each output as soon as one of its runs finishes.
// With --workers N (or "workers" in the scenario) one run's network is split between N threads, one per core
// (sim/parallel/README.md): same seed and N, same result; not the result of a one-worker run.
import { existsSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadScenario, ScenarioError, type Scenario } from './scenario.ts'
import { loadDriver } from './protocols/registry.ts'
import { runScenario } from './runner.ts'
import { runSplit } from './parallel/run-split.ts'
import { writeResults } from './report/write.ts'
import type { RunResult } from './result.ts'
import { sourceStamp, type SourceStamp } from './report/source.ts'
import { CHILD_ENV, runInChildren, serveOneJob, type Job, type JobSpec } from './jobs.ts'

const SCENARIO_DIR = 'sim/scenarios'
const USAGE = 'usage: npm run sim -- <scenario|file.json|all> [--protocol peer,flooding] [--seed N | --seeds 1,2,3] [--duration MS] ' +
  '[--peers N] [--name OUTPUT-NAME] [--out DIR] [--jobs N] [--workers N] [--quiet]'

function parseArgs (argv: string[]): { targets: string[], flags: Map<string, string> } {
  const targets: string[] = []
  const flags = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) { targets.push(arg); continue }
    const [key, inline] = arg.slice(2).split('=', 2)
    if (key === 'quiet') flags.set(key, 'true')
    else if (inline !== undefined) flags.set(key, inline)
    else flags.set(key, argv[++i] ?? '')
  }
  return { targets, flags }
}

function resolveScenario (target: string): string[] {
  if (target === 'all') return readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(SCENARIO_DIR, f))
  if (existsSync(target)) return [target]
  const named = join(SCENARIO_DIR, `${target}.json`)
  if (existsSync(named)) return [named]
  throw new TypeError(`no scenario "${target}" (looked for ${target} and ${named}); known: ${readdirSync(SCENARIO_DIR).map((f) => basename(f, '.json')).join(', ')}`)
}

function clock (ms: number): string {
  const s = Math.floor(ms / 1000)
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

function numberFlag (flags: Map<string, string>, key: string): number | null {
  if (!flags.has(key)) return null
  const value = Number(flags.get(key))
  if (!Number.isFinite(value)) throw new TypeError(`--${key} needs a number, got "${flags.get(key)}"`)
  return value
}

/** The scenario one run uses: the file with the command line's overrides applied. */
function prepareScenario (spec: JobSpec): Scenario {
  const scenario = loadScenario(spec.file)
  if (spec.seed !== null) scenario.seed = spec.seed
  if (spec.durationMs !== null) scenario.durationMs = spec.durationMs
  if (spec.peers !== null) scenario.peers = spec.peers
  if (spec.name !== null) scenario.name = spec.name
  if (spec.workers !== null) scenario.workers = spec.workers
  return scenario
}

function withoutRun<T extends { run: unknown }> ({ run: _run, ...result }: T): Omit<T, 'run'> { return result }

const runLabel = (scenario: Scenario, protocol: string): string => `[${scenario.name}/${protocol}]`

/** Runs one protocol on one scenario in this process, printing progress and a summary line. */
async function runOne (spec: JobSpec): Promise<RunResult> {
  const scenario = prepareScenario(spec)
  const driver = await loadDriver(spec.protocol)
  const label = runLabel(scenario, spec.protocol)
  const split = scenario.workers > 1
  if (!spec.quiet) console.error(`${label} ${scenario.peers} peers, ${clock(scenario.durationMs)} simulated, seed ${scenario.seed}${split ? `, split between ${scenario.workers} workers` : ''}`)
  const progress = spec.quiet
    ? undefined
    : (p: { simTime: number, fraction: number, events: number, wallMs: number }) => console.error(`${label} sim ${clock(p.simTime)} (${(p.fraction * 100).toFixed(1)}%)  ` +
      `${(p.events / 1e6).toFixed(2)}M events  ×${(p.simTime / p.wallMs).toFixed(1)} realtime  wall ${clock(p.wallMs)}  rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`)
  const result = split
    ? await runSplit(scenario, spec.protocol, scenario.workers, progress)
    : withoutRun(await runScenario(scenario, driver, { onProgress: progress }))
  const reach = result.messages.reach
  console.error(`${label} done in ${(result.wallMs / 1000).toFixed(1)} s wall (×${result.speedup.toFixed(1)}): ${result.messages.published} messages, ` +
    `100% reached by ${(reach[2].reachedShare * 100).toFixed(0)}% (mean ${reach[2].timeMs.mean?.toFixed(0) ?? '–'} ms), ` +
    `survival ${result.messages.finalSurvival ?? '–'}, ${result.overhead.datagramsPerDelivery?.toFixed(1) ?? '–'} datagrams/delivery, ` +
    `${result.errors.count} errors, log ${result.logHash}`)
  return result
}

/** One output (a scenario under one name): its runs' results, kept in protocol order. */
interface Output { scenario: Scenario, source: SourceStamp, results: Array<RunResult | undefined> }
interface PlannedJob extends JobSpec { output: Output, index: number }

function plan (targets: string[], flags: Map<string, string>): Array<Job<PlannedJob>> {
  const quiet = flags.has('quiet')
  if (flags.has('seed') && flags.has('seeds')) throw new TypeError('give either --seed or --seeds, not both')
  const seeds = flags.has('seeds')
    ? flags.get('seeds')!.split(',').map((text) => {
      const seed = Number(text)
      if (text.trim() === '' || !Number.isFinite(seed)) throw new TypeError(`--seeds needs a comma-separated list of numbers, got "${flags.get('seeds')}"`)
      return seed
    })
    : [numberFlag(flags, 'seed')]
  const jobs: Array<Job<PlannedJob>> = []
  for (const file of targets.flatMap(resolveScenario)) {
    for (const seed of seeds) {
      const base: JobSpec = {
        file, protocol: '', seed, durationMs: numberFlag(flags, 'duration'), peers: numberFlag(flags, 'peers'), name: flags.get('name') ?? null, workers: numberFlag(flags, 'workers'), quiet
      }
      const probe = prepareScenario(base)
      if (flags.has('seeds')) base.name = `${probe.name}-seed${seed}`
      const scenario = prepareScenario(base)
      const protocols = flags.get('protocol')?.split(',') ?? scenario.protocols
      const output: Output = { scenario, source: sourceStamp(), results: protocols.map(() => undefined) }
      protocols.forEach((protocol, index) => {
        jobs.push({ spec: { ...base, protocol, output, index }, label: runLabel(scenario, protocol) })
      })
    }
  }
  return jobs
}

async function main (): Promise<void> {
  const { targets, flags } = parseArgs(process.argv.slice(2))
  if (targets.length === 0) {
    console.error(USAGE)
    process.exit(2)
  }
  const out = flags.get('out') ?? 'docs/simulation'
  const jobs = numberFlag(flags, 'jobs') ?? 1
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`--jobs needs a whole number of processes >= 1, got ${flags.get('jobs')}`)
  const workers = numberFlag(flags, 'workers')
  if (workers !== null && (!Number.isInteger(workers) || workers < 1)) throw new RangeError(`--workers needs a whole number of threads >= 1, got ${flags.get('workers')}`)
  const list = plan(targets, flags)
  // Written after every finished run, so a long run that is stopped later keeps what it finished.
  const record = (job: Job<PlannedJob>, result: RunResult): void => {
    const { output, index } = job.spec
    output.results[index] = result
    const written = writeResults(out, output.scenario, output.results.filter((r): r is RunResult => r !== undefined), output.source)
    console.error(`wrote ${written.join(', ')}`)
  }
  if (jobs === 1) {
    for (const job of list) record(job, await runOne(job.spec))
    return
  }
  // A child gets plain data only; the output bookkeeping stays here.
  const planned = new Map<Job, Job<PlannedJob>>()
  for (const job of list) {
    const { output: _output, index: _index, ...spec } = job.spec
    planned.set({ label: job.label, spec }, job)
  }
  let failed = 0
  await runInChildren(fileURLToPath(import.meta.url), [...planned.keys()], jobs,
    (job, result) => record(planned.get(job)!, result),
    (job, message) => { failed++; console.error(`${job.label} failed: ${message}`) })
  if (failed > 0) process.exit(1)
}

function fail (error: unknown): never {
  if (error instanceof ScenarioError || error instanceof TypeError || error instanceof RangeError) {
    console.error(`sim: ${error.message}`)
    process.exit(2)
  }
  console.error(error)
  process.exit(1)
}

if (process.env[CHILD_ENV] === '1') serveOneJob(runOne)
else main().catch(fail)
