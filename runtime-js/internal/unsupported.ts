// Stand-ins for parts of the original this runtime does not have, so an app's import still links and the
// first use fails with a NotSupportedError that names what it touched.
import { NotSupportedError } from './errors.ts'

/**
 * An object whose every property read throws NotSupportedError(`<name>.<property>`), except `ready` (a
 * promise rejected with it, for `await sodium.ready`) and `then` (undefined, so it is not a thenable).
 */
export function unsupportedNamespace (name: string, why: string): object {
  return new Proxy(Object.freeze({}), {
    get (_target, property) {
      if (property === 'then' || typeof property === 'symbol') return undefined
      if (property === 'ready') {
        const ready = Promise.reject(new NotSupportedError(`${name} (${why})`))
        ready.catch(() => {}) // rejected for whoever awaits it, not an unhandled rejection on load
        return ready
      }
      throw new NotSupportedError(`${name}.${String(property)} (${why})`)
    }
  })
}

/** A class whose construction throws NotSupportedError(`<name>`). */
export function unsupportedClass (name: string, why: string): new (...args: unknown[]) => never {
  return class {
    constructor () { throw new NotSupportedError(`${name} (${why})`) }
    static get name (): string { return name.split('.').pop() ?? name }
  } as unknown as new (...args: unknown[]) => never
}
