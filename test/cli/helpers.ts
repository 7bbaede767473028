// Shared by the CLI tests: run the real `ssc` launcher as a child process, and make throwaway app folders.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const REPO = resolve(import.meta.dirname, '..', '..')
export const SSC = join(REPO, 'cli', 'bin', 'ssc.js')

export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs `ssc ...args` to completion (killed after `timeoutMs`). HOME points at an empty folder by default. */
export function ssc (args: string[], options: { cwd?: string, env?: Record<string, string>, timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [SSC, ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    // On timeout, SIGTERM first: ssc then stops the app's process group (xvfb-run, Xvfb, the host) too.
    let killer: NodeJS.Timeout | undefined
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    }, options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      clearTimeout(killer)
      resolvePromise({ status, stdout, stderr })
    })
  })
}

/** A fresh temporary directory, removed when the test process ends. */
export function tempDir (prefix = 'ssc-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * Runs the CLI's `main` in this process (no launcher start-up cost), capturing console.log and stderr writes.
 * For quick commands; the launcher itself is covered by the tests that spawn `ssc`.
 */
export async function sscInProcess (args: string[]): Promise<Run> {
  const { main } = await import('../../cli/src/main.ts')
  let stdout = ''
  let stderr = ''
  const log = console.log
  const write = process.stderr.write
  console.log = (...values: unknown[]) => { stdout += values.join(' ') + '\n' }
  process.stderr.write = ((chunk: string) => { stderr += chunk; return true }) as typeof process.stderr.write
  try {
    const status = await main(args)
    return { status, stdout, stderr }
  } finally {
    console.log = log
    process.stderr.write = write
  }
}
