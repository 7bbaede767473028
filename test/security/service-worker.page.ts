// Runs in the webview: attacks on the runtime's service workers. The app page itself (not the hidden
// container) tries the container-only routes and to answer a pending fetch; it tries to register scripts off
// the app's origin or outside its folder; a data: frame tries the routes and to be answered by the worker;
// an app iframe asks for the container page.
import { Observer } from '../modules/harness/observe.ts'

const o = new Observer()
// The runtime's container (typed loosely: its registrations carry an id the DOM types do not have).
const workers = (): any => navigator.serviceWorker
const host = (await import('socket:ipc' as string))
const call = async (route: string, params: Record<string, string>): Promise<unknown> => {
  const result = await host.send(route, params)
  if (result.err) throw Object.assign(new Error(result.err.message), { name: result.err.type })
  return result.data
}
const registration = await workers().register('/sw.js', { scope: '/sw/' })
await workers().getRegistration('/sw/x')
for (let i = 0; i < 300 && registration.active?.state !== 'activated'; i++) await new Promise((resolve) => setTimeout(resolve, 100))
o.see('activated', () => registration.active?.state)

// A request the worker never answers is pending while the page tries to answer it in the worker's place.
const pending = fetch('/sw/never').then(async (r) => [r.status, await r.text()])
await new Promise((resolve) => setTimeout(resolve, 300))
for (let id = 1; id <= 3; id++) {
  await o.seeAsync(`page answers fetch ${id}`, async () => await call('service_worker.respond', { fetchId: String(id), status: '200', headers: '[]', body: '' }))
}
await o.seeAsync('pending fetch', async () => await pending)
await o.seeAsync('page calls attach', async () => await call('service_worker.attach', {}))
await o.seeAsync('page calls updateState', async () => await call('service_worker.updateState', { id: String(registration.id), state: 'redundant' }))
o.see('still activated', () => registration.active?.state)
for (const [label, scriptURL] of [
  ['foreign origin', 'socket://org.example.other/sw.js'], ['https origin', 'https://example.com/sw.js'],
  ['file url', 'file:///etc/passwd'], ['dot dot', '/../../etc/passwd'], ['encoded dot dot', '/sw/%2e%2e/%2e%2e/etc/passwd'],
  ['protocol-relative', '//org.example.other/sw.js'], ['backslash', '/sw\\..\\sw.js']
]) {
  await o.seeAsync(`register ${label}`, async () => await call('service_worker.register', { scriptURL, scope: '/' }))
}
await o.seeAsync('scope on another origin', async () => await call('service_worker.register', { scriptURL: '/sw.js', scope: 'socket://org.example.other/' }))

// A data: frame (no preload, origin null) tries the routes and the worker's scope.
await o.seeAsync('data: frame', async () => await new Promise((resolve) => {
  addEventListener('message', (event) => { if (event.data?.hostileSw) resolve(event.data.hostileSw) })
  const script = `<script>(async () => {
    const out = {}
    for (const url of ['ipc://service_worker.register?seq=R1&index=0&scriptURL=/sw.js&scope=/', 'ipc://service_worker.respond?seq=R2&index=0&fetchId=9&status=200&headers=[]']) {
      try { out[url.slice(6, 30)] = (await fetch(url)).status } catch (error) { out[url.slice(6, 30)] = String(error.name) }
    }
    try { const r = await fetch('socket://org.socket.modules.test/sw/hello'); out.hello = [r.status, await r.text()] } catch (error) { out.hello = String(error.name) }
    parent.postMessage({ hostileSw: out }, '*')
  })()</script>`
  const frame = document.createElement('iframe')
  frame.src = 'data:text/html,' + encodeURIComponent(script)
  document.body.append(frame)
}))
await o.seeAsync('container page in an app iframe', async () => { const r = await fetch('/socket/service-worker/container.html'); return r.status })
await o.seeAsync('worker still answers the app', async () => { const r = await fetch('/sw/hello'); return [r.status, await r.text()] })
console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
