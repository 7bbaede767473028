// Traces startup and memory: cold-starts our host on the baseline page with several socket.ini (and environment)
// variants, and bare-host and wry on the same page, interleaved; prints per variant the median ready time, peak
// RSS (total and per process: host, web, network), optionally RSS and PSS per process once the page has settled,
// and, for our host run with SOCKET_TRACE_STARTUP=1, the median time of each traced startup phase.
// Not part of npm run bench. Usage:
//   tsx bench/host/variants.ts RUNS SPEC...
//   SPEC: bare-host | wry | NAME:key=value,key=value,$ENV=value   (keys are socket.ini keys, flattened)
//   BENCH_SETTLE_MS=N: pages stay open N + 500 ms after "ready"; RSS and PSS per process are read N ms after it.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadavg, tmpdir } from 'node:os'
import { hostBinary, makeApp, repo, startXvfb } from '../../test/host/helpers.ts'
import { measure, median, roles, spread, type Sample } from './measure.ts'
import { buildBare, wryBinary } from './peers.ts'
import { parseTrace } from './trace.ts'

const [runsArg, ...specs] = process.argv.slice(2)
const settleMs = process.env.BENCH_SETTLE_MS ? Number(process.env.BENCH_SETTLE_MS) : undefined
const holdMs = settleMs === undefined ? 0 : settleMs + 500
const page = join(repo, '..', 'shared', 'baseline', 'page')
const work = mkdtempSync(join(tmpdir(), 'socket-variants-'))

interface Variant { name: string, binary: string, args: string[], env: Record<string, string>, samples: Sample[], remove?: () => void }

// The peers' page, held open after "ready" when settled memory is read.
function peerPage (): string {
  const dir = join(work, 'peer-page')
  cpSync(page, dir, { recursive: true })
  const script = readFileSync(join(dir, 'index.js'), 'utf8')
  writeFileSync(join(dir, 'index.js'), script.replace("await fetch('ipc://ready')", `await fetch('ipc://ready')\nawait new Promise((resolve) => setTimeout(resolve, ${holdMs}))`))
  return dir
}

const variants: Variant[] = specs.map((spec) => {
  if (spec === 'bare-host') return { name: spec, binary: buildBare(work).binary, args: [peerPage()], env: {}, samples: [] }
  if (spec === 'wry') {
    if (!existsSync(wryBinary)) throw new Error(`${wryBinary} is not built (npm run bench builds it)`)
    return { name: spec, binary: wryBinary, args: [peerPage()], env: {}, samples: [] }
  }
  const [name, pairs = ''] = spec.split(':')
  const items = pairs.split(',').filter(Boolean).map((pair) => pair.split('='))
  const config = Object.fromEntries(items.filter(([key]) => !key.startsWith('$')))
  const env = Object.fromEntries(items.filter(([key]) => key.startsWith('$')).map(([key, value]) => [key.slice(1), value]))
  const script = `console.log('ready')\nawait new Promise((resolve) => setTimeout(resolve, ${holdMs}))\nawait fetch('ipc://application.exit?seq=Rx&index=0&value=0')\n`
  const app = makeApp({ 'index.html': readFileSync(join(page, 'index.html'), 'utf8'), 'index.js': script },
    { meta_bundle_identifier: 'com.example.bench', build_name: 'bench', ...config })
  return { name, binary: hostBinary, args: [`--resources=${app.dir}`], env, samples: [], remove: app.remove }
})
const x = await startXvfb()
const startLoad = loadavg()
try {
  const run = (v: Variant): Promise<Sample> => measure(v.binary, v.args, x.display, { env: v.env, settleMs })
  for (const v of variants) await run(v)  // one warm-up each
  for (let i = 0; i < Number(runsArg); i++) for (const v of variants) v.samples.push(await run(v))
} finally {
  x.stop()
  for (const v of variants) v.remove?.()
  rmSync(work, { recursive: true, force: true })
}
const mb = (kb: number): number => kb / 1024
const line = (values: number[]): string => `${median(values).toFixed(0)} (${spread(values)})`
for (const v of variants) {
  const s = v.samples
  console.log(`${v.name}: ready ${line(s.map((x) => x.readyMs))} ms, peak RSS ${line(s.map((x) => mb(x.peakRssKb)))} MB`)
  console.log(`  peak RSS per process, MB: ${roles.map((r) => `${r} ${line(s.map((x) => mb(x.peakRssKbByRole[r])))}`).join(', ')}`)
  console.log(`  first seen, ms after spawn: ${(['web', 'network'] as const).map((r) => `${r} ${line(s.map((x) => x.firstSeenMs[r] ?? NaN))}`).join(', ')}`)
  if (settleMs !== undefined) {
    for (const kind of ['rssKb', 'pssKb'] as const) {
      console.log(`  ${kind === 'rssKb' ? 'RSS' : 'PSS'} ${settleMs} ms after ready, MB: ${roles.map((r) => `${r} ${line(s.map((x) => mb(x.settled![kind][r])))}`).join(', ')}`)
    }
  }
  const traces = s.map((x) => parseTrace(x.stderr))
  if (traces[0].length > 0) {
    console.log('  startup phases (SOCKET_TRACE_STARTUP=1), ms since main(), median (spread):')
    for (const { phase } of traces[0]) {
      const times = traces.map((t) => t.find((p) => p.phase === phase)?.ms).filter((ms): ms is number => ms !== undefined)
      console.log(`    ${line(times).padStart(16)}  ${phase}`)
    }
  }
}
console.log(`load average ${startLoad.map((l) => l.toFixed(1)).join(' ')} at the start, ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`)
