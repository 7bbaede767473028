// util.types: the `util` port's predicates, with answers for the three it throws a plain Error for
// ("not supported in userland"): isExternal is false (a webview has no C++ externals to hand a script),
// isModuleNamespaceObject recognises a namespace by its shape (null prototype, non-extensible, tagged
// "Module"), and isProxy throws NotSupportedError (no script can tell a Proxy from its target).
import port from 'util/util.js'
import { NotSupportedError } from './errors.ts'

function isModuleNamespaceObject (value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === null &&
    !Object.isExtensible(value) && (value as Record<symbol, unknown>)[Symbol.toStringTag] === 'Module'
}

export const types: Record<string, (value: unknown) => boolean> = {
  ...(port.types as unknown as Record<string, (value: unknown) => boolean>),
  isExternal: () => false,
  isModuleNamespaceObject,
  isProxy: () => { throw new NotSupportedError('util.types.isProxy (a script cannot tell a Proxy from its target)') }
}
