// Observations of fs (promise, callback and sync forms, descriptors, FileHandle, Dir, streams, watch,
// Node-shaped errors) in a fresh directory `dir`. Runs on node:fs in Node and on socket:fs in the webview;
// paths in errors are observed relative to `dir`, since each side gets its own directory.
import type * as NodeFs from 'node:fs'
import { Observer, type Observations } from '../harness/observe.ts'

type Fs = typeof NodeFs

function fsError (error: unknown, dir: string): Record<string, unknown> {
  const e = error as { name?: string, code?: string, errno?: number, syscall?: string, path?: string, dest?: string }
  const shape: Record<string, unknown> = { name: e.name }
  for (const key of ['code', 'errno', 'syscall'] as const) if (e[key] !== undefined) shape[key] = e[key]
  if (e.path !== undefined) shape.path = e.path.replace(dir, '<dir>')
  if (e.dest !== undefined) shape.dest = e.dest.replace(dir, '<dir>')
  return shape
}

function callback<T> (fn: (cb: (error: Error | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((error, value) => error ? reject(error) : resolve(value as T)))
}

export async function observeFs (fs: Fs, dir: string): Promise<Observations> {
  const o = new Observer()
  const p = fs.promises
  const at = (name: string): string => `${dir}/${name}`
  const err = async (label: string, fn: () => unknown): Promise<void> => {
    try {
      await fn()
      o.results[label] = 'no error'
    } catch (error) {
      o.results[label] = fsError(error, dir)
    }
  }

  // Promise form
  await o.seeAsync('promises write+read utf8', async () => { await p.writeFile(at('a.txt'), 'hello wörld'); return await p.readFile(at('a.txt'), 'utf8') })
  await o.seeAsync('promises append', async () => { await p.appendFile(at('a.txt'), '!'); return await p.readFile(at('a.txt'), { encoding: 'utf8' }) })
  await o.seeAsync('promises readFile buffer', async () => await p.readFile(at('a.txt')))
  await o.seeAsync('promises stat', async () => {
    const s = await p.stat(at('a.txt'))
    return { file: s.isFile(), dir: s.isDirectory(), size: s.size, mode: s.mode & 0o777, mtimeIsDate: s.mtime instanceof Date, recent: Math.abs(Date.now() - s.mtimeMs) < 60_000 }
  })
  await o.seeAsync('promises stat bigint', async () => { const s = await p.stat(at('a.txt'), { bigint: true }); return [typeof s.size, s.size === 13n] })
  await o.seeAsync('promises mkdir recursive returns first created', async () => (await p.mkdir(at('x/y/z'), { recursive: true }))?.replace(dir, '<dir>'))
  await o.seeAsync('promises mkdir recursive existing', async () => await p.mkdir(at('x/y'), { recursive: true }))
  await o.seeAsync('promises readdir sorted', async () => { await p.writeFile(at('B.txt'), ''); await p.writeFile(at('b.txt'), ''); return await p.readdir(dir) })
  await o.seeAsync('promises readdir withFileTypes', async () => (await p.readdir(dir, { withFileTypes: true })).map((d) => [d.name, d.isFile(), d.isDirectory()]))
  await o.seeAsync('promises readdir recursive', async () => (await p.readdir(at('x'), { recursive: true })).sort())
  await o.seeAsync('promises rename', async () => { await p.rename(at('B.txt'), at('C.txt')); return await p.readdir(dir) })
  await o.seeAsync('promises copyFile', async () => { await p.copyFile(at('a.txt'), at('copy.txt')); return await p.readFile(at('copy.txt'), 'utf8') })
  await err('promises copyFile EXCL on existing', () => p.copyFile(at('a.txt'), at('copy.txt'), fs.constants.COPYFILE_EXCL))
  await o.seeAsync('promises truncate', async () => { await p.truncate(at('copy.txt'), 4); return await p.readFile(at('copy.txt'), 'utf8') })
  await o.seeAsync('promises symlink/readlink/lstat', async () => {
    await p.symlink('a.txt', at('link'))
    const l = await p.lstat(at('link'))
    return [await p.readlink(at('link')), l.isSymbolicLink(), (await p.stat(at('link'))).isFile(), (await p.realpath(at('link'))).replace(dir, '<dir>')]
  })
  await o.seeAsync('promises access ok', async () => await p.access(at('a.txt'), fs.constants.R_OK))
  await o.seeAsync('promises mkdtemp', async () => { const made = await p.mkdtemp(at('tmp-')); return [made.length - at('tmp-').length, (await p.stat(made)).isDirectory()] })
  await o.seeAsync('promises rm recursive', async () => { await p.rm(at('x'), { recursive: true }); return await p.readdir(dir).then((names) => names.includes('x')) })
  await o.seeAsync('promises rm force missing', async () => await p.rm(at('missing'), { force: true }))
  await o.seeAsync('promises unlink', async () => { await p.unlink(at('C.txt')); return (await p.readdir(dir)).includes('C.txt') })

  // Node-shaped errors
  await err('readFile missing', () => p.readFile(at('missing.txt')))
  await err('stat missing', () => p.stat(at('missing/deeper')))
  await err('mkdir existing', () => p.mkdir(at('b.txt')))
  await err('readdir on a file', () => p.readdir(at('b.txt')))
  await err('readFile on a directory', () => p.readFile(dir))
  await err('rmdir not empty', async () => { await p.mkdir(at('full')); await p.writeFile(at('full/f'), ''); await p.rmdir(at('full')) })
  await err('open directory for writing', () => p.open(dir, 'w'))
  await err('open wx existing', () => p.open(at('a.txt'), 'wx'))
  await err('unlink missing', () => p.unlink(at('nothing')))
  await err('rename missing', () => p.rename(at('nothing'), at('other')))
  await err('rm directory without recursive', () => p.rm(at('full')))
  await err('readlink not a link', () => p.readlink(at('a.txt')))
  await err('bad path type', () => p.readFile(42 as unknown as string))
  await err('bad flags', () => p.open(at('a.txt'), 'nope'))

  // Callback form
  await o.seeAsync('callback readFile', async () => await callback<string>((cb) => fs.readFile(at('a.txt'), 'utf8', cb)))
  await o.seeAsync('callback stat size', async () => (await callback<NodeFs.Stats>((cb) => fs.stat(at('a.txt'), cb))).size)
  await o.seeAsync('callback readdir', async () => (await callback<string[]>((cb) => fs.readdir(dir, cb))).filter((n) => !n.startsWith('tmp-')))
  await err('callback error', () => callback((cb) => fs.readFile(at('missing'), cb)))
  o.see('callback bad path throws synchronously', () => { try { fs.readFile(null as unknown as string, () => {}); return 'no throw' } catch (e) { return (e as { code?: string }).code } })
  await o.seeAsync('exists', async () => await new Promise((resolve) => fs.exists(at('a.txt'), resolve)))

  // Sync form
  o.see('writeFileSync+readFileSync', () => { fs.writeFileSync(at('s.txt'), Uint8Array.from([104, 105])); return fs.readFileSync(at('s.txt'), 'utf8') })
  o.see('appendFileSync', () => { fs.appendFileSync(at('s.txt'), '!'); return fs.readFileSync(at('s.txt'), 'latin1') })
  o.see('statSync', () => { const s = fs.statSync(at('s.txt')); return [s.size, s.isFile()] })
  o.see('existsSync', () => [fs.existsSync(at('s.txt')), fs.existsSync(at('nope')), fs.existsSync(42 as unknown as string)])
  o.see('readdirSync', () => fs.readdirSync(dir).filter((n) => !n.startsWith('tmp-')))
  o.see('mkdirSync+rmdirSync', () => { fs.mkdirSync(at('sd')); const exists = fs.statSync(at('sd')).isDirectory(); fs.rmdirSync(at('sd')); return [exists, fs.existsSync(at('sd'))] })
  o.see('renameSync+unlinkSync', () => { fs.renameSync(at('s.txt'), at('t.txt')); fs.unlinkSync(at('t.txt')); return fs.existsSync(at('t.txt')) })
  o.see('readFileSync missing', () => { try { return fs.readFileSync(at('missing')) } catch (e) { return fsError(e, dir) } })
  o.see('copyFileSync + readlinkSync', () => { fs.copyFileSync(at('a.txt'), at('c2.txt')); return [fs.readFileSync(at('c2.txt'), 'utf8'), fs.readlinkSync(at('link'))] })

  // Descriptors
  o.see('fd sync: open/write/read/fstat/ftruncate/close', () => {
    const fd = fs.openSync(at('fd.bin'), 'w+')
    const written = fs.writeSync(fd, Uint8Array.from([1, 2, 3, 4, 5]))
    const stringWritten = fs.writeSync(fd, 'xyz', 5)
    const buffer = new Uint8Array(8)
    const count = fs.readSync(fd, buffer, 0, 8, 0)
    const size = fs.fstatSync(fd).size
    fs.ftruncateSync(fd, 2)
    const truncated = fs.fstatSync(fd).size
    fs.closeSync(fd)
    return [typeof fd, written, stringWritten, count, Array.from(buffer), size, truncated]
  })
  o.see('closed fd is EBADF', () => { const fd = fs.openSync(at('fd.bin'), 'r'); fs.closeSync(fd); try { fs.fstatSync(fd); return 'no error' } catch (e) { return fsError(e, dir) } })
  await o.seeAsync('fd callback: open/write/read/close', async () => {
    const fd = await callback<number>((cb) => fs.open(at('cb.bin'), 'w+', cb))
    const written = await new Promise((resolve, reject) => fs.write(fd, 'abcdef', 0, 'utf8', (e, n) => e ? reject(e) : resolve(n)))
    const read = await new Promise((resolve, reject) => fs.read(fd, new Uint8Array(3), 0, 3, 2, (e, n, b) => e ? reject(e) : resolve([n, Array.from(b)])))
    await callback((cb) => fs.close(fd, cb))
    return [written, read]
  })
  await o.seeAsync('FileHandle', async () => {
    const handle = await p.open(at('h.txt'), 'w+')
    const { bytesWritten } = await handle.write('handle data')
    const { bytesRead, buffer } = await handle.read(new Uint8Array(6), 0, 6, 0)
    const size = (await handle.stat()).size
    await handle.truncate(6)
    const text = await handle.readFile('utf8')
    await handle.close()
    return [bytesWritten, bytesRead, Array.from(buffer), size, text, handle.fd]
  })

  // Dir
  await o.seeAsync('opendir iteration', async () => {
    const names: string[] = []
    for await (const entry of await p.opendir(dir)) if (!entry.name.startsWith('tmp-')) names.push(entry.name)
    return names.sort()
  })
  o.see('opendirSync readSync', () => {
    const d = fs.opendirSync(at('full'))
    const first = d.readSync()
    const second = d.readSync()
    d.closeSync()
    return [first?.name, first?.isFile(), second]
  })

  // Streams
  await o.seeAsync('write stream then read stream', async () => {
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(at('stream.txt'))
      out.on('error', reject)
      out.write('one,')
      out.write(Uint8Array.from([116, 119, 111, 44]))
      out.end('three', () => resolve())
    })
    const chunks: string[] = []
    await new Promise<void>((resolve, reject) => {
      const input = fs.createReadStream(at('stream.txt'), { encoding: 'utf8', highWaterMark: 4 })
      input.on('data', (chunk) => chunks.push(chunk as string))
      input.on('end', resolve)
      input.on('error', reject)
    })
    return chunks
  })
  await o.seeAsync('read stream range', async () => {
    const chunks: number[][] = []
    await new Promise<void>((resolve, reject) => {
      const input = fs.createReadStream(at('stream.txt'), { start: 2, end: 6 })
      input.on('data', (chunk) => chunks.push(Array.from(chunk as Uint8Array)))
      input.on('end', resolve)
      input.on('error', reject)
    })
    return chunks.flat()
  })
  await err('read stream missing file', () => new Promise((resolve, reject) => {
    const input = fs.createReadStream(at('missing'))
    input.on('error', reject)
    input.on('end', () => resolve(undefined))
    input.resume()
  }))

  // Watch: an event for the written file arrives (which kinds, and how many, is up to the OS).
  await o.seeAsync('watch sees a new file', async () => {
    await p.mkdir(at('watched'))
    const seen = await new Promise<string>((resolve, reject) => {
      const watcher = fs.watch(at('watched'), (_kind, filename) => { watcher.close(); resolve(String(filename)) })
      watcher.on('error', reject)
      setTimeout(() => { void p.writeFile(at('watched/new.txt'), 'x') }, 100)
      setTimeout(() => { watcher.close(); reject(new Error('no watch event in 5 s')) }, 5000)
    })
    return seen
  })
  return o.results
}
