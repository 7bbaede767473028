// socket:timers — the webview's timers under Node's names, plus setImmediate (not in browsers).
export { setImmediate, clearImmediate } from '../internal/immediate.ts'
import { setImmediate, clearImmediate } from '../internal/immediate.ts'
import * as promises from './timers/promises.ts'

// Looked up at each call, not bound at load: socket:async_hooks may wrap the globals later to carry context.
export const setTimeout: typeof globalThis.setTimeout = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => globalThis.setTimeout(handler, timeout, ...args)) as typeof globalThis.setTimeout
export const clearTimeout = globalThis.clearTimeout.bind(globalThis)
export const setInterval: typeof globalThis.setInterval = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => globalThis.setInterval(handler, timeout, ...args)) as typeof globalThis.setInterval
export const clearInterval = globalThis.clearInterval.bind(globalThis)
export { promises }
export default { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, promises }
