// The chat example, built with ssc and run as two real WebKitGTK windows (under the test run's Xvfb) that exchange
// messages through socket:network: once meeting through two introducers in this process, once with no
// introducer at all, the second window started with the address the first one shows (--bootstrap).
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startNetwork } from './helpers.ts'

const REPO = resolve(import.meta.dirname, '..', '..')
const SSC = join(REPO, 'cli', 'bin', 'ssc.js')
const PARTS = existsSync(join(REPO, 'build', 'native', 'socket-host')) && existsSync(join(REPO, 'build', 'runtime', 'socket', 'peer.js'))
  ? false
  : 'needs build/native/socket-host and build/runtime/socket (npm run setup)'

interface Run { status: number | null, stdout: string, stderr: string }

function ssc (args: string[], env: Record<string, string>, timeoutMs: number, onStdout?: (soFar: string) => void): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [SSC, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); onStdout?.(stdout) })
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString() })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (status) => { clearTimeout(timer); resolveRun({ status, stdout, stderr }) })
  })
}

/** The chat example copied to a scratch folder and built once for the tests of this file. */
let built: Promise<{ dir: string, env: Record<string, string> }> | undefined
const scratch: string[] = []
after(() => { for (const d of scratch) rmSync(d, { recursive: true, force: true }) })

function buildChat (): Promise<{ dir: string, env: Record<string, string> }> {
  built ??= (async () => {
    const home = mkdtempSync(join(tmpdir(), 'chat-home-'))
    const dir = join(mkdtempSync(join(tmpdir(), 'chat-app-')), 'chat')
    scratch.push(home, dirname(dir))
    cpSync(join(REPO, 'examples', 'chat'), dir, { recursive: true, filter: (src) => !src.includes(`${join('chat', 'build')}`) })
    const env = { HOME: home }
    const result = await ssc(['build', '-q', dir], env, 120_000)
    assert.equal(result.status, 0, `ssc build failed:\n${result.stdout}\n${result.stderr}`)
    return { dir, env }
  })()
  return built
}

/** Runs one chat window with the in-window test (examples/chat/test/index.js). */
async function runChat (name: string, expect: string, extra: string[], onStdout?: (soFar: string) => void): Promise<Run> {
  const { dir, env } = await buildChat()
  const headless = process.env.DISPLAY ? [] : ['--headless']
  return ssc(['run', '-q', ...headless, '--test=test/index.js', dir, '--', ...extra, `--name=${name}`, `--expect=${expect}`], env, 150_000, onStdout)
}

function assertGreeted (t: { diagnostic: (m: string) => void }, runs: Array<[string, Run]>): void {
  for (const [who, r] of runs) {
    assert.equal(r.status, 0, `${who}'s window failed:\n${r.stdout}\n${r.stderr}`)
    assert.match(r.stdout, /^ok \d+ .*shows its address .* and the --bootstrap for a second peer/m, `${who}'s TAP:\n${r.stdout}`)
    assert.match(r.stdout, /^ok \d+ .*saw a greeting from/m, `${who}'s TAP:\n${r.stdout}`)
    t.diagnostic(`${who}: ${r.stdout.split('\n').filter(l => /^(not )?ok |^# /.test(l)).join('; ')}`)
  }
}

test('two chat apps built with ssc exchange messages through socket:network in real windows', { skip: PARTS }, async (t) => {
  const started = Date.now()
  await buildChat()
  t.diagnostic(`ssc build took ${Date.now() - started} ms`)
  const introducers = await startNetwork(0)
  t.after(() => { for (const p of introducers) p.close() })
  const boot = `--bootstrap=${introducers.map(p => `127.0.0.1:${p.local?.port}`).join(',')}`
  const running = Date.now()
  const [alice, bob] = await Promise.all([runChat('alice', 'bob', [boot]), runChat('bob', 'alice', [boot])])
  t.diagnostic(`the two windows ran for ${Date.now() - running} ms`)
  assertGreeted(t, [['alice', alice], ['bob', bob]])
})

test('a second chat joins the first through the address the first one shows, with no introducer', { skip: PARTS }, async (t) => {
  await buildChat()
  // Alice starts alone; the port she shows (the "reachable at" comment of her in-window test) starts Bob.
  let shown: (port: number) => void = () => {}
  const port = new Promise<number>((resolve) => { shown = resolve })
  const running = Date.now()
  const alice = runChat('alice', 'bob', [], (soFar) => {
    const m = /^# reachable at .*?\b127\.0\.0\.1:(\d+)/m.exec(soFar) ?? /^# reachable at \S+:(\d+)/m.exec(soFar)
    if (m) shown(Number(m[1]))
  })
  const alicePort = await Promise.race([port, alice.then((r) => assert.fail(`alice's window ended before showing an address:\n${r.stdout}\n${r.stderr}`))])
  t.diagnostic(`alice showed port ${alicePort} after ${Date.now() - running} ms`)
  const bob = await runChat('bob', 'alice', [`--bootstrap=127.0.0.1:${alicePort}`])
  assertGreeted(t, [['alice', await alice], ['bob', bob]])
})

function dirname (p: string): string { return resolve(p, '..') }
