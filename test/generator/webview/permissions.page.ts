// Runs in the webview: every route whose IDL names a permission that socket.ini may withhold, called the way an
// app (or a hostile page of it) would. permissions.webview.test.ts runs it once without grants, once with them.
import { Observer } from '../../modules/harness/observe.ts'

declare const MARKER: string
declare const OUTSIDE_PID: string
const load = async (name: string): Promise<any> => await import(name)
const o = new Observer()
const cp = await load('socket:child_process')
const os = await load('socket:os')
const ipc = await load('socket:ipc')

const refusal = (r: { err?: { type?: string, message?: string }, data?: unknown }): unknown =>
  r.err ? [r.err.type, r.err.message] : ['ok', r.data]

await o.seeAsync('child_process.exec route', async () =>
  refusal(await ipc.send('child_process.exec', { args: JSON.stringify(['sh', '-c', `echo exec >> ${MARKER}`]) })))
await o.seeAsync('child_process.spawn', async () => await new Promise((resolve) => {
  const child = cp.spawn('sh', ['-c', `echo spawn >> ${MARKER}`])
  let error: string | undefined
  child.on('error', (e: Error) => { error = e.name })
  child.on('close', (code: number | null) => resolve(error ?? `exit ${code}`))
}))
// The raw request, as a page that skips socket:ipc would send it: the status is 403 before any decoding, so
// even arguments that would not decode get the same NotAllowedError.
await o.seeAsync('raw ipc:// request', async () => {
  const response = await fetch('ipc://child_process.kill?seq=R900&index=0&id=not-a-number')
  const body = await response.json()
  return [response.status, body.err?.type]
})
o.see('os.setPriority', () => { os.setPriority(Number(OUTSIDE_PID), 18); return os.getPriority(Number(OUTSIDE_PID)) })
await o.seeAsync('process.env.set', async () => refusal(await ipc.send('process.env.set', { key: 'SOCKET_PERMISSION_TEST', value: 'x' })))
await o.seeAsync('platform.revealFile', async () => (await ipc.send('platform.revealFile', { value: '/nonexistent/socket-permission-test' })).err?.type)
// Public routes answer either way.
await o.seeAsync('os.hostname (public)', async () => typeof (await ipc.send('os.hostname')).data)

console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
