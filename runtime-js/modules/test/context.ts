// socket:test/context — what the original installs around a test run: an uncaught error or unhandled
// rejection while tests run is a failed assertion (`not ok … uncaught …`) and fails the run, instead of
// being lost in the page. `socket:test` installs it on its global runner; call it for a runner of your own.
// Returns the function that removes the listeners.
import type { TestRunner } from './runner.ts'

export default function context (runner: TestRunner): () => void {
  if (typeof globalThis.addEventListener !== 'function') return () => {}
  const onError = (event: ErrorEvent): void => { runner.reportUncaught('uncaught error', event.error ?? event.message) }
  const onRejection = (event: PromiseRejectionEvent): void => { runner.reportUncaught('unhandled rejection', event.reason) }
  globalThis.addEventListener('error', onError)
  globalThis.addEventListener('unhandledrejection', onRejection)
  return () => {
    globalThis.removeEventListener('error', onError)
    globalThis.removeEventListener('unhandledrejection', onRejection)
  }
}

export { context }
