// The real thing: `ssc init` an app, then `ssc build -r --headless --test=…` it under Xvfb, reading the TAP
// it prints and the exit status. Also the Node backend, end to end through the host.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, ssc, sscInProcess, tempDir } from './helpers.ts'

const HOME = tempDir('ssc-home-')
process.env.HOME = HOME
const env = { HOME }
const PARTS = existsSync(join(REPO, 'build', 'native', 'socket-host')) && existsSync(join(REPO, 'build', 'runtime', 'socket'))
  ? false
  : 'needs build/native/socket-host and build/runtime/socket (npm run setup)'

interface Tap { plan: number, ok: string[], notOk: string[], summary: Record<string, number>, allOk: boolean }

/** Reads the TAP 13 lines out of the app's stdout (other output may be interleaved). */
function parseTap (stdout: string): Tap {
  const tap: Tap = { plan: -1, ok: [], notOk: [], summary: {}, allOk: false }
  for (const line of stdout.split('\n')) {
    let match: RegExpExecArray | null
    if ((match = /^1\.\.(\d+)$/.exec(line)) !== null) tap.plan = Number(match[1])
    else if ((match = /^ok \d+ (.*)$/.exec(line)) !== null) tap.ok.push(match[1])
    else if ((match = /^not ok \d+ (.*)$/.exec(line)) !== null) tap.notOk.push(match[1])
    else if ((match = /^# (tests|pass|fail) +(\d+)$/.exec(line)) !== null) tap.summary[match[1]] = Number(match[2])
    else if (line === '# ok') tap.allOk = true
  }
  return tap
}

async function seedApp (name = 'seed'): Promise<string> {
  const dir = join(tempDir(), name)
  assert.equal((await sscInProcess(['init', '-q', dir])).status, 0)
  return dir
}

let plain: string | undefined
/** An app whose page does nothing, so a test file's own outcome decides the run. */
async function plainApp (): Promise<string> {
  if (plain !== undefined) return plain
  plain = await seedApp('plain')
  writeFileSync(join(plain, 'src', 'index.js'), "console.log('page loaded')\n")
  return plain
}

const runTest = (dir: string, file: string, extra: string[] = []): ReturnType<typeof ssc> =>
  ssc(['build', '-r', '-q', '--headless', `--test=${file}`, ...extra, dir], { env, timeoutMs: 60_000 })

test('the seed app from ssc init passes its own test: heading, stylesheet, and index.html read by socket:fs/promises', { skip: PARTS }, async () => {
  const dir = await seedApp()
  const result = await runTest(dir, 'test/index.js')
  const tap = parseTap(result.stdout)
  assert.equal(result.status, 0, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`)
  assert.match(result.stdout, /^TAP version 13$/m)
  assert.deepEqual(tap.notOk, [])
  assert.deepEqual(tap.ok, ['the h1 says hello', 'index.css is applied', 'index.html holds the heading'])
  assert.equal(tap.plan, 3)
  assert.deepEqual(tap.summary, { tests: 3, pass: 3 })
  assert.ok(tap.allOk)
})

test('a failing test file makes the run exit 1 with "not ok" lines and a fail count', { skip: PARTS }, async () => {
  const dir = await plainApp()
  writeFileSync(join(dir, 'test', 'failing.js'), `import { test } from 'socket:test'
test('arithmetic', (t) => {
  t.equal(1 + 1, 2, 'one plus one')
  t.equal(2 + 2, 5, 'two plus two is five')
})
test('async rejection', async () => { throw new Error('rejected on purpose') })
`)
  const result = await runTest(dir, 'test/failing.js')
  const tap = parseTap(result.stdout)
  assert.equal(result.status, 1, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`)
  assert.deepEqual(tap.ok, ['one plus one'])
  assert.deepEqual(tap.notOk, ['two plus two is five', 'Error: rejected on purpose'])
  assert.match(result.stdout, /^ {4}operator: equal\n {4}expected: 5\n {4}actual: {3}4$/m)
  assert.deepEqual(tap.summary, { tests: 3, pass: 1, fail: 2 })
  assert.equal(tap.allOk, false)
})

test('a test file that throws while loading fails the run', { skip: PARTS }, async () => {
  const dir = await plainApp()
  writeFileSync(join(dir, 'test', 'broken.js'), 'throw new Error("broken at import")\n')
  const result = await runTest(dir, 'test/broken.js', ['-o'])
  assert.equal(result.status, 1)
  assert.match(result.stderr, /broken at import/)
})

test('a Node backend echoes events both ways, survives a flood, and its crash and kill are reported to the window', { skip: PARTS }, async () => {
  const dir = await seedApp('withbackend')
  writeFileSync(join(dir, 'src', 'index.js'), "console.log('page loaded')\n")
  writeFileSync(join(dir, 'socket.ini'), readFileSync(join(dir, 'socket.ini'), 'utf8')
    .replace('; cmd = "node backend/index.js"', 'cmd = "node backend.mjs"'))
  writeFileSync(join(dir, 'src', 'backend.mjs'), `import backend from './socket-node.mjs'
const runtime = backend()
runtime.on('echo', (value) => runtime.send({ event: 'echoed', value: { back: value } }))
runtime.on('crash', () => { throw new Error('backend crashed on request') })
runtime.on('flood', (count) => {
  for (let i = 0; i < count; i++) console.log('flood line ' + i + ' ' + 'x'.repeat(100))
  runtime.send({ event: 'flooded', value: count })
})
console.log('backend up', process.argv.slice(2).filter((a) => a.startsWith('--name')).join(' '))
`)
  writeFileSync(join(dir, 'test', 'backend.js'), `import { test } from 'socket:test'
import application from 'socket:application'

const next = (name) => new Promise((resolve) => globalThis.addEventListener(name, (e) => resolve(e.detail), { once: true }))

test('window to backend and back', async (t) => {
  const opened = await application.backend.open()
  t.equal(opened.cmd, 'node backend.mjs', 'backend.open reports the command')
  const echoed = next('echoed')
  await application.backend.send('echo', { text: 'héllo & bye' })
  t.deepEqual(await echoed, { back: { text: 'héllo & bye' } }, 'the backend echoed the event into the window')
})

test('a backend flooding its stdout does not stop the app', async (t) => {
  const flooded = next('flooded')
  const started = performance.now()
  await application.backend.send('flood', 20000)
  t.equal(await flooded, 20000, 'the event after 20000 lines (2 MB) arrives')
  await t.requestAnimationFrame()
  t.ok(performance.now() - started < 20000, 'the page kept running')
})

test('a crashing backend is reported', async (t) => {
  const error = next('process-error')
  const exited = next('backend-exit')
  await application.backend.send('crash', null)
  t.ok(JSON.stringify(await error).includes('backend crashed on request'), 'process-error carries its stderr')
  t.equal((await exited).status, 1, 'backend-exit carries the exit status')
})

test('a killed backend is reported', async (t) => {
  await application.backend.open({ force: true })
  const exited = next('backend-exit')
  await application.backend.close()
  const exit = await exited
  t.equal(exit.status, null, 'backend-exit after backend.close has no status (ended by a signal)')
})
`)
  const result = await runTest(dir, 'test/backend.js')
  const tap = parseTap(result.stdout)
  assert.equal(result.status, 0, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`)
  assert.deepEqual(tap.notOk, [])
  assert.equal(tap.ok.length, 7)
  assert.match(result.stdout, /^backend up --name=withbackend-dev$/m, 'the backend\'s console.log reaches the app\'s stdout')
  assert.match(result.stdout, /^flood line 19999 x{100}$/m, 'every flooded line reached the app\'s stdout')
})

test('--port loads a dev server\'s page, which can still import socket: modules', { skip: PARTS }, async () => {
  const { createServer } = await import('node:http')
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end(`<!DOCTYPE html><h1 id="dev">From the dev server</h1>
<script type="module">
import path from 'socket:path'
document.body.dataset.joined = path.join('a', 'b')
</script>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  try {
    const dir = await plainApp()
    writeFileSync(join(dir, 'test', 'dev.js'), `import { test } from 'socket:test'
test('the dev server page is loaded', async (t) => {
  t.equal(location.origin, 'http://127.0.0.1:${port}', 'the window shows the dev server')
  t.equal((await t.waitFor('#dev')).textContent, 'From the dev server')
  await t.waitFor(() => document.body.dataset.joined)
  t.equal(document.body.dataset.joined, 'a/b', 'socket:path imported from the dev server page')
})
`)
    const result = await runTest(dir, 'test/dev.js', ['-o', `--port=${port}`, '--host=127.0.0.1'])
    const tap = parseTap(result.stdout)
    assert.equal(result.status, 0, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`)
    assert.equal(tap.ok.length, 3)
  } finally {
    server.close()
  }
})

test('the demo app that npm start opens passes its own test', { skip: PARTS }, async () => {
  const { cpSync } = await import('node:fs')
  // Built in a copy, so the test never touches examples/demo/build of a developer's running demo.
  const dir = join(tempDir(), 'demo')
  cpSync(join(REPO, 'examples', 'demo'), dir, { recursive: true, filter: (path) => !path.includes('/build') })
  const result = await runTest(dir, 'test/index.js')
  const tap = parseTap(result.stdout)
  assert.equal(result.status, 0, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`)
  assert.deepEqual(tap.notOk, [])
  assert.ok(tap.allOk)
  assert.match(result.stdout, /^demo backend ready$/m, 'the demo\'s backend started with the app')
})

test('-r -w reloads the app with the changed files, and Ctrl-C stops it and everything it started', { skip: PARTS }, async () => {
  const { spawn, execFileSync } = await import('node:child_process')
  const dir = await seedApp('watched')
  writeFileSync(join(dir, 'src', 'index.js'), "console.log('version A')\n")
  const child = spawn(process.execPath, [join(REPO, 'cli', 'bin', 'ssc.js'), 'build', '-r', '-w', '--headless', dir],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const until = async (text: string): Promise<void> => {
    const deadline = Date.now() + 40_000
    while (!output.includes(text)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}"; output:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  const running = (): string[] => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n')
    .filter((line) => line.includes(join(dir, 'build')))
  try {
    await until('version A')
    writeFileSync(join(dir, 'src', 'index.js'), "console.log('version B')\n")
    await until('version B')
    assert.match(output, /rebuilt; reloaded the window/)
    assert.equal(running().filter((line) => !line.includes('xvfb-run')).length, 1, 'one app process after the reload')
  } finally {
    child.kill('SIGINT')
  }
  const [code] = await new Promise<[number | null]>((resolve) => child.on('close', (c) => resolve([c])))
  assert.equal(code, 130)
  await new Promise((resolve) => setTimeout(resolve, 500))
  assert.deepEqual(running(), [], 'no app, xvfb-run or Xvfb left behind')
})
