// Runs simulations in child processes, up to N at once (`npm run sim -- ... --jobs N`). Each child is this
// same CLI started with the parent's Node flags (so tsx loads it the same way); it is handed one run over
// IPC, runs it exactly as the parent would have, and sends back the result (structured clone: NaN, Infinity
// and nested objects arrive intact). Its output lines are relayed whole, each prefixed with its run.
import { fork, type ChildProcess } from 'node:child_process'
import type { Readable } from 'node:stream'
import type { RunResult } from './result.ts'

/** What a child needs to run one simulation: plain data only. */
export interface JobSpec {
  file: string
  protocol: string
  seed: number | null
  durationMs: number | null
  peers: number | null
  name: string | null
  /** Worker threads to split the network between (overrides the scenario's `workers`). */
  workers: number | null
  quiet: boolean
}

export interface Job<T extends JobSpec = JobSpec> {
  spec: T
  /** Printed in front of every line the child writes that does not already start with it. */
  label: string
}

type ChildMessage = { result: RunResult } | { error: string }

/** Environment variable that tells the CLI it is a child waiting for its job on IPC. */
export const CHILD_ENV = 'SIM_CHILD_JOB'

/**
 * Runs every job in a child process, at most `jobs` at a time, in list order. `onResult` is called as each
 * run finishes; a run that fails is reported through `onFailure` and the others go on.
 */
export async function runInChildren<T extends JobSpec> (
  cliPath: string,
  list: Array<Job<T>>,
  jobs: number,
  onResult: (job: Job<T>, result: RunResult) => void,
  onFailure: (job: Job<T>, message: string) => void
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const job = list[next++]
      try {
        onResult(job, await runChild(cliPath, job))
      } catch (error) {
        onFailure(job, (error as Error).message)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(jobs, list.length) }, worker))
}

function runChild (cliPath: string, job: Job): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(cliPath, [], {
      execArgv: process.execArgv,
      env: { ...process.env, [CHILD_ENV]: '1' },
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc']
    })
    relayLines(child.stdout!, job.label, process.stdout)
    relayLines(child.stderr!, job.label, process.stderr)
    let answer: ChildMessage | null = null
    child.on('message', (message) => { answer = message as ChildMessage })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const got = answer as ChildMessage | null
      if (got !== null && 'result' in got) resolve(got.result)
      else if (got !== null) reject(new Error(got.error))
      else reject(new Error(`child process ended (${signal ?? `exit code ${code}`}) without a result`))
    })
    child.send(job.spec)
  })
}

/** Copies a child's output line by line (never half a line), adding the run's label where it is missing. */
function relayLines (from: Readable, label: string, to: NodeJS.WritableStream): void {
  let pending = ''
  const emit = (line: string): void => { to.write(line.startsWith(label) ? `${line}\n` : `${label} ${line}\n`) }
  from.setEncoding('utf8')
  from.on('data', (chunk: string) => {
    pending += chunk
    let cut: number
    while ((cut = pending.indexOf('\n')) >= 0) {
      emit(pending.slice(0, cut))
      pending = pending.slice(cut + 1)
    }
  })
  from.on('end', () => { if (pending !== '') emit(pending) })
}

/** In a child: waits for its one job, runs it, sends the result back and exits. */
export function serveOneJob (run: (spec: JobSpec) => Promise<RunResult>): void {
  process.once('message', (spec) => {
    run(spec as JobSpec).then(
      (result) => reply({ result }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) })
    )
  })
}

function reply (message: ChildMessage): void {
  process.send!(message, () => process.exit('result' in message ? 0 : 1))
}
