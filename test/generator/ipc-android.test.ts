// runtime-js/ipc's Android transport on its own: when it is chosen, the URL it requests, how a body reaches
// putBody, and that a Linux page keeps fetch ipc:// with the body as the POST body. The same client against the
// real Kotlin host is native/android's JsClientContractTest (run by test/android/host.test.ts).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { androidHost, androidTransport, androidUrl, fetchTransport, IpcClient, type AndroidPage } from '../../runtime-js/ipc/index.ts'

const PREFIX = 'https://com.example.app.socket.local/ipc/'

function androidPage (puts: Array<[string, string]>): AndroidPage {
  return {
    __args: { ipc: PREFIX, client: { platform: 'android' } },
    __socketHost: { dispatch: () => {}, putBody: (seq: string, base64: string) => { puts.push([seq, base64]) } }
  }
}

function recordingFetch (calls: Array<{ url: string, method?: string, body?: unknown }>): typeof fetch {
  return (async (url: string, init: RequestInit = {}) => {
    calls.push({ url: String(url), method: init.method, body: init.body })
    return new Response('{"data":{"bytes":3}}', { headers: { 'content-type': 'application/json' } })
  }) as typeof fetch
}

test('the Android host is recognised only from what its preload defines', () => {
  assert.equal(androidHost(androidPage([]))?.prefix, PREFIX)
  assert.equal(androidHost({}), null)
  assert.equal(androidHost({ __args: { ipc: PREFIX, client: { platform: 'linux' } }, __socketHost: { putBody: () => {} } }), null)
  assert.equal(androidHost({ __args: { ipc: PREFIX, client: { platform: 'android' } } }), null, 'no body channel')
  assert.equal(androidHost({ __args: { ipc: 'javascript:alert(1)//ipc/', client: { platform: 'android' } }, __socketHost: { putBody: () => {} } }), null)
  assert.equal(androidHost(globalThis as AndroidPage), null, 'Node is not an Android page')
})

test('ipc:// becomes the https prefix; a body goes to putBody under the seq as base64 and the request is a GET', async () => {
  assert.equal(androidUrl(PREFIX, 'ipc://fs.stat?seq=R1&index=0&path=a%20b'), `${PREFIX}fs.stat?seq=R1&index=0&path=a%20b`)
  assert.throws(() => androidUrl(PREFIX, 'https://elsewhere/'), TypeError)
  const puts: Array<[string, string]> = []
  const calls: Array<{ url: string, method?: string, body?: unknown }> = []
  const host = androidHost(androidPage(puts))!
  const client = new IpcClient({ transport: androidTransport(host, fetchTransport(recordingFetch(calls))) })
  const big = Uint8Array.from({ length: 70_000 }, (_, i) => i * 7)
  assert.deepEqual(await client.call('fs.write', [['id', '3']], { body: big }), { bytes: 3 })
  await client.call('fs.close', [['id', '3']])
  assert.deepEqual(calls, [
    { url: `${PREFIX}fs.write?seq=R1&index=0&id=3`, method: 'GET', body: undefined },
    { url: `${PREFIX}fs.close?seq=R2&index=0&id=3`, method: 'GET', body: undefined }
  ])
  assert.deepEqual(puts.map(([seq]) => seq), ['R1'])
  assert.deepEqual(new Uint8Array(Buffer.from(puts[0][1], 'base64')), big)
})

test('a Linux page is unchanged: fetch ipc:// with the body as the POST body', async () => {
  const calls: Array<{ url: string, method?: string, body?: unknown }> = []
  const client = new IpcClient({ transport: fetchTransport(recordingFetch(calls)) })
  await client.call('fs.write', [['id', '3']], { body: new Uint8Array([1, 2, 3]) })
  assert.deepEqual(calls, [{ url: 'ipc://fs.write?seq=R1&index=0&id=3', method: 'POST', body: new Uint8Array([1, 2, 3]) }])
})

test('synchronous calls on Android: the same URL with a GET XHR, the body through putBody', async () => {
  const { sendSyncRequest } = await import('../../runtime-js/internal/ipc-sync.ts')
  const puts: Array<[string, string]> = []
  const opened: Array<[string, string, unknown]> = []
  // A stand-in for the WebView's XMLHttpRequest (Node has none); it answers one JSON envelope.
  class FakeXhr {
    private method = ''
    private url = ''
    status = 200
    responseText = '{"data":{"bytes":2}}'
    open (method: string, url: string): void { this.method = method; this.url = url }
    overrideMimeType (): void {}
    send (body?: unknown): void { opened.push([this.method, this.url, body]) }
    getResponseHeader (): string { return 'application/json' }
  }
  const global = globalThis as Record<string, unknown>
  const page = androidPage(puts)
  Object.assign(global, { XMLHttpRequest: FakeXhr, __args: page.__args, __socketHost: page.__socketHost })
  try {
    assert.deepEqual(sendSyncRequest('fs.write', 'ipc://fs.write?seq=R9&index=0&id=1', { body: new Uint8Array([5, 6]) }), { bytes: 2 })
  } finally {
    delete global.XMLHttpRequest
    delete global.__args
    delete global.__socketHost
  }
  assert.deepEqual(opened, [['GET', `${PREFIX}fs.write?seq=R9&index=0&id=1`, undefined]])
  assert.deepEqual(puts, [['R9', 'BQY=']])
})
