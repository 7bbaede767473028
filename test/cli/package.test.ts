// An installable CLI: `npm run pack:cli` makes a tarball; installed offline as a devDependency in a fresh folder
// it gives `npx ssc init` (vanilla and --template=typescript) and `npx ssc build -r` with the host and runtime
// inside it. The TypeScript app type-checks strictly against `socket-runtime-ts/types` and bundles with esbuild.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { linkCheckoutModules } from '../../cli/checkout-modules.ts'
import { REPO, tempDir } from './helpers.ts'

const skip = existsSync(join(REPO, 'build', 'native', 'socket-host')) && existsSync(join(REPO, 'build', 'runtime', 'socket')) ? false : 'needs the host and runtime'
const HOME = tempDir('ssc-home-')

function sh (command: string, args: string[], cwd: string, timeout = 120_000): { status: number | null, out: string } {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, HOME, npm_config_update_notifier: 'false' } })
  return { status: run.status, out: `${run.stdout}\n${run.stderr}` }
}

test('npm pack -> npm i -D (offline) -> npx ssc init / build -r, vanilla and TypeScript', { skip, timeout: 300_000 }, async () => {
  const { pack } = await import('../../cli/pack.ts')
  const tarball = await pack(join(tempDir(), 'npm'))
  assert.match(tarball, /socket-runtime-ts-\d+\.\d+\.\d+\.tgz$/)

  const folder = tempDir('ssc-fresh-')
  assert.equal(sh('npm', ['init', '-y'], folder).status, 0)
  const install = sh('npm', ['install', '--save-dev', '--offline', '--no-audit', '--no-fund', tarball], folder)
  assert.equal(install.status, 0, install.out)
  const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'))
  assert.match(pkg.devDependencies['socket-runtime-ts'], /\.tgz$/)
  const installed = join(folder, 'node_modules', 'socket-runtime-ts')
  assert.ok(existsSync(join(installed, 'build', 'native', 'socket-host')), 'the host ships inside')
  assert.ok(existsSync(join(installed, 'types', 'index.d.ts')), 'the types entry ships inside')
  assert.ok(existsSync(join(installed, 'native', 'extension-sdk', 'socket', 'extension.h')), 'the extension SDK header ships inside')
  assert.match(readFileSync(join(installed, 'types', 'index.d.ts'), 'utf8'), /declare module 'socket:fs\/promises'/)

  // Vanilla: init and run its own test.
  assert.equal(sh('npx', ['--no-install', 'ssc', 'init', '-q', 'plain'], folder).status, 0)
  const plain = sh('npx', ['--no-install', 'ssc', 'build', '-r', '-q', '--headless', '--test=test/index.js', 'plain'], folder)
  assert.equal(plain.status, 0, plain.out)
  assert.match(plain.out, /^# ok$/m)

  // TypeScript: npm install is replaced by links to this checkout's esbuild and typescript (no download in tests).
  const init = sh('npx', ['--no-install', 'ssc', 'init', '-q', '--template=typescript', '--no-install', 'typed'], folder)
  assert.equal(init.status, 0, init.out)
  const app = join(folder, 'typed')
  linkCheckoutModules(app, { 'socket-runtime-ts': installed })
  const typed = sh('npx', ['--no-install', 'ssc', 'build', '-r', '-q', '--headless', '--test=test/index.js', 'typed'], folder)
  assert.equal(typed.status, 0, typed.out)
  assert.match(typed.out, /ok 1 the paragraph says how long index\.html is/)

  // Strict types: readFile(p, 'utf8') is a string; a type error stops the build with tsc's file:line.
  writeFileSync(join(app, 'src', 'index.ts'), "import { readFile } from 'socket:fs/promises'\nconst n: number = await readFile('index.html', 'utf8')\nconsole.log(n)\n")
  const broken = sh('npx', ['--no-install', 'ssc', 'build', '-o', '-q', 'typed'], folder)
  assert.equal(broken.status, 1, broken.out)
  assert.match(broken.out, /src\/index\.ts\(2,7\): error TS2322/)
})
