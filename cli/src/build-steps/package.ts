// `-p`: turns the laid-out package root into a .deb (dpkg-deb), or the app folder (opt/<name>) into a .zip,
// beside it.
import { spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { BuildPaths } from './paths.ts'
import { CliError, UsageError } from '../errors.ts'
import type { Log } from '../log.ts'

export const PACKAGE_FORMATS = ['deb', 'zip'] as const
export type PackageFormat = typeof PACKAGE_FORMATS[number]

export function packageFormat (value: string | undefined): PackageFormat {
  const format = value ?? 'deb'
  if (!(PACKAGE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`package format "${format}" is not available on Linux: use ${PACKAGE_FORMATS.join(' or ')}`)
  }
  return format as PackageFormat
}

/** Builds the package and returns its path. */
export async function packageApp (paths: BuildPaths, format: PackageFormat, log: Log): Promise<string> {
  const root = paths.root
  const output = join(dirname(root), `${basename(root)}.${format}`)
  rmSync(output, { force: true })
  if (format === 'deb') {
    await run('dpkg-deb', ['--build', '--root-owner-group', root, output], dirname(root), log,
      'dpkg-deb is missing: apt-get install dpkg-dev')
  } else {
    // The app itself (<name>/<name>, its files, socket/): unzip and run, no Debian tree around it.
    await run('zip', ['-q', '-r', '-y', output, basename(paths.resources)], dirname(paths.resources), log, 'zip is missing: apt-get install zip')
  }
  if (!existsSync(output)) throw new CliError(`packaging finished but ${output} was not written`)
  return output
}

async function run (command: string, args: string[], cwd: string, log: Log, missing: string): Promise<void> {
  log.debug(`$ ${command} ${args.join(' ')}`)
  const child = spawn(command, args, { cwd, stdio: ['ignore', log.verbose ? 'inherit' : 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const status = await new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new CliError(missing) : error))
    child.on('exit', (code) => resolve(code ?? 1))
  })
  if (status !== 0) throw new CliError(`${command} failed (exit status ${status}): ${stderr.trim()}`)
}
