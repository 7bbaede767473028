// socket:commonjs — the original's CommonJS entry point: the same loader as socket:module, plus a
// `require` anchored at the app's root (its index.html directory).
import { Module, createRequire, isBuiltin, builtinModules } from './module.ts'

export const require = createRequire(new URL('./index.html', globalThis.location?.href ?? 'socket://localhost/').pathname)
export { Module, createRequire, isBuiltin, builtinModules }
export default { Module, createRequire, isBuiltin, builtinModules, require }
