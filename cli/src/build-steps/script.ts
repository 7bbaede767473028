// Runs `[build] script` before the copy step, as the original does: through the shell, in the project folder,
// with the resources directory as its first argument so it knows where output goes.
import { spawn } from 'node:child_process'
import { CliError } from '../errors.ts'
import type { Log } from '../log.ts'

export interface ScriptOptions {
  script: string
  cwd: string
  resources: string
  debug: boolean
  forwarded: string[]
  env: Record<string, string>
  log: Log
}

export async function runBuildScript (options: ScriptOptions): Promise<void> {
  const args = [options.resources, ...(options.debug ? ['--debug=true'] : []), ...options.forwarded]
  const command = `${options.script} ${args.map(shellQuote).join(' ')}`
  options.log.debug(`$ ${command}`)
  const child = spawn('/bin/sh', ['-c', command], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, SSC_RESOURCES_DIR: options.resources },
    stdio: ['ignore', 'inherit', 'inherit']
  })
  const status = await new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal !== null ? 128 : 1)))
  })
  if (status !== 0) {
    throw new CliError(`[build] script "${options.script}" failed with exit status ${status}`)
  }
}

export function shellQuote (value: string): string {
  return /^[A-Za-z0-9_./=:-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}
