// socket:// answers `Range: bytes=a-b` as a file server does (RFC 9110 §14): 206 with that part and Content-Range,
// `Accept-Ranges: bytes` on every app file, 416 with `Content-Range: bytes */<size>` for a range that starts past
// the end, and the whole file (200) for what it does not serve (several ranges, other units, bad syntax). A file
// over 1 MiB is streamed from its descriptor, seeked to the start of the range and cut at its end
// (native/linux/scheme_socket.cc, byte_range.cc, bounded_stream.cc). The old host ignored the header: 200 and the
// whole file every time. No <audio>/<video> here: WebKitGTK's GStreamer player refuses socket:// URLs before it asks
// for a byte (MEDIA_ERR_SRC_NOT_SUPPORTED, "FormatError": no GStreamer source for a custom scheme; docs/host.md).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

function pattern (size: number, seed: number): Buffer {
  const out = Buffer.alloc(size)
  for (let i = 0; i < size; i++) out[i] = (i * seed + (i >> 9)) & 0xff
  return out
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

test('socket:// answers Range requests with 206, Content-Range and 416', async () => {
  const small = pattern(1000, 7)
  const big = pattern(3 * 1024 * 1024 + 17, 13)
  const app = makeApp({
    'small.bin': small,
    'big.bin': big,
    'main.js': testPage(`
      const origin = 'socket://com.example.hosttest/'
      const hex = async (bytes) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('')
      const get = async (path, range) => {
        const response = await fetch(origin + path, range ? { headers: { Range: range } } : {})
        const bytes = new Uint8Array(await response.arrayBuffer())
        return { status: response.status, range: response.headers.get('content-range'), accept: response.headers.get('accept-ranges'), length: bytes.length, digest: await hex(bytes) }
      }
      const cases = [
        ['small.bin', ''], ['small.bin', 'bytes=10-19'], ['small.bin', 'bytes=990-'], ['small.bin', 'bytes=-5'],
        ['small.bin', 'bytes=5-5000'], ['small.bin', 'bytes=1000-'], ['small.bin', 'bytes=-0'], ['small.bin', 'bytes=abc'],
        ['small.bin', 'bytes=0-1,5-9'], ['small.bin', 'items=0-9'],
        ['big.bin', ''], ['big.bin', 'bytes=2000000-2099999'], ['big.bin', 'bytes=3145000-'], ['big.bin', 'bytes=-2000000'],
        ['big.bin', 'bytes=99999999-'], ['big.bin', 'bytes=0-0'],
      ]
      const results = {}
      for (const [path, range] of cases) results[path + ' ' + range] = await get(path, range)
      report('fetch', results)
      // The app still works after all that: a file without a range, an IPC call.
      report('after', { text: (await get('small.bin', 'bytes=0-3')).status, ipc: typeof (await call('os.uptime')).data })

    `)
  }, {}, { runtime: false })
  try {
    const run = await runHost(app.dir, { args: ['--test=main.js'], timeoutMs: 180000 })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    if (process.env.SOCKET_TEST_VERBOSE) console.log(JSON.stringify(r.fetch))
    const part = (file: Buffer, start: number, end: number, size = file.length) =>
      ({ status: 206, range: `bytes ${start}-${end}/${size}`, accept: 'bytes', length: end - start + 1, digest: sha(file.subarray(start, end + 1)) })
    const whole = (file: Buffer) => ({ status: 200, range: null, accept: 'bytes', length: file.length, digest: sha(file) })
    const refused = (size: number) => ({ status: 416, range: `bytes */${size}`, accept: 'bytes' })
    const f = r.fetch
    assert.deepEqual(f['small.bin '], whole(small))
    assert.deepEqual(f['small.bin bytes=10-19'], part(small, 10, 19))
    assert.deepEqual(f['small.bin bytes=990-'], part(small, 990, 999))
    assert.deepEqual(f['small.bin bytes=-5'], part(small, 995, 999))
    assert.deepEqual(f['small.bin bytes=5-5000'], part(small, 5, 999))
    assert.deepEqual({ ...f['small.bin bytes=1000-'], length: undefined, digest: undefined }, { ...refused(1000), length: undefined, digest: undefined })
    assert.deepEqual({ ...f['small.bin bytes=-0'], length: undefined, digest: undefined }, { ...refused(1000), length: undefined, digest: undefined })
    assert.deepEqual(f['small.bin bytes=abc'], whole(small))
    assert.deepEqual(f['small.bin bytes=0-1,5-9'], whole(small))
    assert.deepEqual(f['small.bin items=0-9'], whole(small))
    assert.deepEqual(f['big.bin '], whole(big))
    assert.deepEqual(f['big.bin bytes=2000000-2099999'], part(big, 2000000, 2099999))
    assert.deepEqual(f['big.bin bytes=3145000-'], part(big, 3145000, big.length - 1))
    assert.deepEqual(f['big.bin bytes=-2000000'], part(big, big.length - 2000000, big.length - 1))
    assert.deepEqual({ ...f['big.bin bytes=99999999-'], length: undefined, digest: undefined }, { ...refused(big.length), length: undefined, digest: undefined })
    assert.deepEqual(f['big.bin bytes=0-0'], part(big, 0, 0))
    assert.deepEqual(r.after, { text: 206, ipc: 'number' })
  } finally {
    app.remove()
  }
})
