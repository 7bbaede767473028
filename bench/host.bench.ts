// Benchmarks the Linux host against the hosts users could pick instead, all built and measured in this run under
// one private Xvfb: ../shared/baseline/bare-host (the floor) and a minimal wry app (Tauri v2's webview layer).
// Writes docs/benchmarks.md. Ratios are ours / theirs; the targets come from the issue.
//
// BENCH_RUNS=N cold starts per host (default 5). BENCH_TINY=1: one cold start, 20 round trips, a 1 MB read, no
// UDP, wry only if already built, table to BENCH_OUT (npm test runs this to check the code, not to time it).
// BENCH_TAURI=1 also builds and measures the Tauri v2 peer; BENCH_BUILD_PEERS=0 measures the peers as built.
// When the fast read's extension is built, ours also runs with it switched off (SOCKET_HOST_FAST_READ=0), interleaved.
import { readFileSync, writeFileSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { hostBinary, makeApp, repo, startXvfb } from '../test/host/helpers.ts'
import { existsSync } from 'node:fs'
import { cpuCount, measure, median, type Sample } from './host/measure.ts'
import { buildBare, buildTauri, buildWry, type Peer } from './host/peers.ts'
import { ourPage, resizeBaselinePage } from './host/our-page.ts'

const tiny = process.env.BENCH_TINY === '1'
const runs = tiny ? 1 : Number(process.env.BENCH_RUNS ?? 5)
const sizes = tiny ? { roundTrips: 20, readBytes: 1024 * 1024 } : { roundTrips: 2000, readBytes: 10 * 1024 * 1024 }
const output = process.env.BENCH_OUT ?? join(repo, 'docs', 'benchmarks.md')

// bare-host and wry open an 800x600 window; ours would open 80% of the 1280x1024 Xvfb screen (its default), a
// larger surface to draw and hold, so the app asks for the same size (written beside the results).
const ourWindow = { window_width: '800', window_height: '600' }
const loadAtStart = loadavg()
// The fast file read's web-process extension (native/linux/fast_read.hh), built beside the host.
const fastReadLibrary = join(dirname(hostBinary), 'socket-webext', 'libsocket-fast-read.so')
// BENCH_BUILD_PEERS=0 uses the peers as already built (e.g. while another cargo build holds the target dir).
const buildPeers = !tiny && process.env.BENCH_BUILD_PEERS !== '0'

interface Results { name: string, size: number, cold: Sample[], benches: Sample[] }

async function main (): Promise<void> {
  if (!existsSync(hostBinary)) throw new Error('build the host first: npm run build:native')
  const work = mkdtempSync(join(tmpdir(), 'host-bench-'))
  const bare = buildBare(work)
  const pageScript = join(bare.page, 'index.js')
  writeFileSync(pageScript, resizeBaselinePage(readFileSync(pageScript, 'utf8'), sizes))
  const wry = buildWry(bare.page, { build: buildPeers })
  const tauri = buildTauri(bare.page, { build: buildPeers })
  const peers: Peer[] = [bare, ...(wry.peer ? [wry.peer] : []), ...(tauri.peer ? [tauri.peer] : [])]
  const app = makeApp({
    'index.html': readFileSync(join(bare.page, 'index.html'), 'utf8'),
    'index.js': ourPage({ ...sizes, udp: !tiny }),
    'big.bin': new Uint8Array(sizes.readBytes).fill(120),
    'small.txt': 'x'.repeat(1024)
  }, { meta_bundle_identifier: 'com.example.bench', build_name: 'bench', ...ourWindow })
  const ours: Peer = { name: 'ours', binary: hostBinary, page: app.dir }
  // The same host with its web-process extension switched off: fs.readFile through the bridge and ipc:// as before.
  const oursOff: Peer = { name: 'ours, fast read off', binary: hostBinary, page: app.dir, env: { SOCKET_HOST_FAST_READ: '0' } }
  const variants = !tiny && existsSync(fastReadLibrary) ? [ours, oursOff] : [ours]
  const argsFor = (peer: Peer, bench: boolean, udp = false): string[] => variants.includes(peer)
    ? [`--resources=${app.dir}`, ...(bench ? ['--bench'] : []), ...(udp ? ['--udp'] : [])]
    : [peer.page, ...(bench ? ['#bench'] : [])]
  const x = await startXvfb()
  try {
    const all = [...variants, ...peers]
    const cold = new Map<Peer, Sample[]>(all.map((peer) => [peer, []]))
    // Interleaved, after one warm-up each, so that caches and machine load affect every host alike.
    for (const peer of all) await measure(peer.binary, argsFor(peer, false), x.display, undefined, peer.env)
    for (let i = 0; i < runs; i++) {
      for (const peer of all) cold.get(peer)!.push(await measure(peer.binary, argsFor(peer, false), x.display, undefined, peer.env))
    }
    // The IPC runs, interleaved likewise; our page measures UDP as well.
    const benches = new Map<Peer, Sample[]>(all.map((peer) => [peer, []]))
    for (let i = 0; i < runs; i++) {
      for (const peer of all) {
        benches.get(peer)!.push(await measure(peer.binary, argsFor(peer, true, i === 0), x.display, (line) => {
          if (line.startsWith('UDP_PORT ')) void blastUdp(Number(line.slice(9)))
        }, peer.env))
      }
    }
    // Ours ships the extension beside the host when it is built: both count in its size.
    const sizeOf = (peer: Peer): number => statSync(peer.binary).size + (peer === ours && existsSync(fastReadLibrary) ? statSync(fastReadLibrary).size : 0)
    const results: Results[] = all.map((peer) => ({ name: peer.name, size: sizeOf(peer), cold: cold.get(peer)!, benches: benches.get(peer)! }))
    writeTable(results, wry.why, tauri.why)
  } finally {
    x.stop()
    app.remove()
    rmSync(work, { recursive: true, force: true })
  }
}

interface Figures { size: number, coldMs: number, rssKb: number, roundTripMs: number, readMBs: number }

const roundTripsOf = (result: Results): number[] => result.benches.map((s) => s.report.roundTrip.mean)
const readsOf = (result: Results): number[] => result.benches.map((s) => (s.report.read ?? s.report.read10MB).mbPerSecond)

function figuresOf (result: Results): Figures {
  return {
    size: result.size,
    coldMs: median(result.cold.map((s) => s.readyMs)),
    rssKb: median(result.cold.map((s) => s.peakRssKb)),
    roundTripMs: median(roundTripsOf(result)),
    readMBs: median(readsOf(result))
  }
}

// Each target: which figure, how ours compares with whose, and the bound on the ratio.
const targets: Array<{ label: string, key: keyof Figures, against: string, atMost?: number, atLeast?: number }> = [
  { label: 'stripped binary size', key: 'size', against: 'wry', atMost: 1.0 },
  { label: 'cold start to DOMContentLoaded', key: 'coldMs', against: 'wry', atMost: 1.0 },
  { label: 'peak RSS of a cold start, host + WebKit processes', key: 'rssKb', against: 'wry', atMost: 1.0 },
  { label: 'IPC round trip', key: 'roundTripMs', against: 'wry', atMost: 0.7 },
  { label: 'IPC round trip', key: 'roundTripMs', against: 'bare-host', atMost: 1.0 },
  { label: 'read through IPC', key: 'readMBs', against: 'wry', atLeast: 1.5 },
  { label: 'read through IPC', key: 'readMBs', against: 'bare-host', atLeast: 1.0 }
]

function show (key: keyof Figures, value: number): string {
  if (key === 'size') return `${(value / 1024).toFixed(0)} KB`
  if (key === 'coldMs') return `${value.toFixed(0)} ms`
  if (key === 'rssKb') return `${(value / 1024).toFixed(0)} MB`
  if (key === 'roundTripMs') return `${value.toFixed(3)} ms`
  return `${value.toFixed(0)} MB/s`
}

function writeTable (results: Results[], wryMissing?: string, tauriMissing?: string): void {
  const figures = new Map(results.map((r) => [r.name, figuresOf(r)]))
  const ours = figures.get('ours')!
  const names = results.map((r) => r.name)
  const header = `| measure | ${names.join(' | ')} |`
  const measures: Array<[keyof Figures, string]> = [
    ['size', 'stripped binary size'],
    ['coldMs', `cold start to DOMContentLoaded, median of ${runs}`],
    ['rssKb', `peak RSS of a cold start, host + WebKit processes, median of ${runs}`],
    ['roundTripMs', `IPC round trip, mean of ${sizes.roundTrips.toLocaleString('en')} calls, median of ${runs} runs`],
    ['readMBs', `read ${sizes.readBytes / 1024 / 1024} MB through IPC, median of ${runs} runs`]
  ]
  const lines = [
    '# Benchmarks: our Linux host, bare WebKitGTK and wry (Tauri v2\'s webview layer)',
    '',
    `Written by \`npm run bench\` (bench/host.bench.ts) on ${new Date().toISOString().slice(0, 10)}. Every host was ${buildPeers ? 'built and ' : ''}run in`,
    `this run${buildPeers ? '' : ' (the cargo peers as built before it, BENCH_BUILD_PEERS=0)'} under one Xvfb: ${runs} interleaved cold starts each, then ${runs} interleaved IPC runs each (medians; every sample below).`,
    `Machine: ${process.arch}, ${cpuCount()} CPUs, load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start and ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
    '(the machine is shared: absolute times swing with its load; the ratios come from interleaved runs).',
    '',
    '- **ours**: `build/native/socket-host` (MinSizeRel), the app is the baseline\'s page with the runtime; IPC is',
    '  `socket:ipc` `send(\'os.uptime\')` for round trips (the message bridge) and `socket:fs/promises` `readFile` for the read,',
    '  which goes through the web-process extension `socket-webext/libsocket-fast-read.so` (its size is counted in ours).',
    ...(names.includes('ours, fast read off') ? ['- **ours, fast read off**: the same host and app with `SOCKET_HOST_FAST_READ=0` in its environment (no extension: `readFile` through the bridge and `ipc://` as before), interleaved with the others.'] : []),
    `  (non-default settings: socket.ini \`${Object.entries(ourWindow).map(([k, v]) => `${k} = ${v}`).join('`, `')}\`, the peers\' window size)`,
    '- **bare-host**: the smallest WebKitGTK host, kept outside this repository (`BARE_HOST_DIR` names its source folder), `c++ -O2`, stripped; `ipc://echo` and `ipc://bytes`.',
    '- **wry**: `bench/peers/wry` (wry 0.57 + tao 0.37 from crates.io, release, thin LTO, stripped); the same URIs',
    '  answered by wry custom protocols, which is how Tauri v2 carries binary IPC on Linux.',
    ...(wryMissing ? [`- wry was not measured in this run: ${wryMissing}.`] : []),
    tauriMissing
      ? `- **Tauri v2** was not measured in this run: ${tauriMissing}.`
      : '- **tauri**: `bench/peers/tauri` (the `tauri` 2 crate on its wry runtime, no tauri-cli or bundler, release, thin LTO, stripped);' +
        ' Tauri keeps `ipc://` for its commands, so its page is served with `ipc://` rewritten to `peer://`, a Tauri URI-scheme protocol answering the same URIs.',
    '- **Electron** cannot be downloaded on this machine, so it is not measured here. The only comparison the original',
    '  project published (its compare page, measured 2023-01-02 with `mprof`) gives desktop memory of about 108 MB for',
    '  Electron, 85 MB for Tauri and 55 MB for the original Socket runtime; those figures come from another machine',
    '  and another method (they count the host process, not WebKit\'s web and network processes), so they are not',
    '  comparable with the table below.',
    '',
    header,
    `| --- | ${names.map(() => '---').join(' | ')} |`,
    ...measures.map(([key, label]) => `| ${label} | ${names.map((n) => show(key, figures.get(n)![key])).join(' | ')} |`),
    '',
    '## Targets (ratios in this run)',
    '',
    '| measure | against | ratio ours/theirs | target | result |',
    '| --- | --- | --- | --- | --- |',
    ...targets.filter((t) => figures.has(t.against)).map((t) => {
      const ratio = ours[t.key] / figures.get(t.against)![t.key]
      const ok = t.atMost !== undefined ? ratio <= t.atMost : ratio >= t.atLeast!
      const bound = t.atMost !== undefined ? `at most ${t.atMost.toFixed(1)}x` : `at least ${t.atLeast!.toFixed(1)}x`
      return `| ${t.label} | ${t.against} | ${ratio.toFixed(2)}x | ${bound} | ${ok ? 'met' : '**missed**'} |`
    }),
    '',
    '## Raw samples',
    '',
    ...results.map((r) => `- ${r.name}: cold start ms ${r.cold.map((s) => s.readyMs.toFixed(0)).join(', ')};` +
      ` peak RSS MB ${r.cold.map((s) => (s.peakRssKb / 1024).toFixed(0)).join(', ')};` +
      ` round trip ms ${roundTripsOf(r).map((v) => v.toFixed(3)).join(', ')}; read MB/s ${readsOf(r).map((v) => v.toFixed(0)).join(', ')}`),
    ...extraLines(results.find((r) => r.name === 'ours')!.benches.map((s) => s.report), figures.get('bare-host')!.readMBs),
    ''
  ]
  const text = lines.join('\n') + '\n' + readFileSync(join(repo, 'bench', 'host', 'notes.md'), 'utf8')
  writeFileSync(output, text)
  console.log(text)
}

function extraLines (reports: any[], bareRead: number): string[] {
  const scheme = reports.map((r) => r.schemeRoundTrip.mean)
  const raw = reports.map((r) => r.rawRead.mbPerSecond)
  const lines = [`- ours, the same round trips through the ipc:// scheme with fetch() (no bridge): median ${median(scheme).toFixed(3)} ms (${scheme.map((v) => v.toFixed(3)).join(', ')})`,
    `- ours, the same read through the raw routes (fs.open + one fs.read + fs.close, no module): median ${median(raw).toFixed(0)} MB/s (${(median(raw) / bareRead).toFixed(2)}x bare-host)`]
  // Per run, the median of the page's three alternated reads of each path (bench/host/our-page.ts).
  const chunked = reports.map((r) => median(r.chunkedRead))
  const oneCall = reports.map((r) => median(r.oneCallRead))
  const ratios = oneCall.map((v, i) => v / chunked[i])
  lines.push(`- ours, readFile of a path (one fs.readFile call, through the web-process extension when it is built) against the chunked path (a FileHandle's readFile: open, fstat, 1 MiB fs.read calls, close), alternated 3 times in each run after the reads above: one call median ${median(oneCall).toFixed(0)} MB/s (${oneCall.map((v) => v.toFixed(0)).join(', ')}), chunked ${median(chunked).toFixed(0)} MB/s (${chunked.map((v) => v.toFixed(0)).join(', ')}); one call over chunked ${median(ratios).toFixed(2)}x (${ratios.map((v) => v.toFixed(2)).join(', ')})`)
  const smallChunked = reports.map((r) => r.smallRead.chunked)
  const smallOne = reports.map((r) => r.smallRead.oneCall)
  lines.push(`- ours, the same two paths on a 1 KB file (mean of 50 alternated reads per run): one call ${smallOne.map((v) => v.toFixed(2)).join(', ')} ms, chunked ${smallChunked.map((v) => v.toFixed(2)).join(', ')} ms`)
  const parts = (key: string): string => reports.map((r) => r.breakdown[key].toFixed(0)).join(', ')
  lines.push(`- ours, one whole-file fs.read: ${parts('headersMs')} ms until the reply's headers (the host reads the file and gives WebKit the body); ${parts('bodyMs')} ms more until the page holds the bytes (WebKit moves them to the web process); decoding them as latin1 text through a Buffer: ${parts('bufferMs')} ms`)
  const report = reports.find((r) => r.udp)
  if (report) {
    lines.push(`- UDP into the page (ours only): ${report.udp.received} of ${UDP_DATAGRAMS} 64-byte datagrams from Node delivered as \`message\` events through socket:dgram in ${report.udp.ms.toFixed(0)} ms: ${report.udp.perSecond.toFixed(0)} datagrams/s`,
      '  (loopback drops what the socket buffer cannot hold while the page is busy; the sender does not pace itself).')
  }
  return lines
}

// Sends UDP_DATAGRAMS 64-byte datagrams to the page in bursts of 100 per millisecond tick, for about a second.
const UDP_DATAGRAMS = 20000
async function blastUdp (port: number): Promise<void> {
  const { createSocket } = await import('node:dgram')
  const socket = createSocket('udp4')
  const payload = Buffer.alloc(64, 7)
  for (let sent = 0; sent < UDP_DATAGRAMS; sent += 100) {
    for (let k = 0; k < 100; k++) socket.send(payload, port, '127.0.0.1')
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  setTimeout(() => socket.close(), 500)
}

await main()
