// socket:vm — Node's vm over real JavaScript realms: each context is a hidden same-origin iframe (its own
// globals, Object, Array, ...), as the original's isolated realms. Code runs by the realm's own eval, so it
// needs 'unsafe-eval' in the app's CSP; without it every run throws NotSupportedError naming the socket.ini
// key ([webview] csp). Contexts are not a security boundary against hostile code (same origin), as in Node.
import { NotSupportedError } from '../internal/errors.ts'
import { evalRefused, isCspRefusal } from '../internal/commonjs/evaluate.ts'

interface Realm { global: any, baseline: Set<string> }

const realms = new WeakMap<object, Realm>()

export interface RunningCodeOptions { filename?: string, timeout?: number, breakOnSigint?: boolean, displayErrors?: boolean, lineOffset?: number, columnOffset?: number }

function checkOptions (options: RunningCodeOptions | string | undefined): void {
  if (typeof options === 'object' && options?.timeout !== undefined) throw new NotSupportedError('vm timeout option (a page cannot interrupt synchronous code)')
}

function createRealm (): Realm {
  if (typeof document === 'undefined') throw new NotSupportedError('vm.createContext outside a window (realms are iframes)')
  const frame = document.createElement('iframe')
  frame.setAttribute('aria-hidden', 'true')
  frame.style.display = 'none'
  ;(document.body ?? document.documentElement).appendChild(frame)
  const global = frame.contentWindow as any
  return { global, baseline: new Set(Object.getOwnPropertyNames(global)) }
}

function evaluate (global: any, code: string, filename: string | undefined): unknown {
  const source = filename !== undefined ? `${code}\n//# sourceURL=${filename}` : code
  try {
    return global.eval(source)
  } catch (error) {
    if (isCspRefusal(error) && !(error instanceof global.SyntaxError)) throw evalRefused('vm')
    throw error
  }
}

export function isContext (object: unknown): boolean {
  if (object === null || typeof object !== 'object') throw Object.assign(new TypeError('The "object" argument must be of type object.'), { code: 'ERR_INVALID_ARG_TYPE' })
  return realms.has(object)
}

/** Makes `context` a contextified object: code run in it sees its properties as globals. */
export function createContext (context: Record<string, any> = {}): Record<string, any> {
  if (context === null || typeof context !== 'object') throw Object.assign(new TypeError('The "contextObject" argument must be of type object.'), { code: 'ERR_INVALID_ARG_TYPE' })
  if (!realms.has(context)) realms.set(context, createRealm())
  return context
}

function runIn (context: Record<string, any>, code: string, options?: RunningCodeOptions | string): unknown {
  checkOptions(options)
  const realm = realms.get(context)
  if (realm === undefined) throw Object.assign(new TypeError('The "contextifiedObject" argument must be an vm.Context'), { code: 'ERR_INVALID_ARG_TYPE' })
  for (const key of Object.keys(context)) realm.global[key] = context[key]
  try {
    return evaluate(realm.global, code, typeof options === 'string' ? options : options?.filename)
  } finally {
    // Globals the code created or changed become the context's properties, as Node's contextified object.
    for (const key of Object.getOwnPropertyNames(realm.global)) {
      if (!realm.baseline.has(key) || Object.hasOwn(context, key)) context[key] = realm.global[key]
    }
  }
}

export class Script {
  readonly code: string
  readonly filename: string | undefined
  constructor (code: unknown, options: RunningCodeOptions | string = {}) {
    this.code = String(code) // Node coerces, as eval would
    this.filename = typeof options === 'string' ? options : options.filename
  }

  runInThisContext (options?: RunningCodeOptions): unknown {
    checkOptions(options)
    return evaluate(globalThis, this.code, options?.filename ?? this.filename)
  }

  runInContext (context: Record<string, any>, options?: RunningCodeOptions): unknown {
    return runIn(context, this.code, { filename: this.filename, ...options })
  }

  runInNewContext (context?: Record<string, any>, options?: RunningCodeOptions): unknown {
    return this.runInContext(createContext(context ?? {}), options)
  }

  createCachedData (): Uint8Array { return new Uint8Array(0) }
}

const runOptions = (options?: RunningCodeOptions | string): RunningCodeOptions | undefined => typeof options === 'object' ? options : undefined

export function runInThisContext (code: string, options?: RunningCodeOptions | string): unknown {
  return new Script(code, options).runInThisContext(runOptions(options))
}

export function runInContext (code: string, context: Record<string, any>, options?: RunningCodeOptions | string): unknown {
  return new Script(code, options).runInContext(context, runOptions(options))
}

export function runInNewContext (code: string, context?: Record<string, any>, options?: RunningCodeOptions | string): unknown {
  return new Script(code, options).runInNewContext(context, runOptions(options))
}

/** Node's compileFunction: a function of `params` whose body is `code`, in `parsingContext` if given. */
export function compileFunction (code: string, params: string[] = [], options: { parsingContext?: Record<string, any>, contextExtensions?: object[] } = {}): Function {
  const global = options.parsingContext !== undefined ? createRealmFor(options.parsingContext) : globalThis
  try {
    if (options.contextExtensions === undefined || options.contextExtensions.length === 0) return new global.Function(...params, code)
    // Extensions are scopes between the function and the globals: a sloppy-mode `with` over their union.
    const scope = Object.assign({}, ...options.contextExtensions)
    return new global.Function('scope', `return function (${params.join(', ')}) { with (scope) { return (function () { ${code}\n }).apply(this, arguments) } }`)(scope)
  } catch (error) {
    if (isCspRefusal(error) && !(error instanceof SyntaxError)) throw evalRefused('vm.compileFunction')
    throw error
  }
}

function createRealmFor (context: Record<string, any>): any {
  createContext(context)
  return (realms.get(context) as Realm).global
}

export function measureMemory (): Promise<never> {
  return Promise.reject(new NotSupportedError('vm.measureMemory'))
}

export default { Script, createContext, isContext, runInContext, runInNewContext, runInThisContext, compileFunction, measureMemory }
