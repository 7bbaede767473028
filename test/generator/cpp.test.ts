// The generated C++ compiles with g++ -std=c++20 -Wall -Wextra -Werror (every capability of idl/ and the
// constructs fixture), the generated udp dispatch runs correctly on sample messages (cpp/udp_selftest.cc), and
// the child_process dispatch refuses calls its [Permission] withholds (cpp/permission_selftest.cc).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { compileAndLink } from './cpp-build.ts'
import { generateFixture } from './fixture-build.ts'

const IPC_SOURCES = readdirSync('native/ipc').filter((name) => name.endsWith('.cc')).sort().map((name) => `native/ipc/${name}`)

test('every generated dispatch compiles warning-free and the udp dispatch passes its self-test', async () => {
  const { root } = generateFixture('test/fixtures/idl/constructs', 'constructs-cpp')
  const dispatch = readdirSync('generated/cpp').filter((name) => name.endsWith('_dispatch.cc')).sort().map((name) => `generated/cpp/${name}`)
  assert.ok(dispatch.length >= 7, 'a dispatch file per native capability')
  const binary = join(root, 'udp-selftest')
  await compileAndLink(
    ['test/generator/cpp/udp_selftest.cc', 'generated/cpp/udp_dispatch.cc', ...IPC_SOURCES],
    ['native', 'generated/cpp', join(root, 'generated/cpp')],
    binary,
    [...dispatch.filter((file) => !file.endsWith('/udp_dispatch.cc')), join(root, 'generated/cpp/gadget_dispatch.cc')])
  const run = spawnSync(resolve(binary), { encoding: 'utf8' })
  assert.equal(run.stderr, '')
  assert.equal(run.status, 0)
  assert.match(run.stdout, /^ok \d+ checks$/m)
})

test('the generated dispatch refuses a route whose permission is not granted, before decoding anything', async () => {
  const binary = 'build/test-generator/permission-selftest'
  await compileAndLink(
    ['test/generator/cpp/permission_selftest.cc', 'generated/cpp/child_process_dispatch.cc', ...IPC_SOURCES],
    ['native', 'generated/cpp'],
    binary)
  const run = spawnSync(resolve(binary), { encoding: 'utf8' })
  assert.equal(run.stderr, '')
  assert.equal(run.status, 0)
  assert.match(run.stdout, /^ok \d+ checks$/m)
})

test('registerAll takes every native service: leaving one out does not compile', () => {
  const dir = 'build/test-generator'
  mkdirSync(dir, { recursive: true })
  const host = (omit: string): string => {
    // Every native capability: each has a generated dispatch.
    const fields = readdirSync('generated/cpp').filter((f) => f.endsWith('_dispatch.cc')).map((f) => f.slice(0, -'_dispatch.cc'.length)).sort()
    const pascalName = (name: string): string => name.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('')
    return [
      '#include "register_all.hh"',
      `void host (ipc::Router& router, ${fields.map((f) => `::api::${f}::${pascalName(f)}Service& ${f}`).join(', ')}) {`,
      `  api::registerAll(router, { ${fields.filter((f) => f !== omit).map((f) => `.${f} = ${f}`).join(', ')} });`,
      '}',
      ''
    ].join('\n')
  }
  const compile = (omit: string) => {
    const file = join(dir, `register-all-${omit || 'complete'}.cc`)
    writeFileSync(file, host(omit))
    return spawnSync('g++', ['-std=c++20', '-Wall', '-Wextra', '-Werror', '-fsyntax-only', '-Inative', '-Igenerated/cpp', file], { encoding: 'utf8' })
  }
  const complete = compile('')
  assert.equal(complete.status, 0, complete.stderr)
  const missing = compile('window')
  assert.notEqual(missing.status, 0, 'a host without a window service compiled')
  assert.match(missing.stderr, /window/)
})
