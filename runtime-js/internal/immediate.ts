// setImmediate for the webview: callbacks queued in one batch, run by a private MessageChannel message.
// Not a 0 ms timer: WebKit throttles timers in hidden pages (headless windows), where setTimeout(0) was
// measured at ~490 ms while a MessageChannel round trip took ~0.5 ms. In Node the native one is used.
import { bindCurrent } from './async/propagation.ts'

type Immediate = { id: number, cancelled: boolean }

const native = (globalThis as { setImmediate?: (fn: (...a: unknown[]) => void, ...args: unknown[]) => unknown }).setImmediate
const nativeClear = (globalThis as { clearImmediate?: (handle: unknown) => void }).clearImmediate
let queue: Array<{ handle: Immediate, run: () => void }> = []
let channel: MessageChannel | undefined
let nextId = 1

function flush (): void {
  const batch = queue
  queue = []
  for (const { handle, run } of batch) if (!handle.cancelled) run()
}

export function setImmediate<A extends unknown[]> (callback: (...args: A) => void, ...args: A): unknown {
  if (typeof callback !== 'function') {
    throw Object.assign(new TypeError('The "callback" argument must be of type function'), { code: 'ERR_INVALID_ARG_TYPE' })
  }
  if (native !== undefined) return native(bindCurrent(callback) as (...a: unknown[]) => void, ...args)
  if (channel === undefined) {
    channel = new MessageChannel()
    channel.port1.onmessage = flush
  }
  const handle: Immediate = { id: nextId++, cancelled: false }
  const bound = bindCurrent(callback) // the async context where it was scheduled (socket:async_hooks)
  queue.push({ handle, run: () => bound(...args) })
  if (queue.length === 1) channel.port2.postMessage(null)
  return handle
}

export function clearImmediate (handle: unknown): void {
  if (native !== undefined && nativeClear !== undefined) return nativeClear(handle)
  if (handle !== null && typeof handle === 'object' && 'cancelled' in handle) (handle as Immediate).cancelled = true
}
