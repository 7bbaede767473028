// Long steps show they are moving: the native build prints ninja's [n/N] lines as they come (a stand-in cmake
// plays the compiler here, so the test costs no compile), and setup.sh shows apt's per-package lines.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, tempDir } from './helpers.ts'

const skip = existsSync(join(REPO, 'build', 'native', 'socket-host')) ? false : 'needs build/native/socket-host'

test('build-native.sh passes the build\'s [n/N] progress through', { skip }, () => {
  const bin = tempDir()
  writeFileSync(join(bin, 'cmake'), '#!/bin/sh\n[ "$1" = "--build" ] || exit 0\necho "[1/2] Building CXX object CMakeFiles/socket-host.dir/linux/app.cc.o"\necho "[2/2] Linking CXX executable socket-host"\n')
  chmodSync(join(bin, 'cmake'), 0o755)
  const run = spawnSync('bash', [join(REPO, 'scripts', 'build-native.sh')], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } })
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stdout, /^build-native: \[1\/2\] Building CXX object .*app\.cc\.o$/m)
  assert.match(run.stdout, /^build-native: \[2\/2\] Linking CXX executable socket-host$/m)
})

test('setup.sh keeps apt\'s per-package lines instead of discarding its output', () => {
  const setup = readFileSync(join(REPO, 'scripts', 'setup.sh'), 'utf8')
  const filter = /sed -u -n '(s\/.*\/p)'/.exec(setup)?.[1]
  assert.ok(filter !== undefined, 'an apt progress filter')
  const shown = spawnSync('sed', ['-n', filter], { input: 'Get:1 http://deb.debian.org/debian bookworm/main amd64 zip amd64 3.0 [230 kB]\nReading package lists...\nUnpacking zip (3.0-13) ...\nSetting up zip (3.0-13) ...\n', encoding: 'utf8' }).stdout
  assert.deepEqual(shown.trim().split('\n'), [
    'setup: apt: Get:1 http://deb.debian.org/debian bookworm/main amd64 zip amd64 3.0 [230 kB]',
    'setup: apt: Unpacking zip (3.0-13) ...',
    'setup: apt: Setting up zip (3.0-13) ...'
  ])
})
