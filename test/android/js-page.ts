// The app page of native/android's JsClientContractTest, which starts this in Node with the port of its relay.
// Robolectric has no JS engine, so the page runs here: it evaluates the real preload from the HTML the Kotlin
// host serves, then uses the runtime's own JS client (runtime-js/ipc, found by its Android detection; the
// generated fs/os/udp clients) as an app would. The relay stands in for Chromium (the one fake): fetch() goes to
// the host's real shouldInterceptRequest with the engine's headers; JavascriptInterface calls, which are
// synchronous in a WebView, queue here and reach the host, in order, before the page's next request; the scripts
// the host hands to evaluateJavascript are evaluated here. Exit code 0 = every check passed.
import assert from 'node:assert/strict'

const base = `http://127.0.0.1:${process.argv[2]}`
const relay = globalThis.fetch.bind(globalThis)
const say = (text: string): boolean => process.stdout.write(text + '\n')
let checks = 0
const check = (what: string): void => { checks++; say(`ok ${checks} - ${what}`) }

const jsi: Array<[string, string[]]> = []
async function flushJavascriptInterfaceCalls (): Promise<void> {
  if (jsi.length === 0) return
  const response = await relay(`${base}/jsi`, { method: 'POST', body: JSON.stringify(jsi.splice(0)) })
  assert.equal(response.status, 204)
}

async function main (): Promise<void> {
  const html = await (await relay(`${base}/page`)).text()
  const preload = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1]?.replace(/<\\\/script/g, '</script')
  assert.ok(preload, 'the served page has no preload')
  const origin = /ipc: "(https:\/\/[^"/]+)\/ipc\/"/.exec(preload)?.[1]
  assert.ok(origin, 'the preload names no ipc prefix')

  // A WebView window as far as the preload and the runtime use it.
  const window = new EventTarget()
  Object.assign(globalThis, {
    location: new URL(`${origin}/index.html`),
    addEventListener: window.addEventListener.bind(window),
    removeEventListener: window.removeEventListener.bind(window),
    dispatchEvent: window.dispatchEvent.bind(window),
    __socketIpcBody: { put: (...args: unknown[]) => { jsi.push(['__socketIpcBody', args.map(String)]) } },
    __socketConsole: { post: (...args: unknown[]) => { jsi.push(['__socketConsole', args.map(String)]) } },
    fetch: async (url: string, init: RequestInit = {}) => {
      assert.equal(init.method ?? 'GET', 'GET', 'the Android transport only GETs (bodies go through putBody)')
      assert.equal(init.body, undefined)
      await flushJavascriptInterfaceCalls()
      return await relay(`${base}/request?url=${encodeURIComponent(url)}`)
    }
  })
  new Function(preload)() // eslint-disable-line no-new-func -- the host's preload, as the WebView runs it

  // Imported only now: what the runtime finds is what the preload defined.
  const { androidHost, IpcClient, defaultClient, ErrnoError, NotAllowedError, NotSupportedError } = await import('../../runtime-js/ipc/index.ts')
  const { createFsClient, onChange } = await import('../../generated/js/fs.ts')
  const { createOsClient } = await import('../../generated/js/os.ts')
  const { onDatagram } = await import('../../generated/js/udp.ts')

  assert.equal(androidHost()?.prefix, `${origin}/ipc/`)
  assert.ok(defaultClient() instanceof IpcClient)
  check('the runtime detects the Android host from its preload')

  const fs = createFsClient()
  const os = createOsClient()
  const uname = await os.uname()
  assert.equal(typeof uname.sysname, 'string')
  check(`os.uname: ${uname.sysname} ${uname.machine}`)

  await fs.mkdir('contract', 0o755, true)
  const opened = await fs.open(21, 'contract/bytes.bin', 0x241, 0o644)
  assert.equal(opened.id, 21n)
  check('fs.mkdir, fs.open (the id decoded as bigint)')

  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
  assert.deepEqual(await fs.write(21, bytes), { bytes: 256 })
  await fs.close(21)
  check('fs.write with a binary body (through putBody and the secret)')

  await fs.open(22, 'contract/bytes.bin', 0, 0)
  const read = await fs.read(22, 1000, 0)
  assert.ok(read instanceof Uint8Array)
  assert.deepEqual(read, bytes)
  await fs.close(22)
  check('fs.read answers raw bytes, the same 256 bytes')

  const empty = await fs.read(await fs.open(24, 'contract/bytes.bin', 0, 0).then(() => 24), 10, 256)
  assert.deepEqual(empty, new Uint8Array(0))
  await fs.close(24)
  check('fs.read at the end: an empty Uint8Array')

  await assert.rejects(fs.stat('nothing-here'), (error: unknown) => error instanceof ErrnoError && error.code === 'ENOENT')
  check('fs.stat of a missing file: ErrnoError ENOENT')

  await assert.rejects(fs.open(23, '/proc/self/environ', 0, 0), (error: unknown) => error instanceof NotAllowedError)
  check('fs.open outside the sandbox: NotAllowedError')

  await assert.rejects(os.cpus(), (error: unknown) => error instanceof NotSupportedError && /os\.cpus/.test((error as Error).message))
  check('os.cpus: NotSupportedError naming itself')

  await assert.rejects(fs.stat(''.padEnd(10, '\u00e9')), (error: unknown) => error instanceof ErrnoError)
  check('a non-ASCII argument survives the URL (ErrnoError, not a parse error)')

  const datagrams: Array<[unknown, Uint8Array]> = []
  const changes: unknown[] = []
  onDatagram((detail, data) => datagrams.push([detail, data]))
  onChange((detail) => changes.push(detail))
  const script = await (await relay(`${base}/emit`, { method: 'POST' })).text()
  assert.match(script, /^globalThis\.__socketHost\?\.dispatch\(/)
  ;(0, eval)(script) // eslint-disable-line no-eval -- what the host hands to evaluateJavascript
  assert.deepEqual(datagrams, [[{ id: 5n, port: 4000, address: '127.0.0.1', bytes: 3 }, new Uint8Array([7, 8, 9])]])
  assert.deepEqual(changes, [{ id: 2n, path: 'notes/a.txt', kind: 'change' }])
  check('native-to-JS events: a binary udp datagram and an fswatch change, decoded')

  // The preload's console bridge carries this line to the host's log, which the Kotlin test checks.
  console.log(`js client done: ${checks} checks`)
  await flushJavascriptInterfaceCalls()
  await relay(`${base}/done`, { method: 'POST', body: 'ok' })
}

main().catch(async (error: unknown) => {
  say(`not ok - ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
  await relay(`${base}/done`, { method: 'POST', body: 'failed' }).catch(() => {})
  process.exit(1)
})
