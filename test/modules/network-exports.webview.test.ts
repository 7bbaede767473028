// socket:network's Cache, NAT, Packet and sha256 and socket:latica's sub-modules in a real WebKitGTK window
// (webview/network-exports.page.ts), from the bundle the runtime ships; the behaviour in detail is tested in
// Node (test/peer/network-exports.test.ts).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runInWebview, webviewUnavailable } from './harness/webview.ts'

test('socket:network exposes the original\'s Cache, NAT, Packet and sha256 in the webview', { skip: webviewUnavailable() }, async () => {
  const { result } = await runInWebview(join(import.meta.dirname, 'webview', 'network-exports.page.ts'), { timeoutMs: 90_000 })
  const r = result as Record<string, any>
  if (r.failedToRun !== undefined) assert.fail(`the page threw: ${r.message}`)
  assert.deepEqual(r.network, ['function', 'function', 'object', 'object', 'function', 'function'])
  assert.deepEqual(r.sameInLatica, [true, true, true, true, 'function'])
  assert.ok(r.subs['socket:latica/packets'].includes('Packet') && r.subs['socket:latica/packets'].includes('sha256') && r.subs['socket:latica/packets'].includes('PacketPublish'))
  assert.ok(r.subs['socket:latica/cache'].includes('Cache'))
  assert.ok(r.subs['socket:latica/nat'].includes('connectionStrategy') && r.subs['socket:latica/nat'].includes('UNRESTRICTED'))
  assert.ok(r.subs['socket:latica/encryption'].includes('Encryption'))
  assert.ok(r.subs['socket:latica/api'].includes('api'))
  assert.ok(r.subs['socket:latica/proxy'].includes('PeerWorkerProxy'))
  assert.ok(r.subs['socket:latica/index'].includes('Peer'))
  const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
  assert.deepEqual(r.sha256, [abc, abc, [0xe3, 0xb0, 0xc4, 0x42]])
  assert.deepEqual(r.packet, [r.packet[0], true, true, 'hi', true])
  assert.equal(r.packet[0], 16 + 2 + 32 + 2 + 64, 'header, message length, subcluster id, "hi" and the signature')
  assert.deepEqual(r.refused, { name: 'PacketDecodeError', code: 'ETRUNCATED' })
  assert.deepEqual(r.cache, { size: 2, withinBudget: true, newestKept: true, oldestGone: true })
  assert.deepEqual(r.nat, [31, 15, 7, 5, 3])
  assert.deepEqual(r.proxyThrew, { name: 'NotSupportedError', code: 'ERR_NOT_SUPPORTED' })
})
