// App errors carry their location: a syntax error prints file:line:column, a static import (or an unhandled
// import()) of a missing socket: module names the module and the importing line, in the terminal and (dev
// builds) in an overlay.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, SSC, sscInProcess, tempDir } from './helpers.ts'

const HOME = tempDir('ssc-home-')
process.env.HOME = HOME
const skip = existsSync(join(REPO, 'build', 'native', 'socket-host')) && existsSync(join(REPO, 'build', 'runtime', 'socket')) ? false : 'needs the host and runtime'

// The page reports what the overlay shows once the broken script had its chance to fail.
const PROBE = '<script>setTimeout(() => console.log("OVERLAY " + JSON.stringify(document.getElementById("socket-error-overlay")?.textContent ?? null)), 2500)</script>'

async function runBroken (script: string, flags: string[] = []): Promise<{ stdout: string, stderr: string, overlay: string | null }> {
  const dir = join(tempDir(), 'broken')
  assert.equal((await sscInProcess(['init', '-q', dir])).status, 0)
  writeFileSync(join(dir, 'src', 'index.js'), script)
  writeFileSync(join(dir, 'src', 'index.html'), `<!doctype html><meta charset="utf-8"><h1>x</h1><script type="module" src="./index.js"></script>${PROBE}`)
  return await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SSC, 'build', '-r', '-q', '--headless', ...flags, dir], { env: { ...process.env, HOME }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let overlay: string | null | undefined
    const timer = setTimeout(() => child.kill('SIGTERM'), 60_000)
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /^OVERLAY (.*)$/m.exec(stdout)
      if (match !== null && overlay === undefined) { overlay = JSON.parse(match[1]); child.kill('SIGTERM') }
    })
    child.on('error', reject)
    child.on('close', () => {
      clearTimeout(timer)
      if (overlay === undefined) reject(new Error(`the page never reported:\n${stdout}\n${stderr}`))
      else resolve({ stdout, stderr, overlay })
    })
  })
}

test('a syntax error prints file:line:column and shows in the overlay', { skip }, async () => {
  const run = await runBroken('console.log("fine")\nconst x = ;\n')
  assert.match(run.stderr, /index\.js:2:\d+: Uncaught SyntaxError/)
  assert.match(run.overlay ?? '', /index\.js:2:\d+: SyntaxError/)
})

test('a static import of a missing socket: module names the module and the importing line', { skip }, async () => {
  const run = await runBroken("import fs from 'socket:fs'\nimport foo from 'socket:foo'\nconsole.log(fs, foo)\n")
  assert.match(run.stderr, /socket:foo: no such module/)
  assert.match(run.stderr, /index\.js:2: import of socket:foo failed: there is no module "socket:foo"/)
  assert.match(run.overlay ?? '', /index\.js:2: import of socket:foo failed/)
})

test('an unhandled import() of a missing socket: module names the module and the line of the import()', { skip }, async () => {
  const run = await runBroken("console.log('started')\nimport('socket:nosuch').then((m) => console.log(m))\n")
  assert.match(run.stderr, /Unhandled rejection: TypeError: Importing a module script failed\./)
  assert.match(run.stderr, /index\.js:2: import of socket:nosuch failed: there is no module "socket:nosuch"/)
  assert.match(run.overlay ?? '', /index\.js:2: import of socket:nosuch failed/)
})

test('an uncaught runtime error shows its stack in the overlay; --prod prints the location but shows no overlay', { skip }, async () => {
  const dev = await runBroken('function boom () { throw new TypeError("bad thing") }\nboom()\n')
  assert.match(dev.stderr, /index\.js:1:\d+: Uncaught TypeError: bad thing/)
  assert.match(dev.overlay ?? '', /TypeError: bad thing/)
  const prod = await runBroken('function boom () { throw new TypeError("bad thing") }\nboom()\n', ['--prod'])
  assert.match(prod.stderr, /index\.js:1:\d+: Uncaught TypeError: bad thing/)
  assert.equal(prod.overlay, null)
})
