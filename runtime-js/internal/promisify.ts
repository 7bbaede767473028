// util.promisify with Node's well-known symbol (the npm `util` port uses a private one, which would make
// `fn[Symbol.for('nodejs.util.promisify.custom')]` set by apps or by our fs invisible).
export const customPromisify: unique symbol = Symbol.for('nodejs.util.promisify.custom') as never

type Callback = (error: unknown, ...values: unknown[]) => void

export function promisify<F extends (...args: any[]) => any> (original: F): (...args: any[]) => Promise<any> {
  if (typeof original !== 'function') {
    throw Object.assign(new TypeError('The "original" argument must be of type function'), { code: 'ERR_INVALID_ARG_TYPE' })
  }
  const custom = (original as unknown as Record<symbol, unknown>)[customPromisify]
  if (custom !== undefined) {
    if (typeof custom !== 'function') {
      throw Object.assign(new TypeError('The "util.promisify.custom" argument must be of type function'), { code: 'ERR_INVALID_ARG_TYPE' })
    }
    return custom as (...args: any[]) => Promise<any>
  }
  function promisified (this: unknown, ...args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const callback: Callback = (error, value) => { if (error) reject(error); else resolve(value) }
      Reflect.apply(original, this, [...args, callback])
    })
  }
  Object.setPrototypeOf(promisified, Object.getPrototypeOf(original))
  Object.defineProperty(promisified, customPromisify, { value: promisified, enumerable: false, writable: false, configurable: true })
  return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(original))
}
promisify.custom = customPromisify
