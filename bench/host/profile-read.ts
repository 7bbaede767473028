// A one-off profile of where reading through IPC spends CPU (not part of npm run bench): runs our host under
// `perf record` (children included) on a page that reads a 10 MB file with readFile N times, then prints the
// share of samples per process and per library. Usage: tsx bench/host/profile-read.ts [N]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hostBinary, makeApp, startXvfb } from '../../test/host/helpers.ts'

const reads = Number(process.argv[2] ?? 20)
const page = `
console.log('ready')
const fs = await import('socket:fs/promises')
let bytes = 0
for (let i = 0; i < ${reads}; i++) bytes += (await fs.readFile('big.bin')).byteLength
console.log('read ' + bytes)
await fetch('ipc://application.exit?seq=Rx&index=0&value=0')
`
const app = makeApp({ 'index.js': page, 'index.html': '<!doctype html><body><script type="module" src="index.js"></script>', 'big.bin': new Uint8Array(10 * 1024 * 1024).fill(120) },
  { meta_bundle_identifier: 'com.example.bench', build_name: 'bench', window_width: '800', window_height: '600' })
const work = mkdtempSync(join(tmpdir(), 'profile-read-'))
const data = join(work, 'perf.data')
const x = await startXvfb()
try {
  const run = spawnSync('perf', ['record', '-F', '499', '-g', '-o', data, '--', hostBinary, `--resources=${app.dir}`],
    { env: { ...process.env, DISPLAY: x.display }, encoding: 'utf8', timeout: 300000 })
  console.log(run.stdout.split('\n').filter((l) => l.startsWith('read')).join('\n'), run.status)
  // Per thread name, per process, then per library and per symbol (threads named after WebKit's work queues).
  for (const sort of ['comm', 'pid', 'comm,dso', 'comm,sym']) {
    const report = spawnSync('perf', ['report', '-i', data, '--no-children', '--sort', sort, '--stdio', '-g', 'none', '--percent-limit', sort === 'comm,sym' ? '0.8' : '1.5'], { encoding: 'utf8', maxBuffer: 1 << 26 })
    console.log(report.stdout.split('\n').filter((l) => l.trim() && !l.startsWith('#')).join('\n'))
  }
  // Which process each thread belongs to (WebKit names threads after their work queue, in every process).
  const script = spawnSync('perf', ['script', '-i', data, '-F', 'pid,tid,comm'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  const counts = new Map<string, number>()
  const names = new Map<string, string>()
  const lines = script.stdout.split('\n').filter((l) => l.trim())
  for (const line of lines) {
    const match = /^\s*(.+?)\s+(\d+)\/(\d+)/.exec(line)
    if (!match) continue
    const [, comm, pid, tid] = match
    if (comm === pid) continue
    if (tid === pid) names.set(pid, comm)
    counts.set(`${pid}/${tid} ${comm}`, (counts.get(`${pid}/${tid} ${comm}`) ?? 0) + 1)
  }
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    console.log(`${(100 * n / lines.length).toFixed(1)}% ${key} (process ${names.get(key.split('/')[0]) ?? '?'})`)
  }
} finally {
  x.stop()
  app.remove()
  rmSync(work, { recursive: true, force: true })
}
