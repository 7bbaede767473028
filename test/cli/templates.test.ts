// `ssc init --template`: vanilla (the default) and typescript (the frameworks: templates-frameworks.test.ts);
// the screenshot script photographs a template's first window on Xvfb.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, sscInProcess, tempDir } from './helpers.ts'

process.env.HOME = tempDir('ssc-home-')
const tools = ['Xvfb', 'xwininfo', 'import', 'identify'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
const skipShots = !existsSync(join(REPO, 'build', 'native', 'socket-host')) ? 'needs the host' : tools.length > 0 ? `needs ${tools.join(', ')}` : false

test('--template=typescript writes a strict tsconfig, package.json with tsc + esbuild, and socket.ini running them', async () => {
  const dir = join(tempDir(), 'typed')
  const run = await sscInProcess(['init', '-q', '--template=typescript', '--no-install', dir])
  assert.equal(run.status, 0, run.stderr)
  const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'))
  assert.equal(tsconfig.compilerOptions.strict, true)
  assert.deepEqual(tsconfig.compilerOptions.types, ['socket-runtime-ts/types'])
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  assert.match(pkg.scripts.build, /^tsc --noEmit && esbuild src\/index\.ts --bundle .*--external:socket:\*/)
  assert.ok(pkg.devDependencies.esbuild !== undefined && pkg.devDependencies.typescript !== undefined)
  assert.match(readFileSync(join(dir, 'socket.ini'), 'utf8'), /^script = "npm run --silent build"$/m)
  assert.ok(existsSync(join(dir, 'src', 'index.ts')) && existsSync(join(dir, 'public', 'index.html')))
})

test('the vanilla starter logs text, not a Buffer as JSON', async () => {
  const dir = join(tempDir(), 'plain')
  assert.equal((await sscInProcess(['init', '-q', dir])).status, 0)
  assert.match(readFileSync(join(dir, 'src', 'index.js'), 'utf8'), /readFile\('index\.html', 'utf8'\)/)
})

test('an unknown template is a usage error naming the five there are', async () => {
  const other = await sscInProcess(['init', '-q', '--template=angular', join(tempDir(), 'a')])
  assert.equal(other.status, 2)
  assert.match(other.stderr, /"angular" is not a template: use vanilla, typescript, react, vue, svelte/)
})

test('the screenshot script photographs the vanilla template\'s first window', { skip: skipShots, timeout: 120_000 }, async () => {
  const { screenshot } = await import('../../cli/screenshots.ts')
  const png = await screenshot('vanilla', tempDir())
  const [size, colours] = spawnSync('identify', ['-format', '%wx%h %k', png], { encoding: 'utf8' }).stdout.split(' ')
  assert.equal(size, '1024x640')
  assert.ok(Number(colours) > 2, 'the heading is drawn, not a blank window')
})
