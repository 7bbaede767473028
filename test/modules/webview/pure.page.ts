// Runs in the webview: every pure differential case file against socket:<name>, and the os and process
// case files against socket:os and socket:process (the same machine as the test runner), results to stdout.
// The specifiers are computed from pureCases' keys; modules-table.test.ts checks that this list equals them.
// modules under test: path, events, buffer, util, url, querystring, crypto, string_decoder, net, assert, async_hooks, stream, timers/promises
import { pureCases } from '../cases/index.ts'
import { observeOs } from '../cases/os.cases.ts'
import { observeProcess } from '../cases/process.cases.ts'
import { errorShape } from '../harness/observe.ts'

const results: Record<string, unknown> = {}
for (const [name, observe] of Object.entries(pureCases)) {
  try {
    const specifier = `socket:${name}`
    results[name] = await observe(await import(specifier))
  } catch (error) {
    results[name] = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
  }
}
try {
  results.os = observeOs(await import('socket:os' as string))
} catch (error) {
  results.os = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
try {
  results.process = await observeProcess(await import('socket:process' as string))
} catch (error) {
  results.process = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
// Through '%s' so no console formatting touches the JSON (e.g. a '%%' inside a label).
console.log('%s', '__RESULT__ ' + JSON.stringify(results))
