// Runs in the webview: protocol handlers (socket:protocol-handlers) answered by service workers. web+demo has
// its worker in socket.ini; npm is listed without one and gets it from registerProtocolHandler.
import { Observer } from '../harness/observe.ts'

const o = new Observer()
const handlers = await import('socket:protocol-handlers' as string)
const text = async (url: string): Promise<[number, string]> => { const r = await fetch(url); return [r.status, await r.text()] }

await o.seeAsync('configured scheme, first request', async () => await text('web+demo:greeting?x=1'))
await o.seeAsync('configured scheme, no respondWith', async () => await text('web+demo:nothing'))
o.see('getHandlers', () => [...handlers.getHandlers()].sort())
await o.seeAsync('listed scheme before a worker', async () => await text('npm:left-pad'))
await o.seeAsync('registerProtocolHandler', async () => {
  const registration = await handlers.registerProtocolHandler('npm', '/npm-handler.js')
  return registration.scope
})
await o.seeAsync('listed scheme with its worker', async () => {
  for (let i = 0; i < 300; i++) {
    const [status, body] = await text('npm:left-pad')
    if (status === 200) return [status, body]
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return 'never answered'
})
await o.seeAsync('import from the scheme', async () => { const specifier = 'npm:' + 'greeter.js'; return (await import(specifier)).greet('Ada') })
await o.seeAsync('unlisted scheme', async () => await handlers.registerProtocolHandler('web+unlisted', '/npm-handler.js'))
await o.seeAsync('reserved scheme', async () => await handlers.registerProtocolHandler('http', '/npm-handler.js'))
await o.seeAsync('unregisterProtocolHandler', async () => [await handlers.unregisterProtocolHandler('npm'), await text('npm:left-pad')])
console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
