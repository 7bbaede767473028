// The host benchmarks are not timed tests: this only checks that their code runs end to end on a tiny input
// (one cold start, a 1 MB read, an 8 MB frame-gap read) and writes a complete table. wry is measured only if it
// is already built (npm run bench builds it).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repo } from '../host/helpers.ts'

function runBench (file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tiny-'))
  const out = join(dir, 'table.md')
  try {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'bench', file)], {
      cwd: repo, encoding: 'utf8', timeout: 240000, env: { ...process.env, BENCH_TINY: '1', BENCH_OUT: out }
    })
    assert.equal(result.status, 0, `${file} failed: ${result.stderr.slice(-2000)}`)
    return readFileSync(out, 'utf8')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('bench/host.bench.ts runs on a tiny input and writes its table with bare-host beside ours', { timeout: 300000 }, () => {
  const table = runBench('host.bench.ts')
  assert.match(table, /\| measure \| ours \| bare-host/)
  assert.match(table, /\| IPC round trip \| bare-host \| \d+\.\d\dx \| at most 1\.0x \| (met|\*\*missed\*\*) \|/)
  assert.match(table, /\| read 1 MB through IPC, median of 1 runs \| \d+ MB\/s \| \d+ MB\/s/)
})

test('bench/frame-gap.bench.ts runs on a tiny input and reports the longest frame gap', { timeout: 300000 }, () => {
  const table = runBench('frame-gap.bench.ts')
  assert.match(table, /\| longest frame gap during the read \| \d+ ms \(\d+-\d+\) \|/)
  assert.match(table, /reads 8 MB from one file/)
})
