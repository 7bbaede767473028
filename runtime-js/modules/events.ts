// socket:events — Node's EventEmitter, from the `events` npm package (a port of Node's lib/events.js).
import EventEmitter from 'events/events.js'

// Node tags an unhandled non-Error 'error' event with ERR_UNHANDLED_ERROR; the port throws it untagged.
const portEmit = EventEmitter.prototype.emit
EventEmitter.prototype.emit = function emit (this: EventEmitter, type: string | symbol, ...args: unknown[]): boolean {
  try {
    return portEmit.call(this, type, ...args)
  } catch (error) {
    if (type === 'error' && !(args[0] instanceof Error) && error instanceof Error && 'context' in error) {
      const inspected = typeof args[0] === 'string' ? `'${args[0]}'` : String(args[0])
      throw Object.assign(new Error(`Unhandled error. (${inspected})`), { code: 'ERR_UNHANDLED_ERROR', context: args[0] })
    }
    throw error
  }
}

export { EventEmitter }
export const once = EventEmitter.once
export default EventEmitter
