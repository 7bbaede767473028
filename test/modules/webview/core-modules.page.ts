// Runs in the webview: the original's core modules that touch the window or the host (hooks, diagnostics,
// signal's channel, ipc's additions, gc), plus what a failed dynamic import of an unknown socket: module says.
import { Observer } from '../harness/observe.ts'

const load = async (name: string): Promise<any> => await import(name)
const clientModule = await load('socket:application/client')
const requireIt = (await load('socket:module')).createRequire(location.href)
const requireFacts = [typeof requireIt('async_hooks').AsyncLocalStorage, typeof requireIt('node:async_hooks').createHook,
  requireIt('socket:errno').ENOENT, typeof requireIt('socket:gc').ref, typeof requireIt('socket:async').Deferred]
const o = new Observer()
const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const hooks = await load('socket:hooks')
await o.seeAsync('hooks init/load/ready happen once, also for late listeners', async () => {
  const seen: string[] = []
  hooks.onInit(() => seen.push('init'))
  hooks.onLoad(() => seen.push('load'))
  hooks.onReady(() => seen.push('ready'))
  await hooks.wait('ready')
  await tick()
  return [seen.sort(), hooks.hooks.isRuntimeInitialized, hooks.hooks.isGlobalReady]
})
await o.seeAsync('hooks forward global events; the returned function removes the callback', async () => {
  const seen: unknown[] = []
  const offOnline = hooks.onOnline((event: Event) => seen.push(['online', event.type]))
  const offData = hooks.onData((event: CustomEvent) => seen.push(['data', event.detail]))
  // 'messageerror' (one of the error hook's events): a real 'error' event would end the test run (the host's rule).
  const offError = hooks.onError((event: CustomEvent) => seen.push(['error', event.detail]))
  globalThis.dispatchEvent(new Event('online'))
  globalThis.dispatchEvent(new CustomEvent('data', { detail: { n: 1 } }))
  globalThis.dispatchEvent(new MessageEvent('messageerror', { data: 'page error' }))
  offOnline(); offData(); offError()
  globalThis.dispatchEvent(new Event('online'))
  globalThis.dispatchEvent(new CustomEvent('data', { detail: { n: 2 } }))
  return seen
})
o.see('hooks reject an unknown hook', () => hooks.hooks.on('nope', () => {}))

const diagnostics = await load('socket:diagnostics')
await o.seeAsync('diagnostics.window counts fetches and XHRs while enabled, and unwraps when disabled', async () => {
  const published: unknown[] = []
  const originalFetch = globalThis.fetch
  diagnostics.subscribe('window.fetch', (message: { url: string, status: number }) => published.push([message.url.replace(location.origin, ''), message.status]))
  diagnostics.subscribe('window.XMLHttpRequest', (message: { url: string, status: number }) => published.push([message.url.replace(location.origin, ''), message.status]))
  diagnostics.window.init()
  await (await fetch('/index.html?diagnostics')).text()
  await new Promise((resolve) => { const xhr = new XMLHttpRequest(); xhr.open('GET', '/index.html?xhr'); xhr.onloadend = resolve; xhr.send() })
  await tick() // the metric's own loadend listener runs after the page's
  const figures = diagnostics.window.query()
  diagnostics.window.disable()
  await (await fetch('/index.html?after')).text()
  return [figures.fetch.count, figures.XMLHttpRequest.count, published, typeof figures.requestAnimationFrame.rate, globalThis.fetch === originalFetch, diagnostics.window.query().fetch.count]
})
await o.seeAsync('diagnostics.runtime.query reads the host', async () => {
  const figures = await diagnostics.runtime.query()
  return [figures.uptime > 0, figures.rusage.maxRSS > 0, figures.windows]
})

const signal = await load('socket:signal')
await o.seeAsync('signal listeners hear the socket.runtime.signal channel', async () => {
  const heard: number[] = []
  const listener = (event: MessageEvent): void => { heard.push(event.data.signal) }
  signal.addEventListener('SIGUSR1', listener)
  const other = new BroadcastChannel('socket.runtime.signal')
  other.postMessage({ signal: 10 })
  other.postMessage({ signal: 'SIGUSR2' })
  other.postMessage({ signal: 'SIGUSR1' })
  for (let i = 0; i < 50 && heard.length < 2; i++) await tick(10)
  signal.removeEventListener('SIGUSR1', listener)
  other.postMessage({ signal: 10 })
  await tick(50)
  other.close()
  return heard
})

const ipc = await load('socket:ipc')
await o.seeAsync('ipc Headers.from, parseSeq, resolve', async () => {
  const headers = ipc.Headers.from('Content-Type: text/plain\r\nX-A: 1')
  const fromObject = ipc.Headers.from({ b: 2 })
  const got: unknown[] = []
  globalThis.addEventListener('resolve-0-R7', (event) => got.push((event as CustomEvent).detail), { once: true })
  await ipc.resolve('R7', { ok: true })
  return [headers.get('content-type'), headers.get('x-a'), fromObject.toJSON(), ipc.parseSeq('R12'), Number.isNaN(ipc.parseSeq('x')), got, ipc.primordials.platform]
})

const errno = await load('socket:errno')
const errors = await load('socket:errors')
o.see('errno and errors load in the window', () => [errno.ENOENT, errno.getMessage('EACCES'), new errors.ErrnoError(13).code, errors.NotFoundError.code])

const gc = await load('socket:gc')
await o.seeAsync('gc finalize and release in the window', async () => {
  const calls: string[] = []
  const a = { [gc.finalizer]: () => ({ args: ['a'], handle: (x: string) => calls.push(x) }) }
  const b = { [gc.finalizer]: () => ({ args: ['b'], handle: (x: string) => calls.push(x) }) }
  await gc.ref(a)
  await gc.ref(b)
  await gc.finalize(a)
  await gc.release()
  return [calls, gc.refs()]
})

const path = await load('socket:path')
o.see('path.Path resolves against the app folder', () => [path.Path.from('a/b.txt').toURL().href.startsWith('file:///'), path.Path.from('file:///x/y').base])
const crypto = await load('socket:crypto')
o.see('crypto.murmur3', () => crypto.murmur3('test'))

await o.seeAsync('dynamic import of an unknown socket: module rejects', async () => {
  await import('socket:definitely-not-a-module' as string)
  return 'resolved'
})
o.see('require() knows async_hooks, and socket:async, socket:errno, socket:gc', () => {
  return requireFacts
})
o.see('application/client describes this window', () => {
  const { default: client, Client } = clientModule
  return [client instanceof Client, client.type, client.frameType, client.index, client.top, typeof client.id, client.id.length, client.toJSON().host]
})
const asyncMod = await load('socket:async')
o.see('async_hooks and async share AsyncLocalStorage', async () => asyncMod.AsyncLocalStorage === (await load('socket:async_hooks')).AsyncLocalStorage)

console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
