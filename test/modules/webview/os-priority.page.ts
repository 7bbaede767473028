// Runs in the webview: the priority case file against socket:os and socket:child_process, then sets the
// priority of a process the test runner started (OUTSIDE_PID), which the runner reads back itself.
import { observePriority } from '../cases/os-priority.cases.ts'
import { errorShape } from '../harness/observe.ts'

declare const OUTSIDE_PID: string
const load = async (name: string): Promise<any> => await import(name)

let result: unknown
try {
  const os = await load('socket:os')
  const cases = await observePriority(os, await load('socket:child_process'))
  let outside: unknown
  try {
    os.setPriority(Number(OUTSIDE_PID), 17)
    outside = os.getPriority(Number(OUTSIDE_PID))
  } catch (error) {
    outside = { threw: errorShape(error) }
  }
  result = { cases, outside }
} catch (error) {
  result = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
