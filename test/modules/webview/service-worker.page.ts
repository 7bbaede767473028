// Runs in the webview: a service worker run by the runtime (socket:service-worker and navigator.serviceWorker)
// answers the page's requests under its scope, falls back to files, reports a throwing worker and a worker
// that never answers, and stops answering once unregistered. The worker scripts come from the test (files).
import { Observer } from '../harness/observe.ts'

const o = new Observer()
// The runtime's container (typed loosely: its registrations carry an id the DOM types do not have).
const workers = (): any => navigator.serviceWorker
const sw = await import('socket:service-worker' as string)
const text = async (path: string, init?: RequestInit): Promise<[number, string, string | null]> => {
  const response = await fetch(path, init)
  return [response.status, await response.text(), response.headers.get('x-worker')]
}

o.see('navigator.serviceWorker is the runtime container', () => [navigator.serviceWorker === sw.container, typeof workers().register])
await o.seeAsync('before registering', async () => await text('/sw/hello'))

const states: string[] = []
await o.seeAsync('register', async () => {
  const registration = await workers().register('/sw.js', { scope: '/sw/' })
  const worker = registration.installing ?? registration.waiting ?? registration.active
  states.push(worker.state)
  await new Promise<void>((resolve, reject) => {
    worker.addEventListener('statechange', () => { states.push(worker.state); if (worker.state === 'activated') resolve() })
    if (worker.state === 'activated') resolve()
    setTimeout(() => reject(new Error(`not activated within 30 s: ${states.join(' ')}`)), 30_000)
  })
  return [registration.scope, worker.scriptURL, registration.active === worker]
})
o.see('states', () => states)
await o.seeAsync('hello', async () => [await text('/sw/hello'), await text('/sw/hello?again')])
await o.seeAsync('file under the scope', async () => await text('/sw/file.txt'))
await o.seeAsync('file outside the scope', async () => await text('/outside.txt'))
await o.seeAsync('frame navigation', async () => {
  const frame = document.createElement('iframe')
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
  frame.src = '/sw/page'
  document.body.append(frame)
  await loaded
  const csp = (await fetch('/sw/page')).headers.get('content-security-policy') ?? ''
  return [frame.contentDocument?.body.textContent, csp.includes("object-src 'none'")]
})
await o.seeAsync('controlled page', async () => await new Promise((resolve, reject) => {
  addEventListener('message', (event) => { if (event.data?.controlled) resolve(event.data.controlled) })
  const frame = document.createElement('iframe')
  frame.src = '/sw/controlled'
  document.body.append(frame)
  setTimeout(() => reject(new Error('the controlled page did not report within 20 s')), 20_000)
}))
await o.seeAsync('POST body reaches the worker', async () => await text('/sw/echo', { method: 'POST', body: 'ping' }))
await o.seeAsync('throwing worker', async () => await text('/sw/throw'))
await o.seeAsync('rejected respondWith', async () => await text('/sw/reject'))
await o.seeAsync('not a Response', async () => await text('/sw/not-a-response'))
await o.seeAsync('caches', async () => await text('/sw/cache'))
await o.seeAsync('never answers', async () => await text('/sw/never'))
await o.seeAsync('message to the worker', async () => {
  const registration = await workers().getRegistration('/sw/x')
  registration.active.postMessage({ note: 'hi worker' })
  for (let i = 0; i < 100; i++) {
    const [, body] = await text('/sw/last-message')
    if (body !== 'none') return body
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return 'no message'
})
await o.seeAsync('getRegistrations', async () => (await workers().getRegistrations()).map((r: any) => [r.scope, r.active?.state]))
await o.seeAsync('foreign script', async () => await workers().register('https://example.com/sw.js'))
await o.seeAsync('missing script', async () => await workers().register('/no-such-sw.js'))
await o.seeAsync('unregister', async () => {
  const registration = await workers().getRegistration('/sw/x')
  return [await registration.unregister(), (await workers().getRegistrations()).length]
})
await o.seeAsync('after unregistering', async () => [await text('/sw/hello'), await text('/sw/file.txt')])
console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
