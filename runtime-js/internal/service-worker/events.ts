// ExtendableEvent and FetchEvent as socket:service-worker exports them (the original's two exports). Inside a
// worker the scope emulation (scope.ts) defines its own copies, since that code runs from a string.
export class ExtendableEvent extends Event {
  #pending: Array<Promise<unknown>> = []
  waitUntil (promise: unknown): void { this.#pending.push(Promise.resolve(promise)) }
  /** Resolves once every promise given to waitUntil has. */
  async waitsFor (): Promise<void> { await Promise.all(this.#pending) }
}

export class FetchEvent extends ExtendableEvent {
  readonly request: Request
  readonly clientId: string
  #response: Promise<Response> | undefined

  constructor (type: string, init: { request: Request, clientId?: string }) {
    super(type, { cancelable: true })
    this.request = init.request
    this.clientId = init.clientId ?? ''
  }

  respondWith (response: Response | Promise<Response>): void {
    if (this.#response !== undefined) throw new DOMException('respondWith() was already called', 'InvalidStateError')
    this.#response = Promise.resolve(response)
    this.stopImmediatePropagation()
  }

  /** What respondWith was given, or undefined (the request then goes to the file). */
  get response (): Promise<Response> | undefined { return this.#response }
}
