// `ssc init --template=react|vue|svelte`: each app is written, built by its `[build] script` (build.mjs: esbuild
// with the framework's compiler) and runs its own headless test in a real window: the component renders, a click
// changes its state, and it reads a file with socket:fs/promises. The frameworks come from this checkout's
// node_modules (npm ci, package-lock.json), linked into the app: nothing is downloaded.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { linkCheckoutModules } from '../../cli/checkout-modules.ts'
import { REPO, ssc, sscInProcess, tempDir } from './helpers.ts'

const HOME = tempDir('ssc-home-')
const skip = existsSync(join(REPO, 'build', 'native', 'socket-host')) && existsSync(join(REPO, 'build', 'runtime', 'socket')) ? false : 'needs the host and runtime'
const SOURCES = { react: ['src/main.jsx', 'src/App.jsx'], vue: ['src/main.js', 'src/App.vue'], svelte: ['src/main.js', 'src/App.svelte'] }
const repoPackage = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }

for (const [template, sources] of Object.entries(SOURCES)) {
  test(`--template=${template} writes build.mjs run by [build] script, with packages this checkout's lock holds`, async () => {
    const dir = join(tempDir(), template)
    const run = await sscInProcess(['init', '-q', `--template=${template}`, '--no-install', dir])
    assert.equal(run.status, 0, run.stderr)
    for (const file of [...sources, 'build.mjs', 'public/index.html', 'public/index.css', 'test/index.js', '.gitignore']) {
      assert.ok(existsSync(join(dir, file)), `${file} is written`)
    }
    assert.match(readFileSync(join(dir, 'socket.ini'), 'utf8'), /^script = "npm run --silent build"$/m)
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    assert.equal(pkg.scripts.build, 'node build.mjs')
    // The app asks for the ranges `npm ci` installs here, so the linked node_modules is what a user would get.
    for (const [name, range] of Object.entries(pkg.devDependencies as Record<string, string>)) {
      if (name !== 'socket-runtime-ts') assert.equal(range, repoPackage.devDependencies[name], `${name}'s range matches package.json`)
    }
  })

  test(`--template=${template}: ssc build runs build.mjs and the app's headless test passes`, { skip, timeout: 180_000 }, async () => {
    const dir = join(tempDir(), `${template}-app`)
    assert.equal((await sscInProcess(['init', '-q', `--template=${template}`, '--no-install', dir])).status, 0)
    linkCheckoutModules(dir)
    const run = await ssc(['build', '-r', '--headless', '--test=test/index.js', dir], { env: { HOME }, timeoutMs: 150_000 })
    assert.equal(run.status, 0, run.stdout + run.stderr)
    assert.match(run.stdout, new RegExp(`ok 1 index\\.css is applied`))
    assert.match(run.stdout, /ok 2 the state changed and the view followed/)
    assert.match(run.stdout, /ok 3 the paragraph says how long index\.html is/)
    assert.match(run.stdout, /^# ok$/m)
  })
}

test('a compile error in a component stops the build with its file:line', { skip, timeout: 120_000 }, async () => {
  const dir = join(tempDir(), 'broken-svelte')
  assert.equal((await sscInProcess(['init', '-q', '--template=svelte', '--no-install', dir])).status, 0)
  linkCheckoutModules(dir)
  writeFileSync(join(dir, 'src', 'App.svelte'), '<script>\n  let count = $state(0)\n</script>\n\n<button onclick={() => count++}>{count</button>\n')
  const run = await ssc(['build', dir], { env: { HOME }, timeoutMs: 100_000 })
  assert.equal(run.status, 1, run.stdout + run.stderr)
  assert.match(run.stdout + run.stderr, /src\/App\.svelte:5:\d+/)
})

test('without --no-install, init runs npm install in the new app', async () => {
  // A stand-in for npm (the registry cannot be reached from tests): it records where and how it was run.
  const bin = join(tempDir(), 'bin')
  mkdirSync(bin)
  const record = join(bin, 'npm-calls')
  writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "$PWD $*" >> ${record}\n`)
  chmodSync(join(bin, 'npm'), 0o755)
  const dir = join(tempDir(), 'installed')
  const run = await ssc(['init', '-q', '--template=react', dir], { env: { HOME, PATH: `${bin}:${process.env.PATH}` } })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(readFileSync(record, 'utf8').trim(), `${dir} install --no-audit --no-fund`)
})
