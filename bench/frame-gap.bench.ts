// Does a large read freeze the window? Our host opens a page that animates (requestAnimationFrame) while it reads
// a big file through socket:fs/promises, and reports the longest gap between two frames during the read, against
// the longest gap while idle in the same run. Writes docs/frame-gap-bench.md.
//
// BENCH_RUNS=N runs (default 3). BENCH_TINY=1: one run, an 8 MB file, table to BENCH_OUT (npm test checks the code).
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { hostBinary, makeApp, repo, startXvfb } from '../test/host/helpers.ts'
import { cpuCount, measure, median, spread } from './host/measure.ts'

const tiny = process.env.BENCH_TINY === '1'
const runs = tiny ? 1 : Number(process.env.BENCH_RUNS ?? 3)
const megabytes = tiny ? 8 : 100
const output = process.env.BENCH_OUT ?? join(repo, 'docs', 'frame-gap-bench.md')

const page = `
console.log('ready')
const gaps = []
let last = performance.now()
let recording = true
function frame (now) {
  gaps.push(now - last)
  last = now
  if (recording) requestAnimationFrame(frame)
}
requestAnimationFrame(frame)
const box = document.createElement('div')
box.style.cssText = 'width:40px;height:40px;background:#36c;animation:spin 1s linear infinite'
document.head.insertAdjacentHTML('beforeend', '<style>@keyframes spin{to{transform:rotate(360deg)}}</style>')
document.body.append(box)
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
await settle(1000)
gaps.length = 0
await settle(1000)
const idle = Math.max(...gaps)
const idleFrames = gaps.length
gaps.length = 0
const fs = await import('socket:fs/promises')
const start = performance.now()
const bytes = (await fs.readFile('big.bin')).byteLength
const ms = performance.now() - start
await settle(50)
recording = false
const sorted = [...gaps].sort((a, b) => a - b)
const report = { bytes, ms, idleLongest: idle, idleFrames, longest: sorted[sorted.length - 1] ?? ms, frames: gaps.length, p99: sorted[Math.floor(sorted.length * 0.99)] ?? ms }
console.log('report ' + JSON.stringify(report))
await fetch('ipc://application.exit?seq=Rx&index=0&value=0')
`

async function main (): Promise<void> {
  const app = makeApp({
    'index.html': '<!doctype html><meta charset="utf-8"><title>frame gaps</title><body><script type="module" src="index.js"></script></body>',
    'index.js': page, 'big.bin': new Uint8Array(megabytes * 1024 * 1024).fill(7) },
    { meta_bundle_identifier: 'com.example.framegap', build_name: 'framegap' })
  const x = await startXvfb()
  const reports: any[] = []
  try {
    for (let i = 0; i < runs; i++) {
      const sample = await measure(hostBinary, [`--resources=${app.dir}`], x.display)
      reports.push(sample.report)
    }
  } finally {
    x.stop()
    app.remove()
  }
  const longest = reports.map((r) => r.longest)
  const idle = reports.map((r) => r.idleLongest)
  const lines = [
    '# Frame gaps while reading a large file',
    '',
    `Written by \`npm run bench\` (bench/frame-gap.bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${runs} runs of our host`,
    `under Xvfb; each page animates with requestAnimationFrame and a CSS animation, then reads ${megabytes} MB from one file with`,
    '`socket:fs/promises` `readFile` (default settings). A frame gap is the time between two animation frames.',
    `Machine: ${process.arch}, ${cpuCount()} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`,
    '',
    '| measure | median | spread over runs | target |',
    '| --- | --- | --- | --- |',
    `| longest frame gap during the read | ${median(longest).toFixed(0)} ms | ${spread(longest)} ms | under 20 ms |`,
    `| longest frame gap while idle (same runs) | ${median(idle).toFixed(0)} ms | ${spread(idle)} ms | |`,
    `| read time | ${median(reports.map((r) => r.ms)).toFixed(0)} ms | ${spread(reports.map((r) => r.ms))} ms | |`,
    `| frames drawn during the read | ${median(reports.map((r) => r.frames))} | ${spread(reports.map((r) => r.frames))} | |`,
    '',
    `Raw reports: ${reports.map((r) => JSON.stringify(r)).join('; ')}`,
    ''
  ]
  writeFileSync(output, lines.join('\n'))
  console.log(lines.join('\n'))
}

await main()
