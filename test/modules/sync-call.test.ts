// The sync forms depend on one property of the generated clients: a method builds its whole request (URI
// and body) before its first await. If a change to the generator broke that, these fail in Node.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createFsClient } from '../../generated/js/fs.ts'
import { createOsClient } from '../../generated/js/os.ts'
import { captureRequest, capturingClient } from '../../runtime-js/internal/sync-call.ts'

test('generated fs methods build their request synchronously (URI from the IDL, body as bytes)', () => {
  const fs = createFsClient(capturingClient())
  const write = captureRequest('fs.write', () => fs.write(12345678901234567890n, Uint8Array.from([1, 2, 3]), 7))
  assert.match(write.uri, /^ipc:\/\/fs\.write\?seq=R\d+&index=0&id=12345678901234567890&offset=7$/)
  assert.deepEqual(Array.from(write.body ?? []), [1, 2, 3])
  const open = captureRequest('fs.open', () => fs.open(1n, '/tmp/a b+c', 577, 420))
  assert.match(open.uri, /&id=1&path=%2Ftmp%2Fa%20b%2Bc&flags=577&mode=420$/)
  assert.equal(open.body, undefined)
})

test('generated os methods build their request synchronously', () => {
  const request = captureRequest('platform.primordials', () => createOsClient(capturingClient()).primordials())
  assert.match(request.uri, /^ipc:\/\/platform\.primordials\?seq=R\d+&index=0$/)
})

test('a binding that awaits before building its request is refused with a clear error', () => {
  assert.throws(() => captureRequest('late.route', async () => { await null }), /late\.route: the generated binding built no request synchronously/)
})
