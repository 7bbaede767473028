// Observations of fs (promise, callback and sync forms, descriptors, FileHandle, Dir, streams, watch, watchFile,
// readLines, Node-shaped errors) in a fresh directory `dir`. Runs on node:fs in Node and on socket:fs in the webview;
// paths in errors are observed relative to `dir`, since each side gets its own directory.
import type * as NodeFs from 'node:fs'
import { Observer, type Observations } from '../harness/observe.ts'
import { observeWatchFile } from './fs-watchfile.cases.ts'
import { observeReadLines } from './fs-readlines.cases.ts'
import { observeRecursiveWatch } from './fs-watch-recursive.cases.ts'

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
  // Larger than one fs.read call (a path is read in one fs.readFile call; a descriptor 1 MiB per call, each
  // copied into one buffer): every byte in place.
  const patterned = Uint8Array.from({ length: 2.5 * 1024 * 1024 + 3 }, (_, i) => (i * 7 + (i >> 12)) & 255)
  const digest = (bytes: Uint8Array): number[] => [bytes.byteLength, bytes.reduce((sum, b, i) => (sum + b * ((i % 251) + 1)) % 1000000007, 0)]
  await o.seeAsync('promises readFile of several chunks', async () => { await p.writeFile(at('big.bin'), patterned); return digest(await p.readFile(at('big.bin'))) })
  // Above the host's 16 MiB per-call limit: the one-call readFile is refused (EFBIG) and the chunked path reads it.
  await o.seeAsync('promises readFile above the one-call limit', async () => {
    const huge = new Uint8Array(16 * 1024 * 1024 + 5)
    for (let i = 0; i < huge.length; i += 4096) huge[i] = (i >> 12) & 255
    huge[huge.length - 1] = 7
    await p.writeFile(at('huge.bin'), huge)
    const back = await p.readFile(at('huge.bin'))
    await p.unlink(at('huge.bin'))
    let same = back.byteLength === huge.byteLength
    for (let i = 0; same && i < huge.length; i += 4096) same = back[i] === huge[i]
    return [back.byteLength, same, back[back.length - 1]]
  })
  await o.seeAsync('FileHandle readFile of several chunks from mid-file', async () => {
    const handle = await p.open(at('big.bin'), 'r')
    await handle.read(new Uint8Array(1000), 0, 1000, null)
    const rest = await handle.readFile()
    await handle.close()
    return digest(rest)
  })
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
  await observeMetadata(fs, dir, o, err)
  await observeCp(fs, dir, o, err)
  await observeWatchFile(fs, dir, o, err)
  await observeReadLines(fs, dir, o, err)
  await observeRecursiveWatch(fs, dir, o)
  return o.results
}

type Err = (label: string, fn: () => unknown) => Promise<void>

/** Times as a stat reports them, in whole milliseconds (sub-millisecond digits are float noise). */
function times (s: NodeFs.Stats): number[] {
  return [Math.round(s.atimeMs), Math.round(s.mtimeMs)]
}

/**
 * A link's mtime only: its atime moves whenever the link is read, and the host's sandbox reads links to
 * resolve every path it checks (relatime then updates an atime older than the mtime).
 */
function linkTime (s: NodeFs.Stats): number {
  return Math.round(s.mtimeMs)
}

// utimes/lutimes/futimes, fchmod/fchown and their FileHandle forms, on real files, with their errors.
async function observeMetadata (fs: Fs, dir: string, o: Observer, err: Err): Promise<void> {
  const p = fs.promises
  const at = (name: string): string => `${dir}/${name}`
  await p.writeFile(at('meta.txt'), 'metadata')
  await p.symlink('meta.txt', at('meta-link'))

  await o.seeAsync('promises utimes seconds', async () => { await p.utimes(at('meta.txt'), 1_000_000_000, 1_100_000_000.25); return times(await p.stat(at('meta.txt'))) })
  await o.seeAsync('promises utimes Date and numeric string', async () => { await p.utimes(at('meta.txt'), new Date(1_200_000_000_123), '1300000000'); return times(await p.stat(at('meta.txt'))) })
  await o.seeAsync('promises utimes through a link changes the target', async () => {
    await p.utimes(at('meta-link'), 1_000, 2_000)
    return [times(await p.stat(at('meta.txt'))), (await p.lstat(at('meta-link'))).mtimeMs === 2_000_000]
  })
  await o.seeAsync('promises lutimes changes the link only', async () => {
    await p.lutimes(at('meta-link'), 5_000, 6_000)
    return [linkTime(await p.lstat(at('meta-link'))), times(await p.stat(at('meta.txt')))]
  })
  o.see('utimesSync', () => { fs.utimesSync(at('meta.txt'), 7_000, 8_000.5); return times(fs.statSync(at('meta.txt'))) })
  o.see('lutimesSync', () => { fs.lutimesSync(at('meta-link'), 9_000, 10_000); return linkTime(fs.lstatSync(at('meta-link'))) })
  await o.seeAsync('callback utimes', async () => { await callback((cb) => fs.utimes(at('meta.txt'), 11_000, 12_000, cb)); return times(fs.statSync(at('meta.txt'))) })
  await o.seeAsync('callback lutimes', async () => { await callback((cb) => fs.lutimes(at('meta-link'), 13_000, 14_000, cb)); return linkTime(fs.lstatSync(at('meta-link'))) })
  o.see('futimesSync on a read-only descriptor', () => {
    const fd = fs.openSync(at('meta.txt'), 'r')
    try { fs.futimesSync(fd, 15_000, 16_000.75) } finally { fs.closeSync(fd) }
    return times(fs.statSync(at('meta.txt')))
  })
  await o.seeAsync('callback futimes', async () => {
    const fd = fs.openSync(at('meta.txt'), 'r+')
    try { await callback((cb) => fs.futimes(fd, 17_000, new Date(18_000_000), cb)) } finally { fs.closeSync(fd) }
    return times(fs.statSync(at('meta.txt')))
  })
  o.see('fchmodSync', () => {
    const fd = fs.openSync(at('meta.txt'), 'r')
    try { fs.fchmodSync(fd, 0o600) } finally { fs.closeSync(fd) }
    return fs.statSync(at('meta.txt')).mode & 0o777
  })
  await o.seeAsync('callback fchmod octal string', async () => {
    const fd = fs.openSync(at('meta.txt'), 'r')
    try { await callback((cb) => fs.fchmod(fd, '640', cb)) } finally { fs.closeSync(fd) }
    return fs.statSync(at('meta.txt')).mode & 0o777
  })
  o.see('fchownSync to the same owner, and -1 -1', () => {
    const s = fs.statSync(at('meta.txt'))
    const fd = fs.openSync(at('meta.txt'), 'r')
    try { fs.fchownSync(fd, s.uid, s.gid); fs.fchownSync(fd, -1, -1) } finally { fs.closeSync(fd) }
    const after = fs.statSync(at('meta.txt'))
    return [after.uid === s.uid, after.gid === s.gid]
  })
  // Root may give a file away, anyone else gets EPERM: both sides run as the same user, so they agree.
  await o.seeAsync('callback fchown to another user', async () => {
    const fd = fs.openSync(at('meta.txt'), 'r')
    try {
      await callback((cb) => fs.fchown(fd, 54321, -1, cb))
      return fs.statSync(at('meta.txt')).uid
    } catch (error) {
      return fsError(error, dir)
    } finally {
      fs.closeSync(fd)
    }
  })
  await o.seeAsync('FileHandle chmod/chown/utimes', async () => {
    const handle = await p.open(at('meta.txt'), 'r+')
    const s = await handle.stat()
    await handle.chmod(0o604)
    await handle.chown(s.uid, s.gid)
    await handle.utimes(19_000, 20_000)
    const after = await handle.stat()
    await handle.close()
    return [after.mode & 0o777, times(after), after.uid === s.uid]
  })
  await err('FileHandle chmod after close', async () => { const h = await p.open(at('meta.txt'), 'r'); await h.close(); await h.chmod(0o600) })

  await err('utimes missing', () => p.utimes(at('missing/x'), 1, 1))
  await err('lutimes missing', () => p.lutimes(at('missing'), 1, 1))
  await err('utimesSync missing', () => fs.utimesSync(at('missing'), 1, 1))
  await err('callback utimes missing', () => callback((cb) => fs.utimes(at('missing'), 1, 1, cb)))
  await err('utimes bad time type', () => p.utimes(at('meta.txt'), {} as unknown as number, 1))
  await err('utimes NaN time', () => fs.utimesSync(at('meta.txt'), 1, Number.NaN))
  await err('utimes bad path type', () => p.utimes(7 as unknown as string, 1, 1))
  await err('futimes closed fd', () => { const fd = fs.openSync(at('meta.txt'), 'r'); fs.closeSync(fd); fs.futimesSync(fd, 1, 1) })
  await err('fchmod closed fd', () => { const fd = fs.openSync(at('meta.txt'), 'r'); fs.closeSync(fd); fs.fchmodSync(fd, 0o600) })
  await err('fchown closed fd', () => callback((cb) => { const fd = fs.openSync(at('meta.txt'), 'r'); fs.closeSync(fd); fs.fchown(fd, -1, -1, cb) }))
  await err('fchmod fd not a number', () => fs.fchmodSync('3' as unknown as number, 0o600))
  await err('fchmod bad mode', () => { const fd = fs.openSync(at('meta.txt'), 'r'); try { fs.fchmodSync(fd, 'rwx' as unknown as number) } finally { fs.closeSync(fd) } })
  await err('fchmod missing mode', () => { const fd = fs.openSync(at('meta.txt'), 'r'); try { fs.fchmodSync(fd, undefined as unknown as number) } finally { fs.closeSync(fd) } })
  await err('fchown uid not a number', () => { const fd = fs.openSync(at('meta.txt'), 'r'); try { fs.fchownSync(fd, '0' as unknown as number, 0) } finally { fs.closeSync(fd) } })
  await err('fchown uid not an integer', () => { const fd = fs.openSync(at('meta.txt'), 'r'); try { fs.fchownSync(fd, 1.5, 0) } finally { fs.closeSync(fd) } })
  await err('chown gid out of range', () => p.chown(at('meta.txt'), 0, 2 ** 32))
  await err('fchmod callback missing', () => fs.fchmod(0, 0o600, undefined as unknown as () => void))
}

// cp / cpSync / promises.cp: trees, links, modes, times, filters, options, and Node's SystemErrors.
async function observeCp (fs: Fs, dir: string, o: Observer, err: Err): Promise<void> {
  const p = fs.promises
  const at = (name: string): string => `${dir}/${name}`
  // Walked by hand with lstat: links are entries, never followed.
  const tree = async (root: string, prefix = ''): Promise<unknown[]> => {
    const out: unknown[] = []
    for (const name of (await p.readdir(root)).sort()) {
      const path = `${root}/${name}`
      const s = await p.lstat(path)
      if (s.isSymbolicLink()) out.push([prefix + name, 'link', (await p.readlink(path)).replace(dir, '<dir>')])
      else if (s.isDirectory()) out.push([prefix + name, 'dir', s.mode & 0o777], ...await tree(path, `${prefix}${name}/`))
      else out.push([prefix + name, 'file', s.mode & 0o777, await p.readFile(path, 'utf8')])
    }
    return out
  }
  const names = async (root: string): Promise<string[]> => (await tree(root)).map((entry) => (entry as string[])[0])
  await p.mkdir(at('cp-src/sub/deeper'), { recursive: true })
  await p.writeFile(at('cp-src/a.txt'), 'alpha')
  await p.writeFile(at('cp-src/sub/b.txt'), 'beta')
  await p.writeFile(at('cp-src/sub/deeper/c.txt'), 'gamma')
  await p.chmod(at('cp-src/sub/b.txt'), 0o640)
  await p.chmod(at('cp-src/sub/deeper'), 0o750)
  await p.symlink('a.txt', at('cp-src/rel-link'))
  await p.symlink(at('cp-src/sub'), at('cp-src/abs-link'))
  await p.utimes(at('cp-src/a.txt'), 1_000_000, 2_000_000)

  await o.seeAsync('promises cp a file', async () => { await p.cp(at('cp-src/a.txt'), at('cp-one.txt')); return await p.readFile(at('cp-one.txt'), 'utf8') })
  await o.seeAsync('promises cp recursive tree', async () => { await p.cp(at('cp-src'), at('cp-tree'), { recursive: true }); return await tree(at('cp-tree')) })
  await o.seeAsync('promises cp verbatimSymlinks', async () => { await p.cp(at('cp-src'), at('cp-verbatim'), { recursive: true, verbatimSymlinks: true }); return await p.readlink(at('cp-verbatim/rel-link')) })
  await o.seeAsync('promises cp dereference', async () => { await p.cp(at('cp-src'), at('cp-deref'), { recursive: true, dereference: true }); return await tree(at('cp-deref')) })
  await o.seeAsync('promises cp preserveTimestamps', async () => {
    await p.cp(at('cp-src/a.txt'), at('cp-times.txt'), { preserveTimestamps: true })
    await p.cp(at('cp-src/a.txt'), at('cp-now.txt'))
    // Only mtime: reading the source to copy it may move its atime (relatime), on either side.
    return [(await p.stat(at('cp-times.txt'))).mtimeMs, (await p.stat(at('cp-now.txt'))).mtimeMs > 2_000_000_000]
  })
  await o.seeAsync('promises cp async filter', async () => {
    const seen: string[] = []
    await p.cp(at('cp-src'), at('cp-filtered'), { recursive: true, filter: async (src, dest) => { seen.push(`${src.replace(dir, '<dir>')} -> ${dest.replace(dir, '<dir>')}`); return !src.endsWith('sub') } })
    return [await tree(at('cp-filtered')), seen.sort()]
  })
  await o.seeAsync('promises cp into a missing parent', async () => { await p.cp(at('cp-src/a.txt'), at('cp-new/parent/a.txt')); return await p.readdir(at('cp-new/parent')) })
  await o.seeAsync('promises cp over existing file (force)', async () => { await p.writeFile(at('cp-one.txt'), 'old'); await p.cp(at('cp-src/sub/b.txt'), at('cp-one.txt')); return await p.readFile(at('cp-one.txt'), 'utf8') })
  await o.seeAsync('promises cp existing, force false', async () => { await p.writeFile(at('cp-one.txt'), 'kept'); await p.cp(at('cp-src/a.txt'), at('cp-one.txt'), { force: false }); return await p.readFile(at('cp-one.txt'), 'utf8') })
  await o.seeAsync('promises cp merges into an existing tree', async () => {
    await p.writeFile(at('cp-tree/sub/extra.txt'), 'extra')
    await p.writeFile(at('cp-src/sub/b.txt'), 'beta 2')
    await p.cp(at('cp-src/sub'), at('cp-tree/sub'), { recursive: true })
    return await tree(at('cp-tree/sub'))
  })
  // Both links of the copy point into the source; which one fails first is the directory's order.
  await o.seeAsync('promises cp onto its copy, whose links point into the source', async () => {
    try { await p.cp(at('cp-src'), at('cp-tree'), { recursive: true }); return 'no error' } catch (e) { const { code, errno, syscall } = e as NodeJS.ErrnoException; return [code, errno, syscall] }
  })
  await o.seeAsync('cpSync tree with a sync filter', async () => { fs.cpSync(at('cp-src'), at('cp-sync'), { recursive: true, filter: (src) => !src.endsWith('.txt') || src.endsWith('a.txt') }); return await names(at('cp-sync')) })
  await o.seeAsync('callback cp without options', async () => { await callback((cb) => fs.cp(at('cp-src/a.txt'), at('cp-cb.txt'), cb)); return fs.readFileSync(at('cp-cb.txt'), 'utf8') })
  await o.seeAsync('callback cp recursive', async () => { await callback((cb) => fs.cp(at('cp-src/sub'), at('cp-cb-dir'), { recursive: true }, cb)); return await names(at('cp-cb-dir')) })

  await err('promises cp a directory without recursive', () => p.cp(at('cp-src'), at('cp-x')))
  await err('promises cp missing source', () => p.cp(at('cp-nothing'), at('cp-x')))
  await err('promises cp onto itself', () => p.cp(at('cp-src'), at('cp-src'), { recursive: true }))
  await err('promises cp into its own subdirectory', () => p.cp(at('cp-src'), at('cp-src/sub/inner'), { recursive: true }))
  await err('promises cp directory onto a file', () => p.cp(at('cp-src'), at('cp-one.txt'), { recursive: true }))
  await err('promises cp file onto a directory', () => p.cp(at('cp-src/a.txt'), at('cp-tree/sub')))
  await err('promises cp errorOnExist', () => p.cp(at('cp-src/a.txt'), at('cp-one.txt'), { force: false, errorOnExist: true }))
  await err('promises cp filter throws', () => p.cp(at('cp-src'), at('cp-x'), { recursive: true, filter: () => { throw new RangeError('no') } }))
  await err('promises cp bad option type', () => p.cp(at('cp-src'), at('cp-x'), { recursive: 'yes' as unknown as boolean }))
  await err('promises cp bad filter', () => p.cp(at('cp-src'), at('cp-x'), { filter: 1 as unknown as () => boolean }))
  await err('promises cp dereference with verbatimSymlinks', () => p.cp(at('cp-src'), at('cp-x'), { dereference: true, verbatimSymlinks: true }))
  await err('promises cp bad src type', () => p.cp(1 as unknown as string, at('cp-x')))
  await err('promises cp options not an object', () => p.cp(at('cp-src'), at('cp-x'), 'r' as unknown as object))
  await err('cpSync async filter', () => fs.cpSync(at('cp-src/a.txt'), at('cp-x'), { filter: (async () => true) as unknown as () => boolean }))
  await err('cpSync a directory without recursive', () => fs.cpSync(at('cp-src'), at('cp-x')))
  await err('cpSync missing source', () => fs.cpSync(at('cp-nothing'), at('cp-x')))
  await err('cpSync errorOnExist', () => fs.cpSync(at('cp-src/a.txt'), at('cp-one.txt'), { force: false, errorOnExist: true }))
  await err('callback cp into its own subdirectory', () => callback((cb) => fs.cp(at('cp-src'), at('cp-src/sub/x'), { recursive: true }, cb)))
  await err('callback cp without a callback', () => fs.cp(at('cp-src'), at('cp-x'), undefined as unknown as () => void))
  o.see('nothing was copied by the failures', () => fs.existsSync(at('cp-x')))
}
