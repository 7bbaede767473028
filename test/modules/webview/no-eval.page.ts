// Runs in the webview under a CSP without 'unsafe-eval': require() of a CommonJS file and vm must throw
// NotSupportedError naming the socket.ini key, while JSON, builtins and the rest of the page keep working.
import { Observer } from '../harness/observe.ts'

const o = new Observer()
const { createRequire } = await import('socket:module' as string)
const vm = await import('socket:vm' as string)
const require = createRequire('/main.js')
o.see('require js', () => require('./lib.js'))
o.see('require js message', () => { try { require('./lib.js') } catch (e) { return /allow_eval/.test((e as Error).message) && /unsafe-eval/.test((e as Error).message) } return false })
o.see('require json', () => require('./data.json'))
o.see('require builtin', () => require('path').basename('/a/b.txt'))
o.see('vm.runInNewContext', () => vm.runInNewContext('1 + 1', {}))
o.see('vm.runInThisContext', () => vm.runInThisContext('1 + 1'))
o.see('vm.compileFunction', () => vm.compileFunction('return 1'))
console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
