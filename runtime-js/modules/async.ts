// socket:async — the original's async context module: async_hooks' classes plus the TC39 AsyncContext
// (Variable, Snapshot) shape and Deferred (a promise with its resolve/reject).
import hooks from './async_hooks.ts'
import { AsyncContext } from '../internal/async/storage.ts'

export { AsyncHook, AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, executionAsyncResource, triggerAsyncId } from './async_hooks.ts'
export { AsyncContext }

export class Deferred<T = unknown> {
  readonly promise: Promise<T>
  resolve!: (value: T | PromiseLike<T>) => void
  reject!: (reason?: unknown) => void
  constructor () {
    this.promise = new Promise<T>((resolve, reject) => { this.resolve = resolve; this.reject = reject })
  }

  then<A = T, B = never> (onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.promise.then(onFulfilled, onRejected)
  }

  catch<B = never> (onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.promise.catch(onRejected)
  }

  get [Symbol.toStringTag] (): string { return 'Deferred' }
}

export default { ...hooks, AsyncContext, Deferred }
