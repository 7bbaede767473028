// Runs a page script in a real WebKitGTK window through the project's host (Contract 4): a temp resources
// dir with socket-config.json, the bundled runtime under socket/, and the script bundled by esbuild with
// `socket:`/`node:` imports left for the host to serve. The script prints one `__RESULT__ <json>` line;
// the harness then stops the host it started (the app has no exit route to call yet in every build).
import { build } from 'esbuild'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..', '..', '..')
export const hostBinary = process.env.SOCKET_HOST_BINARY ?? join(root, 'build', 'native', 'socket-host')
const runtimeDir = join(root, 'build', 'runtime', 'socket')

/** Why webview runs cannot happen here, or undefined when they can. */
export function webviewUnavailable (): string | undefined {
  if (!existsSync(hostBinary)) return 'build/native/socket-host is not built (npm run build:native)'
  if (process.env.DISPLAY === undefined || process.env.DISPLAY === '') return 'no X display (run under xvfb-run, as npm test does)'
  return undefined
}

export interface WebviewRun { result: unknown, stdout: string, stderr: string, resources: string, exitCode?: number | null }

export interface WebviewOptions {
  timeoutMs?: number
  argv?: string[]
  /** Extra socket.ini keys (flattened), e.g. `filesystem_allow` for a test directory. */
  config?: Record<string, string>
  /** Compile-time constants for the page script (esbuild `define`), e.g. the test directory's path. */
  define?: Record<string, string>
  /** Wait for the host to exit by itself (and report its status) instead of for a __RESULT__ line. */
  waitForExit?: boolean
  /** Extra files for the app's resources folder, by relative path (e.g. a node_modules tree). */
  files?: Record<string, string>
  /** Sees each stdout line as it arrives (e.g. to act on the host while the page waits). */
  onLine?: (line: string, resources: string) => void
}

export async function runInWebview (entry: string, options: WebviewOptions = {}): Promise<WebviewRun> {
  if (!existsSync(join(runtimeDir, 'manifest.json'))) {
    const built = spawnSync('npx', ['tsx', 'scripts/build-runtime.ts', '--no-types'], { cwd: root, encoding: 'utf8' })
    if (built.status !== 0) throw new Error(`build-runtime failed: ${built.stderr}`)
  }
  const resources = mkdtempSync(join(tmpdir(), 'socket-modules-webview-'))
  try {
    writeFileSync(join(resources, 'socket-config.json'), JSON.stringify({
      meta_bundle_identifier: 'org.socket.modules.test', meta_title: 'modules test', build_name: 'modules-test', ...options.config
    }))
    writeFileSync(join(resources, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"></head><body>modules test</body></html>\n')
    symlinkSync(runtimeDir, join(resources, 'socket'))
    for (const [path, text] of Object.entries(options.files ?? {})) {
      mkdirSync(dirname(join(resources, path)), { recursive: true })
      writeFileSync(join(resources, path), text)
    }
    await build({
      entryPoints: [entry], outfile: join(resources, 'page.js'), bundle: true, format: 'esm', platform: 'browser',
      target: 'es2022', external: ['socket:*', 'node:*'], logLevel: 'error',
      define: Object.fromEntries(Object.entries(options.define ?? {}).map(([key, value]) => [key, JSON.stringify(value)]))
    })
    return { ...await runHost(resources, options.timeoutMs ?? 30_000, options.argv ?? [], options.waitForExit === true, options.onLine === undefined ? undefined : (line) => options.onLine!(line, resources)), resources }
  } finally {
    rmSync(resources, { recursive: true, force: true })
  }
}

function runHost (resources: string, timeoutMs: number, argv: string[], waitForExit: boolean, onLine?: (line: string) => void): Promise<Omit<WebviewRun, 'resources'>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(hostBinary, [`--resources=${resources}`, '--test=page.js', '--headless', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let settled = false
    const finish = (error: Error | undefined, result?: unknown): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        // A host whose main thread is stuck never handles SIGTERM (it is read on the main loop): kill it so a
        // hung page cannot keep the test run waiting on its child.
        setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL') }, 5000).unref()
      }
      if (error !== undefined) reject(error)
      else resolvePromise({ result, stdout, stderr })
    }
    const timer = setTimeout(() => finish(new Error(`webview run timed out after ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`)), timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (onLine !== undefined) for (const line of (stdout.slice(stdout.lastIndexOf('\n') + 1) + chunk).split('\n').slice(0, -1)) onLine(line)
      stdout += chunk
      const line = stdout.split('\n').find((l) => l.startsWith('__RESULT__ '))
      if (!waitForExit && line !== undefined && stdout.includes('\n', stdout.indexOf(line))) {
        try {
          finish(undefined, JSON.parse(line.slice('__RESULT__ '.length)))
        } catch (error) {
          finish(error as Error)
        }
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    child.on('error', (error) => finish(error))
    child.on('exit', (code) => {
      if (waitForExit) {
        settled = true
        clearTimeout(timer)
        resolvePromise({ result: undefined, stdout, stderr, exitCode: code })
      } else {
        finish(new Error(`host exited (${code}) before reporting\nstdout:\n${stdout}\nstderr:\n${stderr}`))
      }
    })
  })
}
