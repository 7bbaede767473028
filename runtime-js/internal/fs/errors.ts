// Native failures in Node's shape: `ENOENT: no such file or directory, open '/x'` with code, errno
// (negative, as Node), syscall and the path the caller passed (not the host's resolved one).
import { errnoException } from '../errors.ts'
import type { NativeCall } from './ops.ts'

export function toNodeError (error: unknown, call: Pick<NativeCall, 'syscall' | 'path' | 'dest'>): Error {
  const e = error as { name?: string, code?: string, message?: string }
  const details = { syscall: call.syscall, path: call.path, dest: call.dest }
  if (typeof e?.code === 'string' && /^E[A-Z0-9]+$/.test(e.code)) return errnoException(e.code, details)
  // The host's sandbox refuses paths outside what the app may touch; to Node code that is EACCES.
  if (e?.name === 'NotAllowedError') {
    return Object.assign(errnoException('EACCES', details), { reason: e.message })
  }
  if (e?.name === 'NotFoundError' && call.path !== undefined) return errnoException('ENOENT', details)
  return error instanceof Error ? error : new Error(String(error))
}
