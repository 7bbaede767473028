// Serving one large app file over socket://: how long the page's fetch takes, and the host process's peak
// resident memory (VmHWM) afterwards, against an idle run that fetches nothing. Usage:
//   npx tsx bench/host/serve-file.ts [MiB=64] [runs=3]     (SOCKET_HOST_BINARY=… for another build)
// Under Xvfb (xvfb-run -a). Prints one line per run and mean ± standard deviation.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadavg } from 'node:os'
import { hostBinary, makeApp, reports, runHost, testPage } from '../../test/host/helpers.ts'

const mib = Number(process.argv[2] ?? 64)
const runs = Number(process.argv[3] ?? 3)

function peakMiB (pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:')) ?? ''
  return Math.round(Number(line.replace(/\D+/g, '')) / 1024)
}

async function once (fetchFile: boolean): Promise<{ ms: number, peak: number }> {
  const app = makeApp({
    'main.js': testPage(`
      const started = performance.now()
      let length = 0
      if (${fetchFile}) length = (await (await fetch('socket://com.example.hosttest/big.bin')).arrayBuffer()).byteLength
      report('fetched', { ms: Math.round(performance.now() - started), length })
      console.log('MARK peak')
      await sleep(200)
    `)
  }, {}, { runtime: false })
  writeFileSync(join(app.dir, 'big.bin'), Buffer.alloc(mib * 1024 * 1024, 7))
  let peak = 0
  try {
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      timeoutMs: 300000,
      onLine: (line, child) => { if (line === 'MARK peak') peak = peakMiB(child.pid!) }
    })
    if (run.code !== 0) throw new Error(run.stderr)
    const fetched = reports(run).fetched as { ms: number, length: number }
    if (fetchFile && fetched.length !== mib * 1024 * 1024) throw new Error(`got ${fetched.length} bytes`)
    return { ms: fetched.ms, peak }
  } finally {
    app.remove()
  }
}

const stats = (values: number[]): string => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1))
  return `${mean.toFixed(0)} ± ${sd.toFixed(0)}`
}

console.log(`host ${hostBinary}; ${mib} MiB file; ${runs} runs; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
const idle: number[] = []
const ms: number[] = []
const peak: number[] = []
for (let i = 0; i < runs; i++) {
  const base = await once(false)
  const big = await once(true)
  idle.push(base.peak)
  ms.push(big.ms)
  peak.push(big.peak)
  console.log(`run ${i + 1}: fetch ${big.ms} ms, peak ${big.peak} MiB (idle run: ${base.peak} MiB)`)
}
console.log(`fetch ms ${stats(ms)}; peak MiB ${stats(peak)}; idle peak MiB ${stats(idle)}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
