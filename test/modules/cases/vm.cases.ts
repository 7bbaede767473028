// socket:vm differential cases: each runs on node:vm in Node and on socket:vm in a window. Cross-realm
// facts (an array made in a context is no `instanceof Array` outside) hold in both.
import { Observer, type Observations } from '../harness/observe.ts'

export function observeVm (vm: any): Observations {
  const o = new Observer()
  o.see('runInNewContext expression', () => vm.runInNewContext('a + b', { a: 1, b: 2 }))
  o.see('context gets assignments, vars and functions', () => {
    const context = vm.createContext({ x: 1 })
    vm.runInContext('x += 1; y = x * 2; var z = 3; function f () { return 7 }', context)
    return [context.x, context.y, context.z, typeof context.f, context.f()]
  })
  o.see('state persists across runs', () => {
    const context = vm.createContext({})
    vm.runInContext('count = (typeof count === "number" ? count : 0) + 1', context)
    vm.runInContext('count = count + 1', context)
    return context.count
  })
  o.see('isContext', () => [vm.isContext(vm.createContext({})), vm.isContext({})])
  o.see('isContext of a primitive', () => vm.isContext(1))
  o.see('realm is separate', () => {
    const array = vm.runInNewContext('[1, 2]')
    return [vm.runInNewContext('[1] instanceof Array'), array instanceof Array, Array.isArray(array), array.length]
  })
  o.see('no require or process in a context', () => Array.from(vm.runInNewContext('[typeof require, typeof module, typeof Array, typeof globalThis]')))
  o.see('Script reused in contexts', () => { const s = new vm.Script('n * 2'); return [s.runInNewContext({ n: 21 }), s.runInNewContext({ n: 2 })] })
  o.see('runInThisContext sees globals', () => vm.runInThisContext('typeof globalThis.Array'))
  o.see('syntax error', () => vm.runInNewContext('('))
  o.see('thrown in context', () => {
    try { vm.runInNewContext('throw new TypeError("inside")') } catch (error: any) { return [error.name, error.message, error instanceof TypeError] }
    return 'no throw'
  })
  o.see('Script code type', () => new vm.Script(42))
  o.see('compileFunction', () => vm.compileFunction('return a + b', ['a', 'b'])(1, 2))
  o.see('compileFunction contextExtensions', () => vm.compileFunction('return x * k', ['x'], { contextExtensions: [{ k: 3 }] })(2))
  o.see('runInContext with a plain object', () => vm.runInContext('1', {}))
  return o.results
}
