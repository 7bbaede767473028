// The chat example, built with ssc and run twice: two real WebKitGTK windows (under the test run's Xvfb) that
// find each other through two introducers in this process and exchange messages through socket:network.
import { test } from 'node:test'
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

function ssc (args: string[], env: Record<string, string>, timeoutMs: number): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [SSC, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString() })
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString() })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (status) => { clearTimeout(timer); resolveRun({ status, stdout, stderr }) })
  })
}

test('two chat apps built with ssc exchange messages through socket:network in real windows', { skip: PARTS }, async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'chat-home-'))
  const dir = join(mkdtempSync(join(tmpdir(), 'chat-app-')), 'chat')
  t.after(() => { rmSync(home, { recursive: true, force: true }); rmSync(dirname(dir), { recursive: true, force: true }) })
  cpSync(join(REPO, 'examples', 'chat'), dir, { recursive: true, filter: (src) => !src.includes(`${join('chat', 'build')}`) })
  const env = { HOME: home }
  const started = Date.now()
  const built = await ssc(['build', '-q', dir], env, 120_000)
  t.diagnostic(`ssc build took ${Date.now() - started} ms`)
  assert.equal(built.status, 0, `ssc build failed:\n${built.stdout}\n${built.stderr}`)

  const introducers = await startNetwork(0)
  t.after(() => { for (const p of introducers) p.close() })
  const boot = introducers.map(p => `127.0.0.1:${p.local?.port}`).join(',')
  const headless = process.env.DISPLAY ? [] : ['--headless']
  const run = (name: string, expect: string): Promise<Run> =>
    ssc(['run', '-q', ...headless, '--test=test/index.js', dir, '--', `--bootstrap=${boot}`, `--name=${name}`, `--expect=${expect}`], env, 150_000)
  const running = Date.now()
  const [alice, bob] = await Promise.all([run('alice', 'bob'), run('bob', 'alice')])
  t.diagnostic(`the two windows ran for ${Date.now() - running} ms`)
  for (const [who, r] of [['alice', alice], ['bob', bob]] as const) {
    assert.equal(r.status, 0, `${who}'s window failed:\n${r.stdout}\n${r.stderr}`)
    assert.match(r.stdout, /^ok \d+ .*saw a greeting from/m, `${who}'s TAP:\n${r.stdout}`)
    t.diagnostic(`${who}: ${r.stdout.split('\n').filter(l => /^(not )?ok |^# /.test(l)).join('; ')}`)
  }
})

function dirname (p: string): string { return resolve(p, '..') }
