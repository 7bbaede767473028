// `ssc`'s own costs, each against a baseline measured in the same run: launcher start-up vs bare Node, a full
// build vs copying the same files with cp, a test run through ssc vs the built app started directly, and the
// package's size. Writes docs/cli-bench.md.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const REPO = resolve(import.meta.dirname, '..')
const SSC = join(REPO, 'cli', 'bin', 'ssc.js')
const RUNS = 3
const work = mkdtempSync(join(tmpdir(), 'ssc-bench-'))
const env = { ...process.env, HOME: work }

function time (command: string, args: string[], options: { cwd?: string } = {}): number {
  const started = performance.now()
  const result = spawnSync(command, args, { cwd: options.cwd ?? work, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const elapsed = performance.now() - started
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.toString()}`)
  return elapsed
}

function median (sample: () => number): number {
  const values = Array.from({ length: RUNS }, sample).sort((a, b) => a - b)
  return values[Math.floor(values.length / 2)]
}

const ssc = (...args: string[]): number => time(process.execPath, [SSC, ...args])
const rows: Array<[string, number, string, number]> = []

try {
  const app = join(work, 'bench-app')
  ssc('init', '-q', app)
  ssc('build', '-q', app)
  const root = spawnSync(process.execPath, [SSC, 'print-build-dir', '--root', app], { env, encoding: 'utf8' }).stdout.trim()
  const resources = join(root, 'opt', 'bench-app-dev')

  rows.push(['`ssc --version` (launcher + tsx)', median(() => ssc('--version')), '`node -e 0`', median(() => time(process.execPath, ['-e', '0']))])

  const copyTarget = join(work, 'copy')
  const baselineCopy = (): number => {
    rmSync(copyTarget, { recursive: true, force: true })
    return time('sh', ['-c', `mkdir -p "${copyTarget}" && cp -r "${join(app, 'src')}/." "${join(REPO, 'build', 'runtime', 'socket')}" "${join(REPO, 'build', 'native', 'socket-host')}" "${copyTarget}/"`])
  }
  rows.push(['`ssc build` (full layout)', median(() => ssc('build', '-q', app)), '`cp -r` of the same files', median(baselineCopy)])
  rows.push(['`ssc build -o` (user step only)', median(() => ssc('build', '-q', '-o', app)), '`cp -r` of the same files', median(baselineCopy)])

  writeFileSync(join(app, 'test', 'empty.js'), "import { test } from 'socket:test'\ntest('nothing', (t) => t.pass())\n")
  ssc('build', '-q', '-o', '--headless', '--test=test/empty.js', '-r', app)
  const direct = (): number => time(join(resources, 'bench-app-dev'), ['--headless', '--test=test/empty.js'])
  rows.push(['`ssc build -r -o --headless --test` (one test)', median(() => ssc('build', '-q', '-o', '-r', '--headless', '--test=test/empty.js', app)),
    'the built app run directly with the same flags', median(direct)])

  const packTime = median(() => ssc('build', '-q', '-p', '--prod', app))
  const deb = spawnSync(process.execPath, [SSC, 'print-build-dir', '--prod', '--root', app], { env, encoding: 'utf8' }).stdout.trim() + '.deb'
  const debKiB = statSync(deb).size / 1024
  rows.push(['`ssc build -p --prod` (.deb)', packTime, '`ssc build --prod` (no package)', median(() => ssc('build', '-q', '--prod', app))])

  const table = [
    '# `ssc` benchmark',
    '',
    `Written by \`bench/cli.bench.ts\` (\`npm run bench -- cli\`) on ${new Date().toISOString().slice(0, 10)}, ${process.platform}/${process.arch}, Node ${process.version}.`,
    `Median of ${RUNS} runs each; the baseline is measured in the same run. The seed app of \`ssc init\`.`,
    `Load average at the end of the run: ${loadavg()[0].toFixed(1)} (on ${(await import('node:os')).cpus().length} CPUs); absolute times scale with it, ratios less so.`,
    '',
    '| measured | ms | baseline | ms | ratio |',
    '| --- | ---: | --- | ---: | ---: |',
    ...rows.map(([what, ms, base, baseMs]) => `| ${what} | ${ms.toFixed(0)} | ${base} | ${baseMs.toFixed(0)} | ${(ms / baseMs).toFixed(2)}× |`),
    '',
    `The seed app's \`.deb\` is ${debKiB.toFixed(0)} KiB (host, runtime JS and the app's files, xz-compressed by dpkg-deb).`,
    '',
    'Most of `ssc`\'s fixed cost is starting Node with the tsx loader (first row); the test run\'s overhead over',
    'the app itself includes the harness\'s 500 ms start and 1024 ms exit delays, which are the original\'s.',
    ''
  ].join('\n')
  writeFileSync(join(REPO, 'docs', 'cli-bench.md'), table)
  console.log(table)
} finally {
  rmSync(work, { recursive: true, force: true })
}
