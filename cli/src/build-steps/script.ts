// Runs `[build] script` before the copy step: through the shell, in the project folder, exactly as written (so
// `esbuild src/app.ts --bundle --outfile=src/app.js` works). Where output goes comes in SSC_* variables; the
// original's positional arguments (resources dir, --debug=true, forwarded ones) only with forward_arguments.
import { spawn } from 'node:child_process'
import { CliError } from '../errors.ts'
import type { Log } from '../log.ts'

export interface ScriptOptions {
  script: string
  cwd: string
  resources: string
  /** The package root (`build/linux/<name>_…`). */
  root: string
  debug: boolean
  watch: boolean
  /** `[build.script] forward_arguments = true`. */
  forwardArguments: boolean
  forwarded: string[]
  env: Record<string, string>
  log: Log
}

export async function runBuildScript (options: ScriptOptions): Promise<void> {
  const args = options.forwardArguments ? [options.resources, ...(options.debug ? ['--debug=true'] : []), ...options.forwarded] : []
  const command = [options.script, ...args.map(shellQuote)].join(' ')
  options.log.debug(`$ ${command}`)
  const child = spawn('/bin/sh', ['-c', command], {
    cwd: options.cwd,
    env: {
      NODE_ENV: options.debug ? 'development' : 'production',
      ...process.env,
      ...options.env,
      SSC_RESOURCES_DIR: options.resources,
      PREFIX: options.resources,
      SSC_BUILD_DIR: options.root,
      SSC_APP_DIR: options.cwd,
      SSC_PLATFORM: 'linux',
      SSC_DEBUG: options.debug ? '1' : '0',
      SSC_WATCH: options.watch ? '1' : '0'
    },
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
