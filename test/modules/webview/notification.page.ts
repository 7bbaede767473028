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
o.see('no title', () => new Notification())
await o.seeAsync('empty title', async () => await showNotification(''))
console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
