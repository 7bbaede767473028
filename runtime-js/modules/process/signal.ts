// socket:process/signal (and its deprecated alias socket:signal) — the original's signal module: each Linux
// signal by name, `constants`, the C library's texts (`strings`), getCode/getName/getMessage/toString, and
// add/removeEventListener on the `socket.runtime.signal` BroadcastChannel, where the original delivers
// signals to every window. The Linux host does not forward OS signals to pages (docs/modules.md): listeners
// hear what other pages and workers of the app post there, as `{ signal: <number> }`.
import { signalConstants } from '../../internal/errno.ts'
import { signalStrings } from '../../internal/strerror.ts'
import { codeTable } from '../../internal/code-table.ts'

export const constants = signalConstants
export const strings = signalStrings
const table = codeTable(constants, strings)
export const { getCode, getName, getMessage, toString } = table

export const {
  SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGIOT, SIGBUS, SIGFPE, SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2,
  SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGSTKFLT, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU,
  SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGPOLL, SIGPWR, SIGSYS
} = constants

/** Created on first use, so that importing the module opens no channel (and keeps nothing alive). */
let shared: BroadcastChannel | undefined
function signalChannel (): BroadcastChannel {
  shared ??= new BroadcastChannel('socket.runtime.signal')
  return shared
}
export const channel = {
  get name (): string { return 'socket.runtime.signal' },
  postMessage (message: { signal: number | string }): void { signalChannel().postMessage(message) }
}

type Listener = (event: MessageEvent) => void
const wrappers = new Map<string, Map<Listener, Listener>>()

function nameOf (signal: string | number): string {
  const name = getName(signal)
  if (name === '') throw new TypeError(`unknown signal: ${String(signal)}`)
  return name
}

/** Calls `callback(event)` whenever `signalName` (e.g. 'SIGUSR1' or 10) is posted on the signal channel. */
export function addEventListener (signalName: string | number, callback: Listener, options?: AddEventListenerOptions): void {
  if (typeof callback !== 'function') throw new TypeError('signal.addEventListener: callback must be a function')
  const name = nameOf(signalName)
  const code = constants[name]
  const wrapper: Listener = (event) => {
    const posted = (event.data as { signal?: unknown } | null)?.signal
    if (posted === code || (typeof posted === 'string' && posted.toUpperCase() === name)) callback(event)
  }
  let byCallback = wrappers.get(name)
  if (byCallback === undefined) wrappers.set(name, byCallback = new Map())
  byCallback.set(callback, wrapper)
  signalChannel().addEventListener('message', wrapper, options)
}

export function removeEventListener (signalName: string | number, callback: Listener, options?: EventListenerOptions): void {
  const name = nameOf(signalName)
  const wrapper = wrappers.get(name)?.get(callback)
  if (wrapper === undefined) return
  wrappers.get(name)?.delete(callback)
  shared?.removeEventListener('message', wrapper, options)
}

export default { ...constants, constants, strings, channel, ...table, addEventListener, removeEventListener }
