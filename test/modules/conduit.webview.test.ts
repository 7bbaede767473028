// socket:conduit in a real window: the host's WebSocket server answers IPC routes with the same permission and
// argument checks as ipc://, and refuses a wrong key, another window's index, a malformed frame and a page of
// another origin that holds the key.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

// The status line libsoup answers a WebSocket handshake with (101 when it upgrades).
async function handshake (port: number, path: string, origin: string | undefined): Promise<string> {
  return await new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write([`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', ...(origin === undefined ? [] : [`Origin: ${origin}`]), '', ''].join('\r\n'))
    })
    let data = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      data += chunk
      if (data.includes('\r\n')) { resolve(data.slice(0, data.indexOf('\r\n'))); socket.destroy() }
    })
    socket.on('error', reject)
  })
}

test('socket:conduit carries IPC over the host WebSocket server, and only for the app', { skip: webviewUnavailable() }, async (t) => {
  const handshakes: Record<string, string> = {}
  const { result, stderr } = await runInWebview(join(import.meta.dirname, 'webview', 'conduit.page.ts'), {
    timeoutMs: 90_000,
    config: { webview_navigator_policies_frames: 'data:' },
    onLine: (line, resources) => {
      if (!line.startsWith('__CONDUIT__ ')) return
      const [port, key] = line.split(' ').slice(1)
      void (async () => {
        handshakes.evil = await handshake(Number(port), `/0/9?key=${key}`, 'http://evil.example')
        handshakes.none = await handshake(Number(port), `/0/9?key=${key}`, undefined)
        handshakes.app = await handshake(Number(port), `/0/9?key=${key}`, 'socket://org.socket.modules.test')
      })().catch((error) => { handshakes.error = String(error) }).finally(() => writeFileSync(join(resources, 'conduit-done.txt'), 'done'))
    }
  })
  const facts = result as Record<string, any>
  await t.test('status before start', () => assert.deepEqual(facts['before start'], [false, { isActive: false, port: 0 }]))
  await t.test('frames', () => {
    assert.deepEqual(facts['frame round trip'], [{ route: 'a.b', n: '7', é: 'ü' }, [1, 2, 3]])
    assert.equal(facts['truncated frame'].threw.name, 'RangeError')
    assert.equal(facts['payload too large'].threw.name, 'RangeError')
  })
  await t.test('routes over the conduit', () => {
    assert.equal(facts['uptime over the conduit'], true)
    assert.equal(facts['permission refused'].threw.name, 'NotAllowedError')
    assert.equal(facts['unknown route'].threw.name, 'NotFoundError')
    assert.equal(facts['bad arguments'].threw.name, 'TypeError')
    assert.deepEqual(facts['binary reply'], [true, '<!doctype html>'], 'fs.read answers the bytes themselves')
    assert.deepEqual(facts['raw frame'], ['os.uptime', '200', 'application/json', 'os.uptime'])
    assert.equal(facts['still serving'], 'number')
  })
  await t.test('refusals', () => {
    assert.deepEqual(facts['wrong key'], [1008, 'conduit: wrong window or key'])
    assert.deepEqual(facts['no key'], [1008, 'conduit: wrong window or key'])
    assert.deepEqual(facts['other window'], [1008, 'conduit: wrong window or key'])
    assert.deepEqual(facts['malformed frame'][0], 1007)
    assert.deepEqual(facts['malformed frames'], [1007, 1007, 1007, 1007, 1007, 1007])
    assert.match(String(facts['data: frame with the key']), /^closed 10(06|08)$/, 'the other origin never opens')
    assert.match(stderr, /refused a conduit connection/)
    assert.deepEqual(handshakes, { evil: 'HTTP/1.1 403 Forbidden', none: 'HTTP/1.1 403 Forbidden', app: 'HTTP/1.1 101 Switching Protocols' }, 'only the app\'s Origin upgrades, even with the key')
  })
})
