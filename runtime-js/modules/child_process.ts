// socket:child_process — spawn/exec (desktop only in the original). idl/ has no child_process capability
// yet, so every entry point throws a NotSupportedError that says so; the backend process
// (socket:application backend, `[linux] cmd`) is the supported way to run native code beside the app.
import { NotSupportedError } from '../internal/errors.ts'

function unsupported (name: string): () => never {
  return () => { throw new NotSupportedError(`child_process.${name} (idl/ has no child_process capability yet; use application.backend)`) }
}

export const spawn = unsupported('spawn')
export const spawnSync = unsupported('spawnSync')
export const exec = unsupported('exec')
export const execSync = unsupported('execSync')
export const execFile = unsupported('execFile')
export const execFileSync = unsupported('execFileSync')
export const fork = unsupported('fork')

export default { spawn, spawnSync, exec, execSync, execFile, execFileSync, fork }
