// Runs in the webview: socket:notification against the session's notification server (the test's
// dbus-daemon with a python-dbusmock notification_daemon).
import { Observer } from '../harness/observe.ts'

const o = new Observer()
const mod = await import('socket:notification' as string)
const { Notification, showNotification, getServerInformation } = mod
o.see('permission', () => Notification.permission)
await o.seeAsync('requestPermission', async () => await Notification.requestPermission())
await o.seeAsync('server', async () => await getServerInformation())
await o.seeAsync('show', async () => {
  const events: string[] = []
  const n = new Notification('Build finished', { body: 'All 12 tests passed', tag: 'build' })
  n.onshow = () => events.push('onshow')
  n.addEventListener('show', () => events.push('show'))
  await n.shown
  const again = await showNotification('Build finished again', { body: 'replaces the first', tag: 'build' })
  const other = await showNotification('Other', { silent: true })
  const closed = new Promise((resolve) => other.addEventListener('close', () => resolve('close')))
  other.close()
  return [typeof n.id, again.id === n.id, other.id !== n.id, events, await closed]
})
// The test emits ActionInvoked for id 3 and NotificationClosed (reason 2) for id 4 on the bus, over and over.
await o.seeAsync('server responses', async () => {
  const clickable = await showNotification('Click me')
  const click = await new Promise<any>((resolve, reject) => {
    clickable.onclick = (event: any) => resolve([clickable.id, event.type, event.action])
    setTimeout(() => reject(new Error('no click within 20 s')), 20_000)
  })
  const dismissed = await showNotification('Dismiss me')
  const close = await new Promise<any>((resolve, reject) => {
    dismissed.addEventListener('close', (event: any) => resolve([dismissed.id, event.type, event.reason]))
    setTimeout(() => reject(new Error('no close within 20 s')), 20_000)
  })
  return [click, close]
})
// The host's response overtaking the reply to show (as the page sees it): the close still reaches the notification.
// The server's next id is 5 (ids 1-4 above); the event is the one the host dispatches.
await o.seeAsync('response before the reply', async () => {
  const early = new Notification('Closed at once')
  globalThis.dispatchEvent(new CustomEvent('notificationresponse', { detail: { id: 5, action: '', reason: 1 } }))
  await early.shown
  return await new Promise<any>((resolve, reject) => {
    early.addEventListener('close', (event: any) => resolve([early.id, event.type, event.reason]))
    setTimeout(() => reject(new Error('no close within 20 s')), 20_000)
  })
})
o.see('no title', () => new Notification())
await o.seeAsync('empty title', async () => await showNotification(''))
console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
