// Does a large read freeze the window? Our host opens a page that animates (requestAnimationFrame) while it reads
// a big file through socket:fs/promises, and reports the longest gap between two frames during the read, against
// the longest gap while idle in the same run. Writes docs/frame-gap-bench.md.
//
// BENCH_RUNS=N runs (default 3); BENCH_BASELINE_REPO=DIR adds another checkout's host as a column; with the fast
// read's extension built, the same host with it switched off is a column too. BENCH_TINY=1: one run, an 8 MB file, table to BENCH_OUT (npm test checks the code).
import { spawnSync } from 'node:child_process'
import { existsSync, symlinkSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { hostBinary, makeApp, repo, runtimeDir, startXvfb } from '../test/host/helpers.ts'
import { cpuCount, measure, median, spread } from './host/measure.ts'

const tiny = process.env.BENCH_TINY === '1'
const runs = tiny ? 1 : Number(process.env.BENCH_RUNS ?? 3)
// BENCH_MEGABYTES=N reads an N MB file instead of 100 MB.
const megabytes = tiny ? 8 : Number(process.env.BENCH_MEGABYTES ?? 100)
const output = process.env.BENCH_OUT ?? join(repo, 'docs', 'frame-gap-bench.md')
const loadAtStart = loadavg()

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
// Each phase runs alone while the page animates; the longest gap of each tells where a stall comes from.
const phase = async (work) => {
  await settle(300)
  gaps.length = 0
  const start = performance.now()
  const result = await work()
  const ms = performance.now() - start
  await settle(50)
  const sorted = [...gaps].sort((a, b) => a - b)
  return { ms, result, longest: sorted[sorted.length - 1] ?? ms, frames: gaps.length, p99: sorted[Math.floor(sorted.length * 0.99)] ?? ms }
}
const MiB = 1024 * 1024
const size = ${megabytes} * MiB
// 1. What apps call: socket:fs/promises readFile.
const fs = await import('socket:fs/promises')
const read = await phase(async () => (await fs.readFile('big.bin')).byteLength)
// 2. Only the host and WebKit: the same 1 MiB fs.read calls through the raw routes, each reply dropped.
const raw = await phase(async () => {
  const opened = await (await fetch('ipc://fs.open?seq=Fo&index=0&id=91&path=big.bin&flags=0&mode=438')).json()
  if (opened.err) throw new Error(JSON.stringify(opened.err))
  let bytes = 0
  for (let at = 0; at < size; at += MiB) {
    bytes += (await (await fetch('ipc://fs.read?seq=Fr' + at + '&index=0&id=91&size=' + MiB + '&offset=' + at)).arrayBuffer()).byteLength
  }
  await fetch('ipc://fs.close?seq=Fc&index=0&id=91')
  return bytes
})
// 3. Only the page: joining ${megabytes} chunks of 1 MiB into one buffer, as a whole-file read must at its end.
const { Buffer } = await import('socket:buffer')
const chunk = new Uint8Array(MiB).fill(7)
const join = await phase(async () => Buffer.concat(Array.from({ length: ${megabytes} }, () => chunk), size).byteLength)
// 4. Only the page: allocating one buffer of the whole size (what readFile does first, before any read).
const alloc = await phase(async () => new Uint8Array(size).byteLength)
const report = { bytes: read.result, ms: read.ms, idleLongest: idle, idleFrames, longest: read.longest, frames: read.frames, p99: read.p99,
  raw: { bytes: raw.result, ms: raw.ms, longest: raw.longest }, join: { ms: join.ms, longest: join.longest }, alloc: { ms: alloc.ms, longest: alloc.longest } }
recording = false
console.log('report ' + JSON.stringify(report))
await fetch('ipc://application.exit?seq=Rx&index=0&value=0')
`

// A host to compare with, measured in the same run: BENCH_BASELINE_REPO names another checkout whose host and
// runtime are built (e.g. the previous release), so "before" and "after" come from interleaved runs.
// When the fast read's web-process extension is built, the same host also runs with it switched off
// (SOCKET_HOST_FAST_READ=0: readFile through the bridge and ipc:// as before), interleaved.
interface Subject { name: string, binary: string, runtime: string, env?: NodeJS.ProcessEnv }

function subjects (): Subject[] {
  const ours: Subject = { name: 'this checkout', binary: hostBinary, runtime: runtimeDir }
  const off: Subject[] = !tiny && existsSync(join(dirname(hostBinary), 'socket-webext', 'libsocket-fast-read.so'))
    ? [{ name: 'this checkout, fast read off', binary: hostBinary, runtime: runtimeDir, env: { SOCKET_HOST_FAST_READ: '0' } }]
    : []
  const other = process.env.BENCH_BASELINE_REPO
  if (!other) return [...off, ours]
  const rev = spawnSync('git', ['-C', other, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim()
  return [{ name: `baseline ${rev}`, binary: join(other, 'build', 'native', 'socket-host'), runtime: join(other, 'build', 'runtime', 'socket') }, ...off, ours]
}

const fastReadNote = [
  '"this checkout" reads through the host\'s web-process extension (the fast file read, docs/host.md): the file is',
  'handed to the web process as a read-only descriptor and read there on a worker thread into the page\'s buffer, so',
  'no byte goes through WebKit\'s resource loading. "fast read off" is the same binary and page with',
  '`SOCKET_HOST_FAST_READ=0`: `readFile` through the bridge and `ipc://` in 1 MiB calls, as before. The rows about raw',
  '`fs.read` calls, joining and allocating run the same code in both columns, so their difference is this machine\'s',
  'noise, as is the idle row. docs/benchmarks.md (*Frame gaps while reading*) says what is left of the gaps and how',
  'they compare with the 20 ms target.',
  ''
]

async function main (): Promise<void> {
  const hosts = subjects()
  const apps = hosts.map((host) => {
    const app = makeApp({
      'index.html': '<!doctype html><meta charset="utf-8"><title>frame gaps</title><body><script type="module" src="index.js"></script></body>',
      'index.js': page,
      'big.bin': new Uint8Array(megabytes * 1024 * 1024).fill(7)
    }, { meta_bundle_identifier: 'com.example.framegap', build_name: 'framegap' }, { runtime: false })
    symlinkSync(host.runtime, join(app.dir, 'socket'))
    return app
  })
  const x = await startXvfb()
  const reports: any[][] = hosts.map(() => [])
  try {
    for (let i = 0; i < runs; i++) {
      for (const [k, host] of hosts.entries()) {
        const report = (await measure(host.binary, [`--resources=${apps[k].dir}`], x.display, undefined, host.env)).report
        reports[k].push({ ...report, load1: Number(loadavg()[0].toFixed(1)) })
      }
    }
  } finally {
    x.stop()
    for (const app of apps) app.remove()
  }
  const row = (label: string, pick: (r: any) => number, unit: string, target = ''): string =>
    `| ${label} | ${reports.map((list) => `${median(list.map(pick)).toFixed(0)}${unit} (${spread(list.map(pick))})`).join(' | ')} | ${target} |`
  const lines = [
    '# Frame gaps while reading a large file',
    '',
    `Written by \`npm run bench\` (bench/frame-gap.bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${runs} interleaved runs of each host`,
    `under Xvfb; each page animates with requestAnimationFrame and a CSS animation, then reads ${megabytes} MB from one file with`,
    '`socket:fs/promises` `readFile` (default settings). A frame gap is the time between two animation frames.',
    'Each cell is the median over the runs, with the smallest and largest in brackets.',
    `Machine: ${process.arch}, ${cpuCount()} CPUs, load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start and ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
    '(each raw report below ends with `load1`, the one-minute load average when that run ended).',
    '',
    `| measure | ${hosts.map((h) => h.name).join(' | ')} | target |`,
    `| --- | ${hosts.map(() => '---').join(' | ')} | --- |`,
    row('longest frame gap during the read', (r) => r.longest, ' ms', 'under 20 ms'),
    row('longest frame gap while idle (same runs)', (r) => r.idleLongest, ' ms'),
    row('read time', (r) => r.ms, ' ms'),
    row('frames drawn during the read', (r) => r.frames, ''),
    row('longest gap, the same 1 MiB reads through the raw fs.read route, replies dropped', (r) => r.raw.longest, ' ms'),
    row('longest gap, only joining 1 MiB chunks into one buffer in the page (no IPC)', (r) => r.join.longest, ' ms'),
    row('time to join them', (r) => r.join.ms, ' ms'),
    row('longest gap, only allocating one buffer of the whole size in the page', (r) => r.alloc.longest, ' ms'),
    '',
    ...(hosts.some((h) => h.env?.SOCKET_HOST_FAST_READ === '0') ? fastReadNote : []),
    ...hosts.map((h, k) => `Raw reports, ${h.name}: ${reports[k].map((r) => JSON.stringify(r)).join('; ')}`),
    ''
  ]
  writeFileSync(output, lines.join('\n'))
  console.log(lines.join('\n'))
}

await main()
