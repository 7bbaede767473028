// One corpus (test/generator/conformance/*.json), replayed against every backend that runs here: the JS client's
// encoder, native/ipc (C++) and the Kotlin support code on the JVM. Each must write the same bytes for every
// case, or refuse the case where the corpus says the native parsers must; a backend that drifts fails here.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { json } from '../../runtime-js/ipc/encode.ts'
import { compileAndLink } from './cpp-build.ts'
import { compileKotlin, runKotlin } from './kotlin-build.ts'

interface Case { name: string, input: string, wire?: string, error?: string, js?: string }
const DIR = 'test/generator/conformance'
const cases: Case[] = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  .flatMap((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { cases: Case[] }).cases)
const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex')
const unhex = (text: string): string => Buffer.from(text, 'hex').toString('utf8')

// What each backend must answer for each case: the wire text, or (native parsers) a refusal.
const nativeExpected = cases.map((c) => c.wire ?? 'error')

test('the corpus covers the edge values it promises', () => {
  const inputs = cases.map((c) => c.input).join('\n')
  for (const needle of ['1e20', '9007199254740992', '9223372036854775807', '-0', '\\ud800', '[]', '{}', '[[[]]']) {
    assert.ok(inputs.includes(needle), `no case with ${needle}`)
  }
  for (const c of cases) assert.ok((c.wire === undefined) !== (c.error === undefined), `${c.name}: exactly one of wire and error`)
})

test('JS: JSON.parse, then the generated clients\' encoder, writes the corpus bytes', () => {
  const wrong: string[] = []
  for (const c of cases) {
    let got: string
    try { got = json(JSON.parse(c.input)) ?? 'null' } catch { got = 'error' }
    const expected = c.wire ?? c.js ?? 'error'
    if (got !== expected) wrong.push(`${c.name}: expected ${expected}, got ${got}`)
  }
  assert.deepEqual(wrong, [])
})

test('C++: native/ipc writes the corpus bytes', async () => {
  const binary = 'build/test-generator/conformance'
  const ipc = readdirSync('native/ipc').filter((n) => n.endsWith('.cc')).map((n) => `native/ipc/${n}`)
  await compileAndLink(['test/generator/cpp/conformance.cc', ...ipc], ['native'], binary)
  const run = spawnSync(resolve(binary), { input: cases.map((c) => hex(c.input)).join('\n') + '\n', encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  const got = run.stdout.trimEnd().split('\n').map((line) => line === 'error' ? 'error' : unhex(line))
  assert.deepEqual(cases.map((c, i) => `${c.name}: ${got[i]}`), cases.map((c, i) => `${c.name}: ${nativeExpected[i]}`))
})

test('Kotlin (2.x, from Maven): the generated support code on the JVM writes the corpus bytes', () => {
  const classes = compileKotlin('kotlin-conformance', ['generated/kotlin/socket/ipc/Ipc.kt', 'test/generator/kotlin/ConformanceMain.kt'], 'ConformanceMainKt.class')
  const run = runKotlin(classes, 'ConformanceMainKt', cases.map((c) => hex(c.input)).join('\n') + '\n')
  assert.equal(run.status, 0, run.stderr)
  const got = run.stdout.trimEnd().split('\n').map((line) => line.startsWith('error') ? 'error' : unhex(line))
  assert.deepEqual(cases.map((c, i) => `${c.name}: ${got[i]}`), cases.map((c, i) => `${c.name}: ${nativeExpected[i]}`))
  // A refusal is a TypeError, as native/ipc's.
  const refusals = run.stdout.trimEnd().split('\n').filter((line) => line.startsWith('error'))
  assert.ok(refusals.every((line) => line === 'error TypeError'), refusals.join(', '))
})
