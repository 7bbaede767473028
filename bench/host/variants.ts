// A one-off helper for tracing startup and memory: cold-starts our host on the baseline page with several
// socket.ini variants, interleaved, and prints median ready time and peak RSS per variant (not part of npm run bench).
// Usage: tsx bench/host/variants.ts RUNS 'name:key=value,key=value' ...
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadavg } from 'node:os'
import { hostBinary, makeApp, repo, startXvfb } from '../../test/host/helpers.ts'
import { measure, median, spread } from './measure.ts'

const [runsArg, ...specs] = process.argv.slice(2)
const page = join(repo, '..', 'shared', 'baseline', 'page')
const variants = specs.map((spec) => {
  const [name, pairs = ''] = spec.split(':')
  const config = Object.fromEntries(pairs.split(',').filter(Boolean).map((pair) => pair.split('=')))
  const app = makeApp({ 'index.html': readFileSync(join(page, 'index.html'), 'utf8'), 'index.js': "console.log('ready')\nawait fetch('ipc://application.exit?seq=Rx&index=0&value=0')\n" },
    { meta_bundle_identifier: 'com.example.bench', build_name: 'bench', ...config })
  return { name, app, samples: [] as Array<{ readyMs: number, peakRssKb: number }> }
})
const x = await startXvfb()
try {
  for (const v of variants) await measure(hostBinary, [`--resources=${v.app.dir}`], x.display)
  for (let i = 0; i < Number(runsArg); i++) {
    for (const v of variants) v.samples.push(await measure(hostBinary, [`--resources=${v.app.dir}`], x.display))
  }
} finally {
  x.stop()
  for (const v of variants) v.app.remove()
}
for (const v of variants) {
  const ready = v.samples.map((s) => s.readyMs)
  const rss = v.samples.map((s) => s.peakRssKb / 1024)
  console.log(`${v.name}: ready ${median(ready).toFixed(0)} ms (${spread(ready)}), peak RSS ${median(rss).toFixed(0)} MB (${spread(rss)})`)
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
