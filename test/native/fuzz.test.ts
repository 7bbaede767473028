// The libFuzzer harnesses (native/fuzz): each runs for a bounded time (SOCKET_FUZZ_SECONDS, default 10) on its
// committed seed corpus under ASan + UBSan, and any crash, sanitizer report, leak or hang fails the test.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { buildFuzzers, fuzzers, runFuzzer } from '../../native/fuzz/run.ts'

const seconds = Number(process.env.SOCKET_FUZZ_SECONDS ?? 10)
// clang prints the runtime's full path when it has it, and the bare name back when it does not.
const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64'
const probe = spawnSync('clang++', [`-print-file-name=libclang_rt.fuzzer-${arch}.a`], { encoding: 'utf8' })
const runtime = probe.status === 0 ? probe.stdout.trim() : ''
const skip = runtime.startsWith('/') && existsSync(runtime) ? false : 'clang++ with libFuzzer is not installed (scripts/apt-packages.txt: clang, libclang-rt-14-dev)'

test('libFuzzer harnesses build and run without a finding', { skip, timeout: 20 * 60_000 }, async (t) => {
  buildFuzzers()
  for (const name of fuzzers) {
    await t.test(`fuzz_${name} for ${seconds} s`, () => {
      const result = runFuzzer(name, seconds)
      t.diagnostic(`fuzz_${name}: ${result.runs} executions in ${seconds} s`)
      assert.equal(result.crashed, false, `fuzz_${name} found ${result.artifact ?? 'a failure'}:\n${result.log.split('\n').slice(-60).join('\n')}`)
      assert.ok(result.runs > 0, `fuzz_${name} ran no input:\n${result.log.slice(-2000)}`)
    })
  }
})
