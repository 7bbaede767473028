// Runs in the webview: the os case file against socket:os.
import { observeOs } from '../cases/os.cases.ts'
import { errorShape } from '../harness/observe.ts'

let result: unknown
try {
  const specifier = 'socket:os'
  result = observeOs(await import(specifier))
} catch (error) {
  result = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
