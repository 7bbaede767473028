// socket:child_process — spawn, exec and execFile on real child processes of the host (desktop only; a window's
// children die with it; socket.ini `[permissions] allow_child_process = false` refuses them with
// NotAllowedError). The synchronous forms and fork cannot exist over asynchronous IPC: NotSupportedError.
import { ChildProcess, type SpawnOptions } from '../internal/child_process/child.ts'
import { Buffer } from './buffer.ts'
import { NotSupportedError, invalidArgType } from '../internal/errors.ts'
import { customPromisify } from '../internal/promisify.ts'
import type { BufferEncoding } from '../internal/buffer-encoding.ts'

export { ChildProcess }
export type { SpawnOptions }

export interface ExecOptions extends SpawnOptions { encoding?: BufferEncoding | 'buffer' | null, maxBuffer?: number, killSignal?: string | number }
type ExecCallback = (error: (Error & { code?: number | string | null, killed?: boolean, signal?: string | null, cmd?: string }) | null, stdout: string | Buffer, stderr: string | Buffer) => void

function checkFile (file: unknown): string {
  if (typeof file !== 'string') throw invalidArgType('file', 'string', file)
  return file
}

/** Starts `file` with `args`; output arrives on the returned ChildProcess's streams. */
export function spawn (file: string, args?: readonly string[] | SpawnOptions, options?: SpawnOptions): ChildProcess {
  checkFile(file)
  if (!Array.isArray(args)) { options = args as SpawnOptions | undefined; args = [] }
  const list = (args as readonly unknown[]).map(String)
  if (options?.shell) {
    const shell = typeof options.shell === 'string' ? options.shell : '/bin/sh'
    return new ChildProcess(shell, ['-c', [file, ...list].join(' ')], options)
  }
  return new ChildProcess(file, list, options)
}

// Collects a child's output and answers `callback` as Node's execFile does (an error when the status is not 0).
function collect (child: ChildProcess, command: string, options: ExecOptions, callback?: ExecCallback): ChildProcess {
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
  let failed: Error | null = null
  child.on('error', (error: Error) => { failed = error })
  child.on('close', (code: number | null, signal: string | null) => {
    if (!callback) return
    const encode = (chunks: Buffer[]): string | Buffer => options.encoding === 'buffer' || options.encoding === null
      ? Buffer.concat(chunks) : Buffer.concat(chunks).toString(options.encoding ?? 'utf8')
    const stdout = encode(out)
    const stderr = encode(err)
    if (failed) return callback(Object.assign(failed, { cmd: command }), stdout, stderr)
    if (code === 0 && signal === null) return callback(null, stdout, stderr)
    const error = Object.assign(new Error(`Command failed: ${command}\n${String(stderr)}`), { code, killed: child.killed, signal, cmd: command })
    callback(error, stdout, stderr)
  })
  return child
}

/** Runs `command` through /bin/sh and calls back with its whole output. */
export function exec (command: string, options?: ExecOptions | ExecCallback, callback?: ExecCallback): ChildProcess {
  if (typeof command !== 'string') throw invalidArgType('command', 'string', command)
  if (typeof options === 'function') { callback = options; options = {} }
  const opts = options ?? {}
  const shell = typeof opts.shell === 'string' ? opts.shell : '/bin/sh'
  return collect(new ChildProcess(shell, ['-c', command], { ...opts, shell: false }), command, opts, callback)
}

/** Runs `file` with `args` (no shell) and calls back with its whole output. */
export function execFile (file: string, args?: readonly string[] | ExecOptions | ExecCallback, options?: ExecOptions | ExecCallback, callback?: ExecCallback): ChildProcess {
  checkFile(file)
  if (typeof args === 'function') { callback = args; args = []; options = {} }
  else if (!Array.isArray(args)) { callback = options as ExecCallback | undefined; options = args as ExecOptions | undefined; args = [] }
  if (typeof options === 'function') { callback = options; options = {} }
  const list = (args as readonly unknown[]).map(String)
  return collect(new ChildProcess(file, list, options ?? {}), [file, ...list].join(' '), options ?? {}, callback)
}

// util.promisify(exec) / (execFile) resolve {stdout, stderr}, as Node's do.
function promised (run: (callback: ExecCallback) => ChildProcess): Promise<{ stdout: string | Buffer, stderr: string | Buffer }> {
  return new Promise((resolve, reject) => {
    run((error, stdout, stderr) => error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr }))
  })
}
Object.defineProperty(exec, customPromisify, { value: async (command: string, options?: ExecOptions) => await promised((cb) => exec(command, options ?? {}, cb)) })
Object.defineProperty(execFile, customPromisify, { value: async (file: string, args?: string[], options?: ExecOptions) => await promised((cb) => execFile(file, args ?? [], options ?? {}, cb)) })

function unsupported (name: string): () => never {
  return () => { throw new NotSupportedError(`child_process.${name} (a synchronous child cannot be waited for over asynchronous IPC; use the callback or promise form)`) }
}

export const spawnSync = unsupported('spawnSync')
export const execSync = unsupported('execSync')
export const execFileSync = unsupported('execFileSync')
export const fork = (): never => { throw new NotSupportedError('child_process.fork (there is no Node.js process to fork; spawn a program instead)') }

export default { ChildProcess, spawn, spawnSync, exec, execSync, execFile, execFileSync, fork }
