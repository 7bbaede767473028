// `npm run sim -- --jobs N --seeds ...` runs in child processes and writes the same results as one process.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const scenario = {
  name: 'tiny', seed: 5, durationMs: 20_000, peers: 8, introducers: 1, protocols: ['flooding', 'peer'],
  nat: { open: 0.5, 'port-restricted': 0.5 },
  publish: [{ atMs: 8000, count: 2, intervalMs: 2000, from: 'subscriber', bytes: 64 }],
  sampleEveryMs: 5000
}

function sim (args: string[]): { status: number | null, stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'sim/cli.ts', ...args], { encoding: 'utf8' })
  return { status: run.status, stderr: run.stderr }
}

/** A result file without the fields that measure the machine rather than the simulation. */
function results (file: string): unknown {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { results: Array<Record<string, unknown>> }
  for (const r of data.results) { delete r.wallMs; delete r.cpuMs; delete r.speedup }
  return data
}

test('--jobs 2 --seeds 1,2 writes one output per seed, identical to a run in one process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-jobs-'))
  try {
    const file = join(dir, 'tiny.json')
    writeFileSync(file, JSON.stringify(scenario))
    const parallel = sim([file, '--seeds', '1,2', '--jobs', '2', '--out', join(dir, 'parallel')])
    assert.equal(parallel.status, 0, parallel.stderr)
    const serial = sim([file, '--seeds', '1,2', '--out', join(dir, 'serial'), '--quiet'])
    assert.equal(serial.status, 0, serial.stderr)
    assert.deepEqual(readdirSync(join(dir, 'parallel')).sort(), readdirSync(join(dir, 'serial')).sort())
    for (const name of ['tiny-seed1.json', 'tiny-seed2.json']) {
      const got = results(join(dir, 'parallel', name)) as { results: Array<{ protocol: string, seed: number }> }
      assert.deepEqual(got.results.map((r) => r.protocol), ['flooding', 'peer'], 'results in protocol order')
      assert.deepEqual(got, results(join(dir, 'serial', name)))
    }
    assert.notDeepEqual(results(join(dir, 'parallel', 'tiny-seed1.json')), results(join(dir, 'parallel', 'tiny-seed2.json')))
    // Every line a child printed carries its run's label.
    const lines = parallel.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('wrote '))
    assert.ok(lines.length >= 4)
    for (const line of lines) assert.match(line, /^\[tiny-seed[12]\/(flooding|peer)\] /)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('bad --jobs and --seeds values are refused with exit code 2', () => {
  assert.equal(sim(['smoke', '--jobs', '0']).status, 2)
  assert.equal(sim(['smoke', '--seeds', '1,,2']).status, 2)
  assert.equal(sim(['smoke', '--seed', '1', '--seeds', '2']).status, 2)
})
