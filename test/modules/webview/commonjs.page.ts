// Runs in the webview: the require() cases over the tree the test put in the app's resources folder.
import { observeRequire } from '../cases/commonjs.cases.ts'
import { errorShape } from '../harness/observe.ts'

let result: unknown
try {
  const t0 = performance.now()
  const mod = await import('socket:module' as string)
  const t1 = performance.now()
  const commonjs = await import('socket:commonjs' as string)
  const observations = observeRequire(mod.createRequire('/main.js'), '', mod.isBuiltin)
  const t2 = performance.now()
  result = {
    timings: { importModuleMs: Math.round(t1 - t0), casesMs: Math.round(t2 - t1) },
    observations,
    commonjsRequire: commonjs.require('./data.json').answer,
    moduleClass: [typeof mod.Module, typeof mod.Module._load, Array.isArray(mod.builtinModules), mod.default === mod.Module],
    fileUrl: mod.createRequire(new URL('/main.js', location.href))('./data.json').answer
  }
} catch (error) {
  result = { failedToRun: errorShape(error), message: String((error as Error)?.stack ?? error) }
}
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
