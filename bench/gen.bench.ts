// The generator's speed, each figure against a baseline measured in the same run: the whole pipeline for idl/
// in process (cold: first run, templates compiled; warm: later runs) against parsing the same IDL with webidl2
// alone; and whole processes (`npm run gen`, `--check`, the bundle alone, a rebuild) against node and npm
// doing nothing. The target is a whole `npm run gen` under one second. Writes docs/gen-bench.md.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'webidl2'

const REPO = resolve(import.meta.dirname, '..')
const RUNS = 7

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function timed (fn: () => void): number {
  const started = performance.now()
  fn()
  return performance.now() - started
}

process.chdir(REPO)
const loadAtStart = loadavg()[0]
const { generate, readIdl } = await import('../generator/pipeline.ts')
const files = readIdl('idl')
const lines = files.reduce((sum, file) => sum + file.text.split('\n').length, 0)

// CPU time of the process while generating: on a shared machine it moves far less than wall time does.
function cpuMs (fn: () => void): number {
  const before = process.cpuUsage()
  fn()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

const cold = timed(() => generate(files))
const outputs = generate(files).outputs
const bytes = [...outputs.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0)
const warm = median(Array.from({ length: RUNS }, () => timed(() => generate(files))))
const parseOnly = median(Array.from({ length: RUNS }, () => timed(() => { for (const file of files) parse(file.text) })))
const warmCpu = median(Array.from({ length: RUNS }, () => cpuMs(() => generate(files))))
const parseCpu = median(Array.from({ length: RUNS }, () => cpuMs(() => { for (const file of files) parse(file.text) })))

// Whole processes, as a person runs them: wall time (mean and standard deviation over PROCESS_RUNS) and the
// CPU time of the process tree (the shell's `times`), which moves far less on a shared machine.
const PROCESS_RUNS = 7
interface ProcessTimes { wall: number[], cpu: number[] }
function processTimes (command: string, runs = PROCESS_RUNS): ProcessTimes {
  const out: ProcessTimes = { wall: [], cpu: [] }
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const result = spawnSync('/bin/sh', ['-c', `${command} >/dev/null 2>&1; status=$?; times; exit $status`], { cwd: REPO, encoding: 'utf8' })
    out.wall.push(performance.now() - started)
    if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr}`)
    const children = result.stdout.trim().split('\n').at(-1) ?? ''
    const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]))
    out.cpu.push((seconds[0] + seconds[1]) * 1000)
  }
  return out
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)))

processTimes('node scripts/gen.mjs --check', 1)  // builds the bundle if generator/ changed since the last run
const npmCheck = processTimes('npm run gen -- --check')
const npmGen = processTimes('npm run gen')
const bundleCheck = processTimes('node scripts/gen.mjs --check')
const nodeEmpty = processTimes('node -e ""')
const npmEmpty = processTimes('npm run --silent env -- true')
const tsxCheck = processTimes('node node_modules/tsx/dist/cli.mjs generator/cli.ts --check', 3)
const rebuild = processTimes('touch generator/paths.ts && node scripts/gen.mjs --check', 3)

const ms = (n: number): string => `${n.toFixed(1)} ms`
const row = (what: string, t: ProcessTimes): string =>
  `| ${what} | ${ms(mean(t.wall))} | ${ms(sd(t.wall))} | ${ms(Math.min(...t.wall))} | ${ms(mean(t.cpu))} | ${t.wall.length} |`
const table = [
  '| measurement | time | baseline (same run) | baseline time | ratio |',
  '| --- | --- | --- | --- | --- |',
  `| generate(idl/) in process, warm (median of ${RUNS}) | ${ms(warm)} | webidl2 parse of the same files | ${ms(parseOnly)} | ${(warm / parseOnly).toFixed(1)}× |`,
  `| generate(idl/) in process, warm, CPU time (median of ${RUNS}) | ${ms(warmCpu)} | webidl2 parse, CPU time | ${ms(parseCpu)} | ${(warmCpu / parseCpu).toFixed(1)}× |`,
  `| generate(idl/) in process, cold (first run) | ${ms(cold)} | webidl2 parse of the same files | ${ms(parseOnly)} | ${(cold / parseOnly).toFixed(1)}× |`
].join('\n')
const processTable = [
  '| whole process | wall, mean | wall, standard deviation | wall, fastest | CPU (user + sys), mean | runs |',
  '| --- | --- | --- | --- | --- | --- |',
  row('`npm run gen -- --check`', npmCheck),
  row('`npm run gen` (nothing to write)', npmGen),
  row('`node scripts/gen.mjs --check` (the bundle, without npm)', bundleCheck),
  row('`node scripts/gen.mjs --check` right after a generator/ change (rebuilds the bundle)', rebuild),
  row('baseline: `node -e ""`', nodeEmpty),
  row('baseline: `npm run` of a no-op', npmEmpty),
  row('before: `tsx generator/cli.ts --check`', tsxCheck)
].join('\n')

const doc = `<!-- Written by bench/gen.bench.ts (npm run bench gen). -->
# Generator benchmark

Input: ${files.length} IDL files, ${lines} lines; output: ${outputs.size} files, ${(bytes / 1024).toFixed(0)} KiB.
Machine: ${cpus().length} cores; load average ${loadAtStart.toFixed(2)} at the start of the run and ${loadavg()[0].toFixed(2)} at the end (the machine is shared; ratios against
the same-run baselines are the comparable figures).

${table}

Target: \`npm run gen\` and \`npm run gen -- --check\` under one second as whole processes. \`npm run gen\` runs
\`scripts/gen.mjs\`, which runs the generator as one esbuild bundle (build/generator/gen.mjs) under plain node,
rebuilding it first when a file under generator/ is newer; so no TypeScript loader starts.

${processTable}

Wall times include whatever else the machine was running (load average above); the CPU column is the time
the process tree itself used.
`
writeFileSync(join(REPO, 'docs/gen-bench.md'), doc)
console.log(doc)
// On a machine busier than its core count the absolute figure says more about the neighbours than about us.
if (mean(npmCheck.wall) > 1000) {
  const busy = loadavg()[0] > cpus().length
  console.error(`gen bench: npm run gen -- --check took ${ms(mean(npmCheck.wall))}, over the one-second target${busy ? ' (machine overloaded; not counted as a failure)' : ''}`)
  if (!busy) process.exitCode = 1
}
