// Where this checkout keeps the parts `ssc build` assembles: the prebuilt host and the bundled runtime JS.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'

/** The repository root (`cli/src/` is two levels below it). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The host built by `npm run build:native`; `SSC_HOST_BINARY` points elsewhere (e.g. an installed host). */
export function hostBinaryPath (): string {
  return process.env.SSC_HOST_BINARY ?? join(REPO_ROOT, 'build', 'native', 'socket-host')
}

/** The `socket:` modules bundled by `npm run build:runtime`; `SOCKET_HOME_API` overrides it, as in the original. */
export function runtimeJsPath (): string {
  return process.env.SOCKET_HOME_API ?? join(REPO_ROOT, 'build', 'runtime', 'socket')
}

/** The folder holding `socket/extension.h`, which `[build.extensions]` sources include. */
export function extensionSdkPath (): string {
  return join(REPO_ROOT, 'native', 'extension-sdk')
}

export function cliVersion (): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
  return pkg.version
}

/** The short commit hash of the checkout, or "unknown" outside git. */
export function cliCommit (): string {
  if (!existsSync(join(REPO_ROOT, '.git'))) return 'unknown'
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return 'unknown'
  }
}
