// socket:perf_hooks — the webview's performance timeline under Node's names.
import { NotSupportedError } from '../internal/errors.ts'

export const performance = globalThis.performance
export const PerformanceObserver = globalThis.PerformanceObserver
export const PerformanceEntry = globalThis.PerformanceEntry
export const PerformanceMark = globalThis.PerformanceMark
export const PerformanceMeasure = globalThis.PerformanceMeasure
export function monitorEventLoopDelay (): never {
  throw new NotSupportedError('perf_hooks.monitorEventLoopDelay')
}
export default { performance, PerformanceObserver, PerformanceEntry, PerformanceMark, PerformanceMeasure, monitorEventLoopDelay }
