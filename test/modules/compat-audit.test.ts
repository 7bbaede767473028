// Where socket:crypto, socket:path and socket:application disagreed with the original or Node, checked in
// Node: createDigest's digests (FIPS 180 test vectors for "abc"), getRandomValues past the 64 KiB quota (the
// original pages it), rand64's shape, Path#toURL's encoding against Node's pathToFileURL, and
// socket:application's typed errors for bad arguments.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as crypto from '../../runtime-js/modules/crypto.ts'

const abc = new TextEncoder().encode('abc')

test('socket:crypto createDigest(algorithm, data) gives the FIPS 180 digests of "abc" as a Buffer', async () => {
  const hex = async (algorithm: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'): Promise<string> => {
    const digest = await crypto.createDigest(algorithm, abc)
    assert.ok(digest instanceof crypto.createHash('sha1').digest().constructor, 'a Buffer')
    return digest.toString('hex')
  }
  assert.equal(await hex('SHA-1'), 'a9993e364706816aba3e25717850c26c9cd0d89d')
  assert.equal(await hex('SHA-256'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  assert.equal(await hex('SHA-384'), 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7')
  assert.equal(await hex('SHA-512'), 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f')
  await assert.rejects(crypto.createDigest('MD5' as never, abc), (error: Error) => error.name === 'NotSupportedError')
})

test('socket:crypto getRandomValues fills views past the 64 KiB quota, page by page', () => {
  const size = crypto.RANDOM_BYTES_QUOTA * 2 + 10
  const big = new Uint32Array(size / 2)
  assert.equal(crypto.getRandomValues(big), big)
  const bytes = new Uint8Array(big.buffer)
  // Each page, the last one too, is filled (an all-zero 4 KiB stretch has probability 2^-32768).
  for (const start of [0, crypto.RANDOM_BYTES_QUOTA, bytes.byteLength - 4096]) {
    assert.ok(bytes.subarray(start, start + 4096).some((b) => b !== 0), `bytes from ${start} are filled`)
  }
  // A view into a larger buffer fills only its own bytes.
  const backing = new Uint8Array(crypto.RANDOM_BYTES_QUOTA + 200)
  crypto.getRandomValues(new Uint8Array(backing.buffer, 100, crypto.RANDOM_BYTES_QUOTA + 1))
  assert.ok(backing.subarray(0, 100).every((b) => b === 0) && backing.subarray(crypto.RANDOM_BYTES_QUOTA + 101).every((b) => b === 0))
  // WebCrypto's own refusals stay: float arrays are not integer arrays.
  assert.throws(() => crypto.getRandomValues(new Float64Array(4) as never), (error: Error) => error.name === 'TypeMismatchError')
})

test('socket:crypto rand64 is a random unsigned 64-bit BigInt', () => {
  const values = Array.from({ length: 16 }, () => crypto.rand64())
  assert.ok(values.every((v) => typeof v === 'bigint' && v >= 0n && v < 2n ** 64n))
  assert.equal(new Set(values).size, 16)
})

test('socket:path Path#toURL encodes as Node\'s url.pathToFileURL (newlines, tabs, backslashes, %, #, ?)', async () => {
  const { Path } = await import('../../runtime-js/internal/path/path-class.ts')
  const { pathToFileURL } = await import('node:url')
  for (const path of ['/a\nb\\c%25d\te\rf"<> #?.txt', '/tmp/dir/', '/ü/日本']) {
    assert.equal(Path.from(path).toURL().href, pathToFileURL(path).href, JSON.stringify(path))
  }
  assert.equal(Path.from('rel/x').toURL().href, pathToFileURL('rel/x').href)
  assert.equal(Path.from(Path.from('/a\nb #c').toURL()).value, '/a\nb #c')
})

test('socket:application rejects bad arguments with typed errors before any IPC', async () => {
  const application = await import('../../runtime-js/modules/application.ts')
  const code = (name: string, value: string) => (error: Error & { code?: string }) => error.name === name && error.code === value
  await assert.rejects(application.exit('x' as never), code('TypeError', 'ERR_INVALID_ARG_TYPE'))
  await assert.rejects(application.exit(1.5), code('RangeError', 'ERR_OUT_OF_RANGE'))
  await assert.rejects(application.setSystemMenu(undefined as never), code('TypeError', 'ERR_INVALID_ARG_TYPE'))
  await assert.rejects(application.setTrayMenu({ value: 5 } as never), code('TypeError', 'ERR_INVALID_ARG_TYPE'))
  await assert.rejects(application.setSystemMenuItemEnabled({ enabled: 'yes', indexMain: 0, indexSub: 0 } as never), code('TypeError', 'ERR_INVALID_ARG_TYPE'))
  await assert.rejects(application.setSystemMenuItemEnabled({ enabled: true, indexMain: -1, indexSub: 0 }), code('RangeError', 'ERR_OUT_OF_RANGE'))
  await assert.rejects(application.getWindows(3 as never), code('TypeError', 'ERR_INVALID_ARG_TYPE'))
  await assert.rejects(application.getWindows([0, -1]), code('TypeError', 'ERR_INVALID_ARG_TYPE'))
})
