// Benchmarks socket:fs and socket:dgram in a webview (through the host) against node:fs and node:dgram in
// Node, the same workload on the same machine in the same run. Writes docs/modules-bench.md. Ratios are
// ours / Node (higher is slower for times, lower is slower for throughputs).
import * as nodeFs from 'node:fs'
import * as nodeDgram from 'node:dgram'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { runInWebview, webviewUnavailable } from '../test/modules/harness/webview.ts'
import { workload, type Results } from '../test/modules/cases/bench.workload.ts'

const unavailable = webviewUnavailable()
if (unavailable !== undefined && process.env.DISPLAY === undefined) {
  // Like npm test, run under a private Xvfb when there is no display.
  const rerun = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', process.execPath, '--import', 'tsx', ...process.argv.slice(1)], { stdio: 'inherit' })
  process.exit(rerun.status ?? 1)
}
if (unavailable !== undefined) {
  console.error(`modules bench: ${unavailable}`)
  process.exit(1)
}

const base = mkdtempSync(join(tmpdir(), 'socket-modules-bench-'))
try {
  const nodeDir = join(base, 'node')
  const webviewDir = join(base, 'webview')
  nodeFs.mkdirSync(nodeDir)
  nodeFs.mkdirSync(webviewDir)
  const page = join(import.meta.dirname, '..', 'test', 'modules', 'webview', 'bench.page.ts')
  const ours = (await runInWebview(page, { config: { filesystem_allow: webviewDir }, define: { BENCH_DIR: webviewDir }, timeoutMs: 180_000 })).result as Results
  const node = await workload(nodeFs, nodeDgram, nodeDir, () => new Promise((resolve) => setImmediate(resolve)))

  const rows = Object.keys(node).map((label) => {
    const ratio = ours[label] / node[label]
    const show = (n: number): string => n >= 100 ? n.toFixed(0) : n.toFixed(3)
    return `| ${label} | ${show(ours[label])} | ${show(node[label])} | ${label.endsWith('of 2000') ? '' : `${ratio.toFixed(2)}x`} |`
  })
  const table = [
    '# Benchmarks: socket:fs and socket:dgram against Node',
    '',
    `Written by \`npm run bench\` (bench/modules.bench.ts) on ${new Date().toISOString().slice(0, 10)}: the same workload`,
    'on socket:fs/socket:dgram in a webview through build/native/socket-host, and on node:fs/node:dgram in Node,',
    `in the same run. Machine: ${process.arch}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at the end.`,
    'Times are means per operation; a ratio is ours / Node (for datagrams per second, below 1 is slower).',
    '2000 datagrams of 512 bytes go from one socket to another on 127.0.0.1 in bursts of 50, for at most 20 s.',
    'Every call of ours is an `ipc://` request to the',
    'host (a blocking XHR for the sync forms); Node calls libuv in-process, so this is the price of the bridge.',
    '',
    '| measure | socket: (webview) | node: (Node) | ratio |',
    '| --- | --- | --- | --- |',
    ...rows,
    ''
  ].join('\n')
  writeFileSync(join(import.meta.dirname, '..', 'docs', 'modules-bench.md'), table)
  console.log(table)
} finally {
  rmSync(base, { recursive: true, force: true })
}
