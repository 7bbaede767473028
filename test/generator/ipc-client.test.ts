// runtime-js/ipc on its own: URI building, seq and index, reply decoding into values, bytes and typed errors,
// the fetch transport's request shape, and event listeners. The transport is injected (Contract 1's seam).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  buildUri, ErrnoError, fetchTransport, IpcClient, listen, listenBinary, NotSupportedError, type IpcRequest, type IpcResponse
} from '../../runtime-js/ipc/index.ts'

const json = (body: unknown, status = 200): IpcResponse =>
  ({ status, contentType: 'application/json', body: new TextEncoder().encode(JSON.stringify(body)) })

function recording (answer: (request: IpcRequest) => IpcResponse): { client: IpcClient, requests: IpcRequest[] } {
  const requests: IpcRequest[] = []
  const client = new IpcClient({ index: 2, transport: { send: async (request) => { requests.push(request); return answer(request) } } })
  return { client, requests }
}

test('URIs: seq and index first, values encoded like encodeURIComponent (space is %20, never +)', () => {
  assert.equal(buildUri('fs.open', 'R1', 0, [['path', 'a b+c&d=é'], ['mode', undefined], ['flags', '0']]),
    'ipc://fs.open?seq=R1&index=0&path=a%20b%2Bc%26d%3D%C3%A9&flags=0')
})

test('each call gets the next seq and the client window index; bodies go as the request body', async () => {
  const { client, requests } = recording(() => json({ source: 'x', data: 1 }))
  await client.call('udp.send', [['id', '1']], { body: new Uint8Array([1, 2]) })
  await client.call('udp.close', [['id', '1']])
  assert.deepEqual(requests.map((r) => r.uri), ['ipc://udp.send?seq=R1&index=2&id=1', 'ipc://udp.close?seq=R2&index=2&id=1'])
  assert.deepEqual(requests[0].body, new Uint8Array([1, 2]))
  assert.equal(requests[1].body, undefined)
})

test('the window index defaults to globalThis.__args.index', () => {
  const global = globalThis as { __args?: unknown }
  global.__args = { index: 7 }
  try {
    assert.equal(new IpcClient({ transport: { send: async () => json({}) } }).index, 7)
  } finally {
    delete global.__args
  }
})

test('replies become data, raw bytes, or typed errors', async () => {
  const { client } = recording((request) => {
    if (request.uri.includes('fs.read')) return { status: 200, contentType: 'application/octet-stream', body: new Uint8Array([9]) }
    if (request.uri.includes('fs.stat')) {
      return json({ source: 'fs.stat', err: { type: 'ErrnoError', message: "ENOENT: no such file, stat '/x'", code: 'ENOENT', errno: -2, syscall: 'stat', path: '/x' } })
    }
    if (request.uri.includes('bluetooth')) return json({ source: 'bluetooth.start', err: { type: 'NotSupportedError', message: 'not on Linux' } })
    return json({ source: 'os.uptime', token: null, id: '1', data: 12.5 })
  })
  assert.equal(await client.call('os.uptime', []), 12.5)
  assert.deepEqual(await client.call('fs.read', [], { binary: true }), new Uint8Array([9]))
  await assert.rejects(client.call('fs.stat', []), (error: ErrnoError) =>
    error instanceof ErrnoError && error.code === 'ENOENT' && error.errno === -2 && error.syscall === 'stat' && error.path === '/x')
  await assert.rejects(client.call('bluetooth.start', []), (error: Error) => error instanceof NotSupportedError && error.name === 'NotSupportedError')
})

test('the fetch transport sends GET without a body and POST with one, and reads the content type', async () => {
  const seen: Array<{ url: string, method?: string, body?: unknown }> = []
  const fakeFetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, method: init.method, body: init.body })
    return new Response(new Uint8Array([1]), { headers: { 'content-type': 'application/octet-stream' } })
  }) as unknown as typeof fetch
  const transport = fetchTransport(fakeFetch)
  const reply = await transport.send({ uri: 'ipc://fs.read?seq=R1&index=0', body: new Uint8Array([5]) })
  await transport.send({ uri: 'ipc://fs.close?seq=R2&index=0' })
  assert.deepEqual(seen.map((s) => s.method), ['POST', 'GET'])
  assert.equal(reply.contentType, 'application/octet-stream')
  assert.deepEqual(reply.body, new Uint8Array([1]))
})

test('listeners: plain events get the detail; binary events are filtered by params.source', () => {
  const target = new EventTarget()
  const plain: unknown[] = []
  const binary: Array<[unknown, Uint8Array]> = []
  const stopPlain = listen('windowclosed', (d) => d, (d) => plain.push(d), target)
  const stopBinary = listenBinary('data', 'udp.readStart', (d) => d, (d, bytes) => binary.push([d, bytes]), target)
  target.dispatchEvent(new CustomEvent('windowclosed', { detail: { index: 1 } }))
  target.dispatchEvent(new CustomEvent('data', { detail: { params: { source: 'fs.watch', data: {} }, data: new Uint8Array([0]) } }))
  target.dispatchEvent(new CustomEvent('data', { detail: { params: { source: 'udp.readStart', data: { id: '5' } }, data: new Uint8Array([1, 2]) } }))
  stopPlain()
  stopBinary()
  target.dispatchEvent(new CustomEvent('windowclosed', { detail: { index: 2 } }))
  assert.deepEqual(plain, [{ index: 1 }])
  assert.deepEqual(binary, [[{ id: '5' }, new Uint8Array([1, 2])]])
})
