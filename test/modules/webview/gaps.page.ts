// Runs in the webview: the original's exports that were missing (application/menu, crypto.sodium,
// url.URLPattern, path.mounts), util.types' userland gaps, and the modules no other test imported
// directly (diagnostics/window, diagnostics/runtime, dns/promises, https). test/context is tested in Node
// (test/cli/socket-test-harness.test.ts): an error event dispatched here would end the test run.
import { Observer } from '../harness/observe.ts'

const o = new Observer()
const menu = await import('socket:application/menu' as string)
await o.seeAsync('application/menu: the container and its menus', async () => {
  const c = menu.default
  return [c === menu.container, c.system instanceof menu.SystemMenu, c.tray instanceof menu.TrayMenu, c.context instanceof menu.ContextMenu,
    c.system instanceof EventTarget, c.system.type, c.tray.type, c.context.type, c.system.value]
})
await o.seeAsync('application/menu: setting the system menu goes to the host', async () => {
  await menu.container.system.set('File:\n  Say Hi: h\n  ---\n  Quit: q;\nEdit:\n  Copy: c;')
  await menu.setMenuItemEnabled({ enabled: false, indexMain: 0, indexSub: 0 })
  return menu.container.system.value
})
await o.seeAsync('application/menu: a malformed menu is refused by the host', async () => await menu.setMenu({ value: 'no title line' }, 'system'))
o.see('application/menu: bad arguments', () => [
  (() => { try { return new menu.Menu('bogus') } catch (e) { return [(e as Error).name, (e as { code?: string }).code] } })()
])
await o.seeAsync('application/menu: setMenu without a string value', async () => await menu.setMenu({ value: 1 }))
o.see('application/menu: a menuItemSelected event reaches the menu of its type', () => {
  const seen: unknown[] = []
  menu.container.system.addEventListener('menuItemSelected', (e: any) => seen.push(['system', e.title, e.parent, e instanceof menu.MenuItemEvent]))
  menu.container.tray.addEventListener('menuItemSelected', () => seen.push(['tray']))
  // What the host dispatches on the window when an item is chosen (generated/js/window.ts onMenuItemSelected),
  // dispatched here by the page: no input device picks a menu item under Xvfb.
  globalThis.dispatchEvent(new CustomEvent('menuItemSelected', { detail: { title: 'Say Hi', parent: 'File', type: 'system' } }))
  return seen
})

const crypto = await import('socket:crypto' as string)
o.see('crypto.sodium: a use throws NotSupportedError naming it', () => crypto.sodium.crypto_sign_keypair())
o.see('crypto.sodium is not a thenable and is on the default export', () => [crypto.sodium.then, crypto.default.sodium === crypto.sodium])
await o.seeAsync('crypto.sodium.ready rejects', async () => await crypto.sodium.ready)
o.see('crypto.sodium error message', () => { try { crypto.sodium.crypto_box_seal() } catch (e) { return (e as Error).message } })

const url = await import('socket:url' as string)
o.see('url.URLPattern is the engine\'s and matches', () => {
  const pattern = new url.URLPattern({ pathname: '/books/:id' })
  return [url.URLPattern === (globalThis as any).URLPattern, pattern.test('https://example.com/books/7'),
    pattern.exec('https://example.com/books/7').pathname.groups.id, url.default.URLPattern === url.URLPattern]
})
const path = await import('socket:path' as string)
o.see('path.mounts', () => [path.mounts, Object.isFrozen(path.mounts), path.default.mounts === path.mounts])

const types = await import('socket:util/types' as string)
o.see('util/types: isModuleNamespaceObject, isExternal, isProxy', () => [types.default.isModuleNamespaceObject(path),
  types.default.isModuleNamespaceObject({}), types.default.isExternal({}), types.default.isDate(new Date())])
o.see('util/types: isProxy', () => types.default.isProxy(new Proxy({}, {})))

const diagnostics = await import('socket:diagnostics' as string)
const diagWindow = await import('socket:diagnostics/window' as string)
const diagRuntime = await import('socket:diagnostics/runtime' as string)
await o.seeAsync('diagnostics/window and diagnostics/runtime are diagnostics.window and .runtime', async () => {
  const runtimeQuery = await diagRuntime.query()
  return [diagWindow.query === diagnostics.window.query, diagRuntime.query === diagnostics.runtime.query,
    typeof diagWindow.query().fetch.count, runtimeQuery.windows.includes(0), runtimeQuery.uptime >= 0]
})
const dnsPromises = await import('socket:dns/promises' as string)
await o.seeAsync('dns/promises lookup', async () => [await dnsPromises.lookup('127.0.0.1'), await dnsPromises.lookup('::1')])
await o.seeAsync('dns/promises lookup of a name that does not exist', async () => await dnsPromises.lookup('no-such-host.invalid'))

const https = await import('socket:https' as string)
o.see('https.createServer', () => https.createServer())
await o.seeAsync('https.get to a closed port ends with an error event', async () => await new Promise((resolve) => {
  const request = https.get('https://127.0.0.1:9/')
  request.on('error', (error: Error) => resolve(['error', error.name]))
  request.on('response', () => resolve('response'))
}))

console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
