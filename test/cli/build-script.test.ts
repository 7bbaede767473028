// `[build] script` runs exactly as written (a bundler command line works); where output goes comes in SSC_*
// variables; the original's positional arguments only with [build.script] forward_arguments = true.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, sscInProcess, tempDir } from './helpers.ts'

process.env.HOME = tempDir('ssc-home-')
const ESBUILD = join(REPO, 'node_modules', '.bin', 'esbuild')

function app (script: string, extra = ''): string {
  const dir = tempDir()
  mkdirSync(join(dir, 'src'))
  writeFileSync(join(dir, 'socket.ini'), `[build]\nname = app\nscript = "${script}"\n${extra}\n[meta]\nbundle_identifier = com.example.app\n`)
  writeFileSync(join(dir, 'src', 'index.html'), '<!doctype html><script type="module" src="app.js"></script>')
  return dir
}

test('an esbuild command line works as [build] script: nothing is appended to it', async () => {
  const dir = app(`${ESBUILD} src/app.ts --bundle --format=esm --log-level=warning --outfile=src/app.js`)
  writeFileSync(join(dir, 'src', 'app.ts'), 'const n: number = 6 * 7\nconsole.log(`answer ${n}`)\n')
  const run = await sscInProcess(['build', '-o', '-q', dir])
  assert.equal(run.status, 0, run.stderr)
  const built = readFileSync(join(dir, 'build', 'linux', 'app-dev_v1.0.0-1_amd64', 'opt', 'app-dev', 'app.js'), 'utf8')
  assert.match(built, /answer/)
})

test('the script learns the resources dir, debug-ness and platform from SSC_* variables (and PREFIX)', async () => {
  const dir = app('sh env.sh')
  writeFileSync(join(dir, 'env.sh'), 'echo "$SSC_RESOURCES_DIR|$PREFIX|$SSC_DEBUG|$SSC_PLATFORM|$NODE_ENV|$#" > "$SSC_APP_DIR/env.txt"\n')
  assert.equal((await sscInProcess(['build', '-o', '-q', dir])).status, 0)
  const [resources, prefix, debug, platform, nodeEnv, count] = readFileSync(join(dir, 'env.txt'), 'utf8').trim().split('|')
  assert.match(resources, /build\/linux\/app-dev_v1\.0\.0-1_amd64\/opt\/app-dev$/)
  assert.equal(prefix, resources)
  assert.deepEqual([debug, platform, count], ['1', 'linux', '0'])
  assert.ok(['development', process.env.NODE_ENV].includes(nodeEnv))
  assert.equal((await sscInProcess(['build', '-o', '-q', '--prod', dir])).status, 0)
  assert.match(readFileSync(join(dir, 'env.txt'), 'utf8'), /app_v1\.0\.0-1_amd64\/opt\/app\|.*\|0\|linux\|/)
})

test('forward_arguments = true appends the resources dir, --debug=true and the arguments after --', async () => {
  const dir = app('sh args.sh', '\n[build.script]\nforward_arguments = true\n')
  writeFileSync(join(dir, 'args.sh'), 'echo "$@" > "$SSC_APP_DIR/args.txt"\n')
  assert.equal((await sscInProcess(['build', '-o', '-q', dir, '--', '--extra'])).status, 0)
  const args = readFileSync(join(dir, 'args.txt'), 'utf8').trim().split(' ')
  assert.match(args[0], /opt\/app-dev$/)
  assert.deepEqual(args.slice(1), ['--debug=true', '--extra'])
  assert.ok(existsSync(args[0]))
})
