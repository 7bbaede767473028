// In Node: socket:mime (MIMEType differentially against node:util, lookup and the Database shape),
// socket:fs/flags (each flag opens a file as Node's string does), socket:fs/stats and socket:window/constants.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MIMEType as NodeMIMEType } from 'node:util'
import * as nodeFs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { observeMIMEType } from './cases/mime.cases.ts'
import { assertSameObservations } from './harness/compare.ts'
import * as mime from '../../runtime-js/modules/mime.ts'
import { normalizeFlags } from '../../runtime-js/modules/fs/flags.ts'
import { Stats, BigIntStats } from '../../runtime-js/modules/fs/stats.ts'
import * as windowConstants from '../../runtime-js/modules/window/constants.ts'

test('socket:mime MIMEType/MIMEParams give the same observations as node:util', () => {
  assertSameObservations(observeMIMEType(NodeMIMEType as never), observeMIMEType(mime.MIMEType), 'MIMEType')
  assert.ok(new mime.MIMEType('a/b').params instanceof Map, "the original's MIMEParams is a Map")
})

test('socket:mime lookup by extension, file name and media type', async () => {
  const mimes = async (query: string): Promise<string[]> => (await mime.lookup(query)).map((result) => result.mime)
  assert.deepEqual(await mimes('html'), ['text/html'])
  assert.deepEqual(await mimes('.PNG'), ['image/png'])
  assert.deepEqual(await mimes('/home/me/Photo.JPG'), ['image/jpeg'])
  assert.deepEqual(await mimes('archive.tar.gz'), ['application/gzip'])
  assert.deepEqual(await mimes('ts'), ['text/typescript', 'video/mp2t'], 'an extension in two databases gives both, in database order')
  assert.deepEqual(await mimes('unknown-extension'), [])
  assert.deepEqual((await mime.lookup('image/jpeg')).map((r) => r.name), ['jpeg', 'jpg'], 'a media type gives its extensions')
  assert.deepEqual(mime.lookupSync('woff2'), [new mime.DatabaseQueryResult('woff2', 'font/woff2')])
  assert.throws(() => mime.lookupSync(42 as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
})

test('socket:mime databases: one per top-level type, loaded and queried as the original', async () => {
  assert.deepEqual(mime.databases.map((d) => d.name), ['application', 'audio', 'chemical', 'font', 'image', 'model', 'multipart', 'text', 'video'])
  for (const database of mime.databases) {
    await database.load()
    assert.ok(database.size > 0, `${database.name} has entries`)
    for (const [extension, type] of database.entries()) {
      assert.ok(type.startsWith(`${database.name}/`), `${database.name} database maps ${extension} to ${type}`)
      assert.doesNotThrow(() => new mime.MIMEType(type), `${type} parses`)
    }
  }
  assert.equal(mime.text.get('css'), 'text/css')
  assert.equal(mime.text.get('nope'), null)
  assert.deepEqual(await mime.image.lookup('logo.svg'), [new mime.DatabaseQueryResult('svg', 'image/svg+xml')])
  assert.deepEqual(await mime.audio.lookup('logo.svg'), [])
  assert.equal(mime.default.lookup, mime.lookup)
})

test('socket:fs/flags normalizeFlags opens files as Node does with the flag string', () => {
  const dir = nodeFs.mkdtempSync(join(tmpdir(), 'socket-fs-flags-'))
  try {
    const behaviour = (flags: string | number, name: string): unknown => {
      const path = join(dir, name)
      nodeFs.writeFileSync(path, 'old')
      try {
        const fd = nodeFs.openSync(path, flags)
        let wrote: unknown = 'no write'
        try { nodeFs.writeSync(fd, 'N') ; wrote = 'wrote' } catch (error) { wrote = (error as { code?: string }).code }
        let read: unknown = 'no read'
        try { read = nodeFs.readFileSync(fd, 'utf8') } catch (error) { read = (error as { code?: string }).code }
        nodeFs.closeSync(fd)
        return { wrote, read, content: nodeFs.readFileSync(path, 'utf8') }
      } catch (error) {
        return { threw: (error as { code?: string }).code }
      }
    }
    const fresh = (flags: string | number, name: string): unknown => {
      try {
        nodeFs.closeSync(nodeFs.openSync(join(dir, name), flags))
        return nodeFs.existsSync(join(dir, name))
      } catch (error) {
        return (error as { code?: string }).code
      }
    }
    for (const flag of ['r', 'rs', 'sr', 'r+', 'rs+', 'sr+', 'w', 'wx', 'xw', 'w+', 'wx+', 'xw+', 'a', 'ax', 'xa', 'as', 'sa', 'a+', 'ax+', 'xa+', 'as+', 'sa+']) {
      const bits = normalizeFlags(flag)
      assert.equal(typeof bits, 'number')
      assert.deepEqual(behaviour(bits, `n-${flag}`), behaviour(flag, `s-${flag}`), `existing file with '${flag}'`)
      assert.deepEqual(fresh(bits, `fresh-n-${flag}`), fresh(flag, `fresh-s-${flag}`), `missing file with '${flag}'`)
    }
    assert.equal(normalizeFlags(), nodeFs.constants.O_RDONLY)
    assert.equal(normalizeFlags(nodeFs.constants.O_RDWR | nodeFs.constants.O_CREAT), nodeFs.constants.O_RDWR | nodeFs.constants.O_CREAT)
    assert.throws(() => normalizeFlags('rw'), { name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' })
    assert.throws(() => normalizeFlags({} as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  } finally {
    nodeFs.rmSync(dir, { recursive: true, force: true })
  }
})

test("socket:fs/stats: Node's positional constructor, the original's object form and Stats.from", () => {
  const args = [1, 0o40755, 2, 1000, 1000, 0, 4096, 42, 4096, 8, 1.5e12, 1.5e12 + 1, 1.5e12 + 2, 1.5e12 + 3]
  const ours = new Stats(...args)
  const node = new (nodeFs.Stats as unknown as new (...a: number[]) => nodeFs.Stats)(...args)
  assert.deepEqual({ ...ours }, { ...node })
  for (const method of ['isFile', 'isDirectory', 'isSymbolicLink', 'isFIFO', 'isSocket', 'isCharacterDevice', 'isBlockDevice'] as const) {
    assert.equal(ours[method](), node[method](), method)
  }
  const copy = new Stats({ mode: 0o100644, size: 7, mtimeMs: 1000 })
  assert.deepEqual([copy.isFile(), copy.size, copy.mtime.getTime(), copy.ino], [true, 7, 1000, 0])
  assert.ok(Stats.from({ size: '12' }) instanceof Stats)
  assert.equal(Stats.from({ size: '12' }).size, 12)
  const big = Stats.from({ size: 12, mtimeMs: 1.5 }, true) as unknown as BigIntStats
  assert.ok(big instanceof BigIntStats)
  assert.deepEqual([big.size, big.mtimeNs], [12n, 1500000n])
})

test('socket:window/constants are the original window status codes', () => {
  assert.deepEqual({ ...windowConstants.default }, {
    WINDOW_ERROR: -1, WINDOW_NONE: 0, WINDOW_CREATING: 10, WINDOW_CREATED: 11, WINDOW_HIDING: 20, WINDOW_HIDDEN: 21,
    WINDOW_SHOWING: 30, WINDOW_SHOWN: 31, WINDOW_CLOSING: 40, WINDOW_CLOSED: 41, WINDOW_EXITING: 50, WINDOW_EXITED: 51,
    WINDOW_KILLING: 60, WINDOW_KILLED: 61
  })
  assert.equal(windowConstants.WINDOW_SHOWN, 31)
})
