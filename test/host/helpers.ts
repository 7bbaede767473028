// Shared by the host tests: lay out a throwaway app per Contract 4 and run the real host binary on it.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import type { ChildProcess } from 'node:child_process'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
// SOCKET_HOST_BINARY: another build of the host (npm run test:asan runs these tests on the sanitizer build).
export const hostBinary = process.env.SOCKET_HOST_BINARY ?? join(repo, 'build', 'native', 'socket-host')
export const runtimeDir = join(repo, 'build', 'runtime', 'socket')

export interface AppLayout {
  dir: string
  remove: () => void
}

// files: relative path -> contents. config: flattened socket.ini keys.
export function makeApp (files: Record<string, string | Uint8Array>, config: Record<string, string> = {}, options: { runtime?: boolean } = {}): AppLayout {
  const dir = mkdtempSync(join(tmpdir(), 'socket-host-test-'))
  const fullConfig = { meta_bundle_identifier: 'com.example.hosttest', build_name: 'hosttest', ...config }
  writeFileSync(join(dir, 'socket-config.json'), JSON.stringify(fullConfig))
  if (!('index.html' in files)) files = { 'index.html': '<!doctype html><meta charset="utf-8"><title>test</title><body></body>', ...files }
  for (const [name, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), contents)
  }
  if (options.runtime !== false && existsSync(runtimeDir) && !existsSync(join(dir, 'socket'))) symlinkSync(runtimeDir, join(dir, 'socket'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface HostRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  pid: number
}

export interface RunOptions {
  args?: string[]
  timeoutMs?: number
  env?: NodeJS.ProcessEnv
  headless?: boolean
  // Called with each stdout line as it arrives (e.g. to react to a page's "ready" line).
  onLine?: (line: string, child: ReturnType<typeof spawn>) => void
  // The same for stderr (the host's own messages, e.g. SOCKET_TRACE_STARTUP's phases).
  onErrorLine?: (line: string, child: ReturnType<typeof spawn>) => void
}

// A stream 'data' handler: each chunk to `chunk`, then each complete line to `line`.
function byLine (chunk: (text: string) => void, line: (text: string) => void): (text: string) => void {
  let pending = ''
  return (text) => {
    chunk(text)
    pending += text
    let newline
    while ((newline = pending.indexOf('\n')) >= 0) {
      line(pending.slice(0, newline))
      pending = pending.slice(newline + 1)
    }
  }
}

// Runs the host on an app folder until it exits (or the timeout kills it, which fails the run).
export function runHost (dir: string, options: RunOptions = {}): Promise<HostRun> {
  const args = [`--resources=${dir}`, ...(options.headless === false ? [] : ['--headless']), ...(options.args ?? [])]
  const child = spawn(hostBinary, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stdout.on('data', byLine((chunk) => { stdout += chunk }, (line) => options.onLine?.(line, child)))
  child.stderr.on('data', byLine((chunk) => { stderr += chunk }, (line) => options.onErrorLine?.(line, child)))
  const timeout = setTimeout(() => {
    stderr += `\n[test] host killed after ${options.timeoutMs ?? 90000} ms\n`
    child.kill('SIGKILL')
  }, options.timeoutMs ?? 90000)
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timeout)
      resolve({ code, signal, stdout, stderr, pid: child.pid ?? -1 })
    })
  })
}

// A test page: runs `body` (an async function body with `report` in scope) and exits with 0, or prints the
// error and exits 1. `report(name, value)` prints one JSON line the test can read back.
// With `acks` (a folder the app may read), `step(name)` prints "STEP <name>" and waits until the test has written
// <acks>/<name>: the page and the test take turns instead of guessing with sleeps.
export function testPage (body: string, acks?: string): string {
  return `
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const step = async (name) => {
  console.log('STEP ' + name)
  const acks = ${JSON.stringify(acks ?? '')}
  for (let i = 0; acks && i < 1200 && (await call('fs.stat', { path: acks + '/' + name })).err; i++) await sleep(50)
}
const report = (name, value) => console.log('REPORT ' + JSON.stringify([name, value]))
const call = async (route, params = {}, init) => {
  const query = new URLSearchParams({ seq: 'R' + (call.seq = (call.seq ?? 0) + 1), index: String(globalThis.__args?.index ?? 0), ...params })
  const response = await fetch('ipc://' + route + '?' + query.toString().replace(/\\+/g, '%20'), init)
  const type = response.headers.get('content-type') ?? ''
  if (type.startsWith('application/octet-stream')) return { bytes: new Uint8Array(await response.arrayBuffer()), status: response.status }
  return { ...(await response.json()), status: response.status }
}
const exit = (code) => fetch('ipc://application.exit?seq=R0&value=' + code).catch(() => {})
try {
  ${body}
  await exit(0)
} catch (error) {
  console.error('TEST FAILED: ' + (error?.stack ?? error))
  await exit(1)
}
`
}

// A folder for step acknowledgements (see testPage); `ack(name)` lets the page continue.
export function makeAcks (): { dir: string, ack: (name: string) => void, remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'socket-host-acks-'))
  return { dir, ack: (name) => writeFileSync(join(dir, name), 'ok'), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

// Reads the REPORT lines of a run into a map.
export function reports (run: HostRun): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith('REPORT ')) continue
    const [name, value] = JSON.parse(line.slice(7))
    out[name] = value
  }
  return out
}

// A private X server (and optionally a window manager) for tests and benchmarks that look at the screen.
export async function startXvfb (options: { windowManager?: boolean } = {}): Promise<{ display: string, stop: () => void }> {
  for (let n = 90 + Math.floor(Math.random() * 100); n < 400; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue
    const display = `:${n}`
    const server = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' })
    const started = Date.now()
    while (!existsSync(`/tmp/.X11-unix/X${n}`)) {
      if (Date.now() - started > 10000 || server.exitCode !== null) { server.kill(); throw new Error('Xvfb did not start') }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    let wm: ChildProcess | undefined
    if (options.windowManager) {
      wm = spawn('openbox', ['--sm-disable'], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' })
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    return { display, stop: () => { wm?.kill(); server.kill() } }
  }
  throw new Error('no free X display number')
}
