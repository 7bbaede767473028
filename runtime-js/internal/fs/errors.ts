// Native failures in Node's shape: `ENOENT: no such file or directory, open '/x'` with code, errno
// (negative, as Node), syscall and the path the caller passed (not the host's resolved one).
import { errnoException } from '../errors.ts'
import { tmpdir } from '../../modules/os.ts'
import type { NativeCall } from './ops.ts'

export function toNodeError (error: unknown, call: Pick<NativeCall, 'syscall' | 'path' | 'dest'>): Error {
  const e = error as { name?: string, code?: string, message?: string }
  const details = { syscall: call.syscall, path: call.path, dest: call.dest }
  if (typeof e?.code === 'string' && /^E[A-Z0-9]+$/.test(e.code)) return errnoException(e.code, details)
  // The host's sandbox refuses paths outside what the app may touch; to Node code that is EACCES.
  if (e?.name === 'NotAllowedError') {
    // The reason (which socket.ini key grants the path) goes in the message too, where people look first.
    const error = errnoException('EACCES', details)
    const tmp = tmpdir()
    const inTmp = call.path !== undefined && (call.path === tmp || call.path.startsWith(tmp + '/'))
    const hint = inTmp ? `; ${tmp} is os.tmpdir(): add [filesystem] allow[] = $TMP` : ''
    error.message += ` (${e.message ?? 'not allowed'}${hint})`
    return Object.assign(error, { reason: e.message })
  }
  if (e?.name === 'NotFoundError' && call.path !== undefined) return errnoException('ENOENT', details)
  return error instanceof Error ? error : new Error(String(error))
}
