// The app's service worker. The runtime runs it in a Web Worker of its hidden container window (WebKitGTK has
// no service workers on socket:), and the page's requests under its scope (/api/) come here first.
let served = 0

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()))
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (url.pathname !== '/api/greeting') return // anything else under /api/ is served from the app's files
  const name = url.searchParams.get('name') ?? 'stranger'
  const body = JSON.stringify({ greeting: `Hello from the service worker, ${name}!`, served: ++served })
  event.respondWith(new Response(body, { headers: { 'content-type': 'application/json' } }))
})
