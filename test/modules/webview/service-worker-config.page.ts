// Runs in the webview: a worker registered at start from `[webview.service-workers]`, or (with
// allow_service_worker = false) none, and register() refused.
import { Observer } from '../harness/observe.ts'

const o = new Observer()
// The runtime's container (typed loosely: its registrations carry an id the DOM types do not have).
const workers = (): any => navigator.serviceWorker
await o.seeAsync('configured worker', async () => {
  for (let i = 0; i < 300; i++) {
    const list = await workers().getRegistrations()
    if (list[0]?.active?.state === 'activated') {
      const response = await fetch('/cfg/anything')
      return [list.map((r: any) => r.scope), await response.text()]
    }
    if (i > 20 && list.length === 0) return 'none'
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return 'not activated'
})
await o.seeAsync('register', async () => (await workers().register('/cfg-sw.js', { scope: '/other/' })).scope)
await o.seeAsync('controller of a page outside every scope', async () => (await import('socket:service-worker' as string)).container.controller)
console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
