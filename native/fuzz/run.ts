// Builds the libFuzzer harnesses into build/fuzz and runs each for a bounded time on its committed seed corpus
// (native/fuzz/corpus/<name>); new inputs go to a temporary folder, never into the repository. Prints one JSON
// line per fuzzer ({name, runs, seconds, crashed, artifact}) and exits non-zero when any of them found a crash.
// Usage: tsx native/fuzz/run.ts [--seconds=10] [--only=json,utf8] [--build-only]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const fuzzers = ['message', 'json', 'percent', 'utf8', 'dispatch']
const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')
const build = join(repo, 'build', 'fuzz')

export interface FuzzResult { name: string, runs: number, seconds: number, crashed: boolean, artifact?: string, log: string }

function option (name: string, fallback: string): string {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`))
  return found ? found.slice(name.length + 3) : fallback
}

export function buildFuzzers (): void {
  mkdirSync(build, { recursive: true })
  const stubs = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'stubs.ts'), join(build, 'stubs.cc')], { stdio: 'inherit', cwd: repo })
  if (stubs.status !== 0) throw new Error('fuzz: writing the stand-in services failed')
  if (!existsSync(join(build, 'CMakeCache.txt'))) {
    const generator = spawnSync('sh', ['-c', 'command -v ninja'], { encoding: 'utf8' }).status === 0 ? ['-G', 'Ninja'] : []
    const configured = spawnSync('cmake', ['-S', here, '-B', build, ...generator, '-DCMAKE_CXX_COMPILER=clang++'], { encoding: 'utf8' })
    if (configured.status !== 0) throw new Error(`fuzz: cmake configure failed\n${configured.stdout}${configured.stderr}`)
  }
  const built = spawnSync('cmake', ['--build', build, '--parallel', '2'], { encoding: 'utf8' })
  if (built.status !== 0) throw new Error(`fuzz: build failed\n${built.stdout}${built.stderr}`)
}

export function runFuzzer (name: string, seconds: number): FuzzResult {
  const fresh = mkdtempSync(join(tmpdir(), `socket-fuzz-${name}-`))
  const corpus = join(here, 'corpus', name)
  try {
    const run = spawnSync(join(build, `fuzz_${name}`), [
      `-max_total_time=${seconds}`, '-timeout=10', '-rss_limit_mb=2048', '-max_len=4096', '-print_final_stats=1',
      `-artifact_prefix=${fresh}/`, fresh, corpus
    ], { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', UBSAN_OPTIONS: 'print_stacktrace=1' }, timeout: (seconds + 60) * 1000 })
    const log = `${run.stdout}${run.stderr}`
    const runs = Number(/stat::number_of_executed_units:\s*(\d+)/.exec(log)?.[1] ?? /Done (\d+) runs/.exec(log)?.[1] ?? 0)
    const artifact = readdirSync(fresh).find((file) => /^(crash|leak|timeout|oom)-/.test(file))
    return { name, runs, seconds, crashed: run.status !== 0 || artifact !== undefined, artifact: artifact && join(fresh, artifact), log }
  } finally {
    // A crash's input is kept for whoever reads the log; otherwise nothing is left behind.
    if (!readdirSync(fresh).some((file) => /^(crash|leak|timeout|oom)-/.test(file))) rmSync(fresh, { recursive: true, force: true })
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildFuzzers()
  if (process.argv.includes('--build-only')) process.exit(0)
  const only = option('only', fuzzers.join(',')).split(',')
  const seconds = Number(option('seconds', '10'))
  let failed = false
  for (const name of fuzzers.filter((fuzzer) => only.includes(fuzzer))) {
    const result = runFuzzer(name, seconds)
    if (result.crashed) {
      failed = true
      console.error(result.log.split('\n').slice(-60).join('\n'))
    }
    const { log, ...summary } = result
    console.log(JSON.stringify(summary))
  }
  process.exit(failed ? 1 : 0)
}
