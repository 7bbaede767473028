// socket:tty — a webview has no terminal: isatty is false for every descriptor.
import { NotSupportedError } from '../internal/errors.ts'

export function isatty (_fd?: number): boolean {
  return false
}
export const ReadStream = (): never => { throw new NotSupportedError('tty.ReadStream (a webview has no terminal)') }
export const WriteStream = (): never => { throw new NotSupportedError('tty.WriteStream (a webview has no terminal)') }
export default { isatty, ReadStream, WriteStream }
