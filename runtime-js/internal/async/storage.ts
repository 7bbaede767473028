// AsyncLocalStorage (Node's shape) and AsyncContext.Variable/Snapshot (the TC39 proposal's shape, which the
// original's socket:async also offers) over one context (context.ts).
import { currentFrame, replaceFrame, runInFrame, withValue, type Frame } from './context.ts'
import { installPropagation } from './propagation.ts'

export class AsyncLocalStorage<T = unknown> {
  #enabled = false

  /** `fn` bound to the current context. */
  static bind<F extends (...args: any[]) => any> (fn: F): F {
    const frame = currentFrame()
    return function (this: unknown, ...args: unknown[]) { return runInFrame(frame, undefined, () => fn.apply(this, args)) } as unknown as F
  }

  /** A function that runs its argument in the context captured now. */
  static snapshot (): <R, A extends unknown[]>(fn: (...args: A) => R, ...args: A) => R {
    const frame = currentFrame()
    return (fn, ...args) => runInFrame(frame, undefined, () => fn(...args))
  }

  getStore (): T | undefined {
    if (!this.#enabled) return undefined
    return currentFrame().get(this) as T | undefined
  }

  run<R, A extends unknown[]> (store: T, fn: (...args: A) => R, ...args: A): R {
    this.#enabled = true
    installPropagation()
    return runInFrame(withValue(currentFrame(), this, store), undefined, () => fn(...args))
  }

  exit<R, A extends unknown[]> (fn: (...args: A) => R, ...args: A): R {
    return runInFrame(withValue(currentFrame(), this, undefined, true), undefined, () => fn(...args))
  }

  enterWith (store: T): void {
    this.#enabled = true
    installPropagation()
    replaceFrame(withValue(currentFrame(), this, store))
  }

  disable (): void {
    this.#enabled = false
    if (currentFrame().has(this)) replaceFrame(withValue(currentFrame(), this, undefined, true))
  }
}

export class Variable<T = unknown> {
  readonly name: string
  readonly #defaultValue: T | undefined
  constructor (options: { name?: string, defaultValue?: T } = {}) {
    this.name = options.name ?? ''
    this.#defaultValue = options.defaultValue
  }

  get (): T | undefined {
    const frame = currentFrame()
    return frame.has(this) ? frame.get(this) as T : this.#defaultValue
  }

  run<R, A extends unknown[]> (value: T, fn: (...args: A) => R, ...args: A): R {
    installPropagation()
    return runInFrame(withValue(currentFrame(), this, value), undefined, () => fn(...args))
  }
}

export class Snapshot {
  readonly #frame: Frame = currentFrame()
  static wrap<F extends (...args: any[]) => any> (fn: F): F {
    const snapshot = new Snapshot()
    return function (this: unknown, ...args: unknown[]) { return snapshot.run(() => fn.apply(this, args)) } as unknown as F
  }

  run<R, A extends unknown[]> (fn: (...args: A) => R, ...args: A): R {
    return runInFrame(this.#frame, undefined, () => fn(...args))
  }
}

export const AsyncContext = Object.freeze({ Variable, Snapshot })
