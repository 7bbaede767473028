// Observations of the Node-shaped fs sub-modules (fs/stats, fs/stream, fs/dir, fs/handle) and of the fs
// paths that used to wait forever (stream close callbacks after close or a failed open, fs/promises watch
// with an aborted signal or a missing path). Runs on node:fs in Node and on socket:fs/* in the webview, each
// in its own directory. A case that does not settle within 10 s is observed as 'timed out', so a hang
// fails the comparison instead of stalling the page.
import type * as NodeFs from 'node:fs'
import { Observer, type Observations } from '../harness/observe.ts'
import { within } from '../harness/within.ts'

type Fs = typeof NodeFs
type Class = abstract new (...args: any[]) => any

export interface FsModules {
  fs: Fs
  Stats: new (...args: number[]) => NodeFs.Stats
  ReadStream: Class
  WriteStream: Class
  Dir: Class
  Dirent: Class
  /** fs/promises open (Node) or fs/handle's FileHandle.open (socket). */
  openHandle: (path: string, flags?: string) => Promise<NodeFs.promises.FileHandle>
}

function codeOf (error: unknown): unknown {
  if (error === undefined || error === null) return null
  const e = error as { name?: string, code?: string }
  return { name: e.name, code: e.code }
}

/** Resolves with what `close(cb)` called back with (as an error shape), or 'timed out'. */
function closeCallback (stream: { close: (cb: (error?: Error | null) => void) => void }): Promise<unknown> {
  return within(new Promise((resolve) => stream.close((error) => resolve(codeOf(error)))))
}

function closed (stream: { on: (event: string, fn: () => void) => void }): Promise<void> {
  return new Promise((resolve) => stream.on('close', resolve))
}

export async function observeFsModules (m: FsModules, dir: string): Promise<Observations> {
  const o = new Observer()
  const { fs } = m
  const at = (name: string): string => `${dir}/${name}`
  await fs.promises.writeFile(at('a.txt'), 'hello world')

  // fs/stats
  o.see('Stats positional constructor', () => {
    const s = new m.Stats(1, 0o100644, 1, 1000, 1000, 0, 4096, 42, 5, 8, 1e12, 1e12 + 1, 1e12 + 2, 1e12 + 3)
    return { keys: Object.keys(s), file: s.isFile(), dir: s.isDirectory(), size: s.size, atime: s.atime.toISOString(), birthtime: s.birthtime.toISOString() }
  })
  await o.seeAsync('stat returns fs/stats Stats', async () => (await fs.promises.stat(at('a.txt'))) instanceof m.Stats)
  await o.seeAsync('fstat through a handle is fs/stats Stats', async () => {
    const handle = await m.openHandle(at('a.txt'))
    try { return (await handle.stat()) instanceof m.Stats } finally { await handle.close() }
  })

  // fs/stream
  o.see('createReadStream is fs/stream ReadStream', () => { const s = fs.createReadStream(at('a.txt')); s.destroy(); return s instanceof m.ReadStream })
  o.see('ReadStream default highWaterMark', () => { const s = new (m.ReadStream as any)(at('a.txt')); s.destroy(); return s.readableHighWaterMark })
  await o.seeAsync('ReadStream start/end', async () => {
    let text = ''
    for await (const chunk of new (m.ReadStream as any)(at('a.txt'), { start: 1, end: 4, encoding: 'utf8' })) text += chunk
    return text
  })
  await o.seeAsync('WriteStream writes then closes', async () => {
    const s = new (m.WriteStream as any)(at('w.txt'))
    s.write('abc')
    s.end('def')
    await closed(s)
    return [s.bytesWritten, await fs.promises.readFile(at('w.txt'), 'utf8')]
  })
  await o.seeAsync('ReadStream close(cb) after it closed calls back', async () => {
    const s = new (m.ReadStream as any)(at('a.txt'))
    s.resume()
    await closed(s)
    return await closeCallback(s)
  })
  await o.seeAsync('WriteStream close(cb) after it closed calls back', async () => {
    const s = new (m.WriteStream as any)(at('w2.txt'))
    s.end('x')
    await closed(s)
    return await closeCallback(s)
  })
  await o.seeAsync('ReadStream of a missing file: close(cb) gets the error', async () => {
    const s = new (m.ReadStream as any)(at('missing.txt'))
    s.on('error', () => {})
    return await closeCallback(s)
  })
  await o.seeAsync('WriteStream in a missing directory: close(cb) calls back', async () => {
    const s = new (m.WriteStream as any)(at('nodir/x.txt'))
    s.on('error', () => {})
    return await closeCallback(s)
  })
  await o.seeAsync('ReadStream of a missing file emits error then close', async () => {
    const s = new (m.ReadStream as any)(at('missing.txt'))
    const events: unknown[] = []
    s.on('error', (error: Error) => events.push(codeOf(error)))
    return await within(new Promise((resolve) => s.on('close', () => resolve([...events, 'close']))))
  })

  // fs/dir
  await fs.promises.mkdir(at('d'))
  for (const name of ['b', 'a', 'c']) await fs.promises.writeFile(at(`d/${name}`), name)
  await fs.promises.mkdir(at('d/sub'))
  await o.seeAsync('opendir gives fs/dir Dir and Dirents', async () => {
    const d = await fs.promises.opendir(at('d'))
    const names: unknown[] = []
    for await (const entry of d) names.push([entry.name, entry instanceof m.Dirent, entry.isDirectory()])
    return { isDir: d instanceof m.Dir, names: names.sort() }
  })
  await o.seeAsync('Dir close twice rejects ERR_DIR_CLOSED', async () => {
    const d = await fs.promises.opendir(at('d'))
    await d.close()
    return await d.close()
  })
  await o.seeAsync('Dir read(cb) after close throws', async () => {
    const d = await fs.promises.opendir(at('d'))
    await d.close()
    try { d.read(() => {}); return 'no throw' } catch (error) { return codeOf(error) }
  })
  await o.seeAsync('opendir of a missing directory', async () => {
    try { await fs.promises.opendir(at('nope')); return 'opened' } catch (error) { return { ...(codeOf(error) as object), syscall: (error as { syscall?: string }).syscall } }
  })

  // fs/handle
  await o.seeAsync('FileHandle write/read/stat/close', async () => {
    const handle = await m.openHandle(at('h.txt'), 'w+')
    await handle.write('handle data')
    const buffer = new Uint8Array(6)
    const { bytesRead } = await handle.read(buffer, 0, 6, 7)
    const size = (await handle.stat()).size
    await handle.close()
    return { bytesRead, text: new TextDecoder().decode(buffer), size, fdAfterClose: handle.fd }
  })
  await o.seeAsync('FileHandle after close rejects EBADF', async () => {
    const handle = await m.openHandle(at('h.txt'))
    await handle.close()
    try { await handle.stat(); return 'no error' } catch (error) { return codeOf(error) }
  })
  await o.seeAsync('FileHandle open of a missing file', async () => {
    try { await m.openHandle(at('missing.txt')); return 'opened' } catch (error) { return { ...(codeOf(error) as object), syscall: (error as { syscall?: string }).syscall } }
  })

  // An fd this side never opened: the callback gets EBADF later (Node), it is not thrown at the caller.
  const unknownFd = 9999
  const badFdCalls: Array<[string, (cb: (error: Error | null) => void) => void]> = [
    ['close', (cb) => fs.close(unknownFd, cb)], ['fstat', (cb) => fs.fstat(unknownFd, cb)],
    ['read', (cb) => fs.read(unknownFd, new Uint8Array(4), 0, 4, 0, cb)], ['write', (cb) => fs.write(unknownFd, 'x', cb)],
    ['fchmod', (cb) => fs.fchmod(unknownFd, 0o644, cb)], ['ftruncate', (cb) => fs.ftruncate(unknownFd, 0, cb)],
    ['fsync', (cb) => fs.fsync(unknownFd, cb)], ['futimes', (cb) => fs.futimes(unknownFd, 1, 1, cb)],
    ['fchown', (cb) => fs.fchown(unknownFd, 1000, 1000, cb)]
  ]
  for (const [name, call] of badFdCalls) {
    await o.seeAsync(`${name}(unknown fd, cb) calls back with EBADF`, async () => await within(new Promise((resolve) => {
      let sync = true
      try {
        call((error) => resolve([sync ? 'called back synchronously' : 'called back', codeOf(error), (error as { syscall?: string } | null)?.syscall]))
      } catch (error) {
        resolve(['threw', codeOf(error)])
      }
      sync = false
    })))
  }

  // fs/promises watch: never a wait without end
  await o.seeAsync('promises watch with an aborted signal rejects', async () => {
    const controller = new AbortController()
    controller.abort()
    return await within((async () => {
      try { for await (const _ of fs.promises.watch(dir, { signal: controller.signal })) return 'event'; return 'ended' } catch (error) { return codeOf(error) }
    })())
  })
  await o.seeAsync('promises watch of a missing path rejects', async () => await within((async () => {
    try { for await (const _ of fs.promises.watch(at('missing-dir'))) return 'event'; return 'ended' } catch (error) { return codeOf(error) }
  })()))
  return o.results
}
