// Runs in the webview: the dgram case file against socket:dgram (real UDP sockets through the host).
import { observeDgram } from '../cases/dgram.cases.ts'
import { errorShape } from '../harness/observe.ts'

let result: unknown
try {
  const specifier = 'socket:dgram'
  result = await observeDgram(await import(specifier))
} catch (error) {
  result = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
