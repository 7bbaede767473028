// Observations of events: the same file runs against node:events and socket:events.
import type { EventEmitter as NodeEventEmitter } from 'node:events'
import { Observer, type Observations } from '../harness/observe.ts'

interface EventsModule {
  EventEmitter: typeof NodeEventEmitter
  once: typeof NodeEventEmitter.once
  on: typeof NodeEventEmitter.on
  errorMonitor: symbol
  getEventListeners: (emitter: NodeEventEmitter, name: string) => Function[]
  setMaxListeners: (n: number, ...targets: NodeEventEmitter[]) => void
}

export async function observeEvents (events: EventsModule): Promise<Observations> {
  const o = new Observer()
  const { EventEmitter } = events
  const emitter = new EventEmitter()
  const calls: unknown[] = []
  emitter.on('x', (a: unknown, b: unknown) => calls.push(['on', a, b]))
  emitter.once('x', (a: unknown) => calls.push(['once', a]))
  emitter.prependListener('x', () => calls.push(['first']))
  o.see('emit returns true with listeners', () => emitter.emit('x', 1, 2))
  o.see('second emit', () => emitter.emit('x', 3))
  o.see('call order', () => calls)
  o.see('emit returns false without listeners', () => emitter.emit('none'))
  o.see('listenerCount', () => emitter.listenerCount('x'))
  o.see('eventNames', () => emitter.eventNames())
  o.see('error without listener throws', () => emitter.emit('error', new RangeError('boom')))
  o.see('error with non-error value', () => emitter.emit('error', 'plain'))
  o.see('defaultMaxListeners', () => EventEmitter.defaultMaxListeners)
  o.see('getMaxListeners', () => emitter.setMaxListeners(3).getMaxListeners())
  o.see('removeAllListeners', () => emitter.removeAllListeners('x').listenerCount('x'))
  const off = new EventEmitter()
  const listener = (): void => {}
  off.on('y', listener).on('y', listener)
  off.off('y', listener)
  o.see('off removes one registration', () => off.listeners('y').length)
  o.see('rawListeners once wrapper', () => {
    const e = new EventEmitter()
    e.once('z', listener)
    return [e.listeners('z')[0] === listener, typeof e.rawListeners('z')[0]]
  })
  o.see('newListener event', () => {
    const e = new EventEmitter()
    const seen: string[] = []
    e.on('newListener', (name: string) => seen.push(name))
    e.on('a', listener)
    e.once('b', listener)
    return seen
  })
  await o.seeAsync('static once resolves with args', async () => {
    const e = new EventEmitter()
    setTimeout(() => e.emit('ready', 'a', 2), 1)
    return await events.once(e, 'ready')
  })
  await o.seeAsync('static once rejects on error', async () => {
    const e = new EventEmitter()
    setTimeout(() => e.emit('error', new TypeError('bad')), 1)
    return await events.once(e, 'ready')
  })
  await o.seeAsync('events.on iterates until break', async () => {
    const e = new EventEmitter()
    setTimeout(() => { e.emit('tick', 1); e.emit('tick', 2, 'b'); e.emit('tick', 3) }, 1)
    const seen: unknown[] = []
    for await (const args of events.on(e, 'tick')) {
      seen.push(args)
      if (seen.length === 3) break
    }
    return [seen, e.listenerCount('tick'), e.listenerCount('error')]
  })
  await o.seeAsync('events.on rejects on error', async () => {
    const e = new EventEmitter()
    setTimeout(() => e.emit('error', new RangeError('bad')), 1)
    for await (const args of events.on(e, 'tick')) return args
    return 'ended'
  })
  await o.seeAsync('events.on abort', async () => {
    const e = new EventEmitter()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 1)
    for await (const args of events.on(e, 'tick', { signal: controller.signal })) return args
    return 'ended'
  })
  o.see('errorMonitor sees errors first', () => {
    const e = new EventEmitter()
    const seen: string[] = []
    e.on(events.errorMonitor, () => seen.push('monitor'))
    e.on('error', () => seen.push('handler'))
    e.emit('error', new Error('x'))
    return [seen, events.EventEmitter.errorMonitor === events.errorMonitor]
  })
  o.see('errorMonitor does not handle', () => {
    const e = new EventEmitter()
    e.on(events.errorMonitor, () => {})
    e.emit('error', new TypeError('unhandled'))
  })
  o.see('getEventListeners', () => { const e = new EventEmitter(); const f = (): void => {}; e.on('a', f); return events.getEventListeners(e, 'a').length })
  o.see('setMaxListeners on targets', () => { const e = new EventEmitter(); events.setMaxListeners(42, e); return e.getMaxListeners() })
  o.see('subclass', () => {
    class Thing extends EventEmitter {}
    const thing = new Thing()
    let got = 0
    thing.on('n', (n: number) => { got = n })
    thing.emit('n', 7)
    return [got, thing instanceof EventEmitter]
  })
  return o.results
}
