// Node's events.EventEmitterAsyncResource: an EventEmitter whose listeners run in the async context where the
// emitter was made (through its own AsyncResource), not the emitter's caller's.
import EventEmitter from 'events/events.js'
import { AsyncResource, type AsyncResourceOptions } from './hooks.ts'

const kEventEmitter = Symbol('kEventEmitter')

class EventEmitterReferencingAsyncResource extends AsyncResource {
  readonly [kEventEmitter]: EventEmitter
  constructor (emitter: EventEmitter, type: string, options?: AsyncResourceOptions) {
    super(type, options)
    this[kEventEmitter] = emitter
  }

  get eventEmitter (): EventEmitter { return this[kEventEmitter] }
}

export interface EventEmitterAsyncResourceOptions extends AsyncResourceOptions { name?: string, captureRejections?: boolean }

export class EventEmitterAsyncResource extends EventEmitter {
  readonly #resource: EventEmitterReferencingAsyncResource

  constructor (options?: EventEmitterAsyncResourceOptions | string) {
    const name = typeof options === 'string' ? options : options?.name ?? new.target.name
    super()
    this.#resource = new EventEmitterReferencingAsyncResource(this, name, typeof options === 'string' ? undefined : options)
  }

  emit (event: string | symbol, ...args: unknown[]): boolean {
    return this.#resource.runInAsyncScope(() => super.emit(event, ...args))
  }

  emitDestroy (): void { this.#resource.emitDestroy() }
  get asyncId (): number { return this.#resource.asyncId() }
  get triggerAsyncId (): number { return this.#resource.triggerAsyncId() }
  get asyncResource (): AsyncResource & { readonly eventEmitter: EventEmitter } { return this.#resource }
}
