// Runs in the webview: socket:conduit against the host's WebSocket server. IPC routes over the conduit (a
// JSON reply, a binary body, a permission refusal, an unknown route), and the refusals: a wrong key, another
// window's index, a malformed frame, and a data: iframe (another origin) holding the right key.
import { Observer } from '../harness/observe.ts'

const o = new Observer()
const { Conduit, encodeMessage, decodeMessage } = await import('socket:conduit' as string)

const closeOf = async (url: string, frame?: Uint8Array<ArrayBuffer>): Promise<unknown> => await new Promise((resolve) => {
  const socket = new WebSocket(url)
  socket.binaryType = 'arraybuffer'
  const timer = setTimeout(() => resolve('no close within 10 s'), 10_000)
  socket.addEventListener('open', () => { if (frame !== undefined) socket.send(frame) })
  socket.addEventListener('close', (event) => { clearTimeout(timer); resolve([event.code, event.reason]) })
})

await o.seeAsync('before start', async () => [Conduit.isActive(), await Conduit.status()])
o.see('frame round trip', () => {
  const decoded = decodeMessage(encodeMessage({ route: 'a.b', n: 7, é: 'ü' }, new Uint8Array([1, 2, 3])))
  return [decoded.options, [...decoded.payload]]
})
o.see('truncated frame', () => decodeMessage(new Uint8Array([1, 5, 0x61])))
o.see('payload too large', () => encodeMessage({}, new Uint8Array(70_000)))

const conduit = new Conduit({ id: 12 })
await o.seeAsync('uptime over the conduit', async () => typeof await conduit.request('os.uptime') === 'number' && Conduit.isActive() && conduit.isConnected)
await o.seeAsync('permission refused', async () => await conduit.request('child_process.exec', { id: 1, command: 'true' }))
await o.seeAsync('unknown route', async () => await conduit.request('nope.route'))
await o.seeAsync('bad arguments', async () => await conduit.request('dns.lookup', { hostname: 'localhost', family: 'nine' }))
await o.seeAsync('binary reply', async () => {
  await conduit.request('fs.open', { id: 77, path: 'index.html' })
  const bytes = await conduit.request('fs.read', { id: 77, size: 15, offset: 0 }) as Uint8Array
  await conduit.request('fs.close', { id: 77 })
  return [bytes instanceof Uint8Array, new TextDecoder().decode(bytes)]
})
await o.seeAsync('raw frame', async () => await new Promise((resolve) => {
  conduit.receive((_error: Error | null, message: { options: Record<string, string>, payload: Uint8Array }) => {
    if (message.options.seq === 'raw1') resolve([message.options.route, message.options.status, message.options['content-type'], JSON.parse(new TextDecoder().decode(message.payload)).source])
  })
  conduit.send({ route: 'os.uptime', seq: 'raw1' })
}))
const status = await Conduit.start()
const base = `ws://${status.hostname}:${status.port}`
await o.seeAsync('wrong key', async () => await closeOf(`${base}/0/5?key=${'0'.repeat(64)}`))
await o.seeAsync('no key', async () => await closeOf(`${base}/0/5`))
await o.seeAsync('other window', async () => await closeOf(`${base}/3/5?key=${status.sharedKey}`))
await o.seeAsync('malformed frame', async () => await closeOf(`${base}/0/6?key=${status.sharedKey}`, new Uint8Array([9, 9, 9])))
// Each is closed with 1007: empty; an option cut short; a value length past the end; a payload length past the
// end; a trailing byte; a good frame with no route.
const good = encodeMessage({ route: 'os.uptime' }, new Uint8Array([1, 2]))
await o.seeAsync('malformed frames', async () => await Promise.all([
  new Uint8Array([]), new Uint8Array([1, 5, 0x72]), new Uint8Array([1, 1, 0x72, 0xff, 0xff]), good.slice(0, good.length - 1),
  new Uint8Array([...good, 0]), encodeMessage({ seq: 'x' })
].map(async (frame, i) => ((await closeOf(`${base}/0/${20 + i}?key=${status.sharedKey}`, frame)) as unknown[])[0])))
await o.seeAsync('data: frame with the key', async () => await new Promise((resolve) => {
  const attack = `<script>const s = new WebSocket(${JSON.stringify(`${base}/0/7?key=${status.sharedKey}`)});
    s.onopen = () => parent.postMessage({ conduit: 'opened' }, '*');
    s.onclose = (e) => parent.postMessage({ conduit: 'closed ' + e.code }, '*')<\/script>`
  addEventListener('message', (event) => { if (event.data?.conduit !== undefined) resolve(event.data.conduit) })
  const frame = document.createElement('iframe')
  frame.src = 'data:text/html,' + encodeURIComponent(attack)
  document.body.append(frame)
  setTimeout(() => resolve('no answer within 10 s'), 10_000)
}))
// The test now tries raw handshakes from Node with this key (another Origin, no Origin, the app's) and then
// writes conduit-done.txt into the app's folder.
console.log('%s', `__CONDUIT__ ${status.port} ${status.sharedKey}`)
for (let i = 0; i < 600 && (await fetch('/conduit-done.txt')).status !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 100))
await o.seeAsync('still serving', async () => typeof await conduit.request('os.uptime'))
console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
