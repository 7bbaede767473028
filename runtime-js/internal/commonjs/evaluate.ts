// Turns a CommonJS source into a function of (exports, require, module, __filename, __dirname). This needs
// eval in the page's realm: the default CSP has no 'unsafe-eval' (socket.ini `[webview] allow_eval = true` adds it), and a
// `[webview] csp` without it refuses it too, and require() says so as a NotSupportedError naming the key instead of an opaque EvalError.
import { NotSupportedError } from '../errors.ts'

export type ModuleFunction = (exports: unknown, require: unknown, module: unknown, filename: string, dirname: string) => void

export function compileModule (source: string, url: string): ModuleFunction {
  const body = source.replace(/^#!.*/, '') + `\n//# sourceURL=${url}`
  try {
    // eslint-disable-next-line no-new-func
    return new Function('exports', 'require', 'module', '__filename', '__dirname', body) as ModuleFunction
  } catch (error) {
    if (isCspRefusal(error)) throw evalRefused(`require() of ${url}`)
    throw error
  }
}

/** WebKit reports a CSP eval refusal as an EvalError ("Refused to evaluate a string as JavaScript ..."). */
export function isCspRefusal (error: unknown): boolean {
  return error instanceof EvalError || /unsafe-eval|Content Security Policy/i.test(String((error as Error)?.message))
}

export function evalRefused (what: string): NotSupportedError {
  return new NotSupportedError(`${what} (it compiles code at run time: set [webview] allow_eval = true in socket.ini, or add 'unsafe-eval' to script-src in [webview] csp)`)
}
