// socket:timers — the webview's timers under Node's names, plus setImmediate (not in browsers).
export { setImmediate, clearImmediate } from '../internal/immediate.ts'
import { setImmediate, clearImmediate } from '../internal/immediate.ts'
import * as promises from './timers/promises.ts'

export const setTimeout = globalThis.setTimeout.bind(globalThis)
export const clearTimeout = globalThis.clearTimeout.bind(globalThis)
export const setInterval = globalThis.setInterval.bind(globalThis)
export const clearInterval = globalThis.clearInterval.bind(globalThis)
export { promises }
export default { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, promises }
