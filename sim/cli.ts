// npm run sim -- <scenario|path.json|all> [--protocol peer,flooding] [--seed N] [--duration MS] [--peers N]
//                [--name OUTPUT-NAME] [--out DIR] [--quiet]
// Runs each protocol on the scenario in turn, prints progress, and writes JSON, Markdown and SVG results.
import { existsSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { loadScenario, ScenarioError, type Scenario } from './scenario.ts'
import { loadDriver } from './protocols/registry.ts'
import { runScenario } from './runner.ts'
import { writeResults } from './report/write.ts'
import type { RunResult } from './result.ts'
import { sourceStamp } from './report/source.ts'

const SCENARIO_DIR = 'sim/scenarios'

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

async function main (): Promise<void> {
  const { targets, flags } = parseArgs(process.argv.slice(2))
  if (targets.length === 0) {
    console.error('usage: npm run sim -- <scenario|file.json|all> [--protocol peer,flooding] [--seed N] [--duration MS] [--peers N] [--name OUTPUT-NAME] [--out DIR] [--quiet]')
    process.exit(2)
  }
  const quiet = flags.has('quiet')
  const out = flags.get('out') ?? 'docs/simulation'
  for (const file of targets.flatMap(resolveScenario)) {
    const scenario: Scenario = loadScenario(file)
    if (flags.has('seed')) scenario.seed = Number(flags.get('seed'))
    if (flags.has('duration')) scenario.durationMs = Number(flags.get('duration'))
    if (flags.has('peers')) scenario.peers = Number(flags.get('peers'))
    if (flags.has('name')) scenario.name = flags.get('name')!
    const protocols = flags.get('protocol')?.split(',') ?? scenario.protocols
    const results: RunResult[] = []
    const source = sourceStamp()
    for (const name of protocols) {
      const driver = await loadDriver(name)
      const label = `[${scenario.name}/${name}]`
      if (!quiet) console.error(`${label} ${scenario.peers} peers, ${clock(scenario.durationMs)} simulated, seed ${scenario.seed}`)
      const { run: _run, ...result } = await runScenario(scenario, driver, {
        onProgress: quiet
          ? undefined
          : (p) => console.error(`${label} sim ${clock(p.simTime)} (${(p.fraction * 100).toFixed(1)}%)  ${(p.events / 1e6).toFixed(2)}M events  ` +
            `×${(p.simTime / p.wallMs).toFixed(1)} realtime  wall ${clock(p.wallMs)}  rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`)
      })
      results.push(result)
      const reach = result.messages.reach
      console.error(`${label} done in ${(result.wallMs / 1000).toFixed(1)} s wall (×${result.speedup.toFixed(1)}): ${result.messages.published} messages, ` +
        `100% reached by ${(reach[2].reachedShare * 100).toFixed(0)}% (mean ${reach[2].timeMs.mean?.toFixed(0) ?? '–'} ms), ` +
        `survival ${result.messages.finalSurvival ?? '–'}, ${result.overhead.datagramsPerDelivery?.toFixed(1) ?? '–'} datagrams/delivery, ` +
        `${result.errors.count} errors, log ${result.logHash}`)
      // Written after every protocol, so a long run that is stopped later keeps what it finished.
      const written = writeResults(out, scenario, results, source)
      console.error(`wrote ${written.join(', ')}`)
    }
  }
}

main().catch((error: unknown) => {
  if (error instanceof ScenarioError || error instanceof TypeError || error instanceof RangeError) {
    console.error(`sim: ${error.message}`)
    process.exit(2)
  }
  console.error(error)
  process.exit(1)
})
