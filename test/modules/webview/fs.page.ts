// Runs in the webview: the fs case file against socket:fs in the directory the test allowed for this app.
import { observeFs } from '../cases/fs.cases.ts'
import { errorShape } from '../harness/observe.ts'

declare const FS_TEST_DIR: string

let result: unknown
try {
  const specifier = 'socket:fs'
  result = await observeFs(await import(specifier), FS_TEST_DIR)
} catch (error) {
  result = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
