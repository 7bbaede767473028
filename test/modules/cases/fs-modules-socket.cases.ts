// Observations of the socket-only fs modules in a real window (fs/web, fs/fds, fs/flags, fs/watcher,
// fs/bookmarks) plus mime and window/constants through the host.
// fs-modules.webview.test.ts states what each must be. Every wait is bounded ('timed out').
import { Observer, type Observations } from '../harness/observe.ts'
import { within } from '../harness/within.ts'

/** Imports a full specifier (`socket:fs/web`), so the conformance table sees which modules this file tests. */
type Load = (specifier: string) => Promise<any>

async function failure (fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn()
    return 'no error'
  } catch (error) {
    const e = error as { name?: string, code?: unknown }
    return typeof e.code === 'string' ? { name: e.name, code: e.code } : { name: e.name }
  }
}

export async function observeSocketFsModules (load: Load, dir: string): Promise<Observations> {
  const o = new Observer()
  const fs = await load('socket:fs')
  const at = (name: string): string => `${dir}/${name}`
  await fs.promises.writeFile(at('a.txt'), 'hello world')

  // fs/flags
  const { normalizeFlags } = await load('socket:fs/flags')
  o.see('flags', () => ['r', 'r+', 'w', 'wx', 'a', 'a+', 'as+', 1234, undefined].map((flag) => normalizeFlags(flag)))
  o.see('flags bogus', () => normalizeFlags('bogus'))

  // fs/fds: the same table fs.open fills
  const fds = (await load('socket:fs/fds')).default
  await o.seeAsync('fds track fs.open and close', async () => {
    const handle = await fs.promises.open(at('a.txt'))
    const id = fds.id(handle.fd)
    const open = [typeof id, fds.fd(id) === handle.fd, fds.has(id), fds.typeof(id), fds.get(String(id)) === handle.fd]
    await fds.retain(id)
    await handle.close()
    return [...open, fds.has(id), fds.id(handle.fd)]
  })
  await o.seeAsync('fds release closes the descriptor', async () => {
    const fd = fs.openSync(at('a.txt'), 'r')
    await fds.release(fds.id(fd))
    try { fs.fstatSync(fd); return 'still open' } catch (error) { return (error as { code?: string }).code }
  })

  // fs/handle: the original's statics and DirectoryHandle
  const { FileHandle, DirectoryHandle } = await load('socket:fs/handle')
  await o.seeAsync('FileHandle statics', async () => {
    const fd = fs.openSync(at('a.txt'), 'r')
    const wrapped = FileHandle.from(fd)
    const text = await wrapped.readFile('utf8')
    await wrapped.close()
    const opened = await FileHandle.open(at('a.txt'))
    const isPromisesHandle = opened instanceof (await load('socket:fs/promises')).FileHandle
    await opened.close()
    return [text, isPromisesHandle, await FileHandle.access(at('a.txt')), await failure(() => FileHandle.access(at('missing'))),
      await failure(async () => FileHandle.from(9999)), FileHandle.DEFAULT_OPEN_FLAGS, FileHandle.DEFAULT_OPEN_MODE]
  })
  await o.seeAsync('DirectoryHandle reads in batches', async () => {
    await fs.promises.mkdir(at('batch'))
    for (const name of ['x', 'y', 'z']) await fs.promises.writeFile(at(`batch/${name}`), name)
    const handle = await DirectoryHandle.open(at('batch'))
    const sizes = [(await handle.read({ entries: 2 })).length, (await handle.read({ entries: 2 })).length, (await handle.read()).length]
    await handle.close()
    const names: string[] = []
    for await (const entry of await DirectoryHandle.open(at('batch'))) names.push(entry.name)
    return { sizes, closed: handle.closed, names: names.sort(), bufferSize: DirectoryHandle.DEFAULT_BUFFER_SIZE, missing: await failure(() => DirectoryHandle.open(at('missing'))) }
  })

  // fs/watcher
  const { Watcher, default: WatcherDefault } = await load('socket:fs/watcher')
  const EventEmitter = (await load('socket:events')).default
  await o.seeAsync('Watcher reports a change and closes', async () => {
    const watcher = new Watcher(dir)
    await watcher.start()
    const change = within(new Promise((resolve) => watcher.once('change', (type: string, name: string) => resolve([type, name]))))
    await fs.promises.writeFile(at('watched.txt'), 'x')
    const seen = await change
    const closing = within(new Promise((resolve) => watcher.once('close', () => resolve('close'))))
    watcher.close()
    return { seen: Array.isArray(seen), emitter: watcher instanceof EventEmitter, same: Watcher === WatcherDefault, isFsWatch: fs.watch(dir).close() === undefined, closed: watcher.closed, close: await closing, path: watcher.path === dir, id: typeof watcher.id }
  })
  await o.seeAsync('Watcher of a missing path: start rejects, error event', async () => {
    const watcher = new Watcher(at('missing'))
    const error = within(new Promise((resolve) => watcher.once('error', (e: { code?: string }) => resolve(e.code))))
    return [await failure(() => watcher.start()), await error, watcher.closed]
  })

  // fs/bookmarks, window/constants, mime
  await o.seeAsync('bookmarks', async () => { const { temporary, default: d } = await load('socket:fs/bookmarks'); return [temporary instanceof Map, d.temporary === temporary] })
  await o.seeAsync('window/constants', async () => {
    const constants = await load('socket:window/constants')
    const window = await load('socket:window')
    return [constants.WINDOW_SHOWN, constants.WINDOW_KILLED, constants.default === window.constants]
  })
  await o.seeAsync('mime lookup', async () => {
    const mime = await load('socket:mime')
    return [(await mime.lookup('index.html')).map((r: { mime: string }) => r.mime), new mime.MIMEType('Text/HTML; charset=UTF-8').essence]
  })

  // fs/web
  const web = await load('socket:fs/web')
  await o.seeAsync('createFile', async () => {
    const file = await web.createFile(at('a.txt'))
    let streamed = ''
    const small = await web.createFile(at('a.txt'), { highWaterMark: 4 })
    let chunks = 0
    for await (const chunk of small.stream()) { streamed += new TextDecoder().decode(chunk); chunks++ }
    return {
      isFile: file instanceof File, isBlob: file instanceof Blob, name: file.name, size: file.size, type: file.type,
      text: await file.text(), bytes: (await file.arrayBuffer()).byteLength, slice: await file.slice(6).text(),
      sliceNegative: await file.slice(-5, -2).text(), streamed, chunks, recent: Math.abs(Date.now() - file.lastModified) < 60_000
    }
  })
  o.results['createFile of a missing file'] = await failure(() => web.createFile(at('missing.txt')))
  await o.seeAsync('directory handle', async () => {
    const root = await web.createFileSystemDirectoryHandle(dir)
    const file = await root.getFileHandle('new.txt', { create: true })
    const writable = await file.createWritable()
    await writable.write('abcdef')
    const beforeClose = await fs.promises.readFile(at('new.txt'), 'utf8')
    await writable.seek(0)
    await writable.write(new TextEncoder().encode('X'))
    await writable.write({ type: 'write', position: 3, data: 'Y' })
    await writable.truncate(5)
    await writable.close()
    const after = await (await file.getFile()).text()
    const appending = await file.createWritable({ keepExistingData: true })
    await appending.write({ type: 'write', position: 5, data: '!' })
    await appending.close()
    const aborted = await file.createWritable()
    await aborted.write('lost')
    await aborted.abort()
    const sub = await root.getDirectoryHandle('sub', { create: true })
    await sub.getFileHandle('inner.txt', { create: true })
    const names: string[] = []
    for await (const [name, handle] of root) names.push(`${name}:${handle.kind}`)
    return {
      kind: root.kind, fileKind: file.kind, name: file.name, beforeClose, after, appended: await fs.promises.readFile(at('new.txt'), 'utf8'),
      swapGone: !fs.existsSync(at('new.txt.crswap')), names: names.sort(),
      resolve: await root.resolve(await sub.getFileHandle('inner.txt')), outside: await sub.resolve(file),
      same: await file.isSameEntry(await web.createFileSystemFileHandle(at('new.txt'))), notSame: await file.isSameEntry(root),
      permission: [await root.queryPermission({ mode: 'read' }), await root.queryPermission({ mode: 'readwrite' })],
      handleOfPath: (await web.createFileSystemHandle(at('sub'))).kind
    }
  })
  await o.seeAsync('directory handle errors', async () => {
    const root = await web.createFileSystemDirectoryHandle(dir)
    await fs.promises.mkdir(at('full'))
    await fs.promises.writeFile(at('full/x'), 'x')
    const readOnly = await web.createFileSystemDirectoryHandle(dir, { writable: false })
    return {
      missingFile: await failure(() => root.getFileHandle('nope.txt')),
      fileIsDirectory: await failure(() => root.getFileHandle('full')),
      directoryIsFile: await failure(() => root.getDirectoryHandle('a.txt')),
      badName: await failure(() => root.getFileHandle('../a.txt')),
      notEmpty: await failure(() => root.removeEntry('full')),
      recursive: await failure(() => root.removeEntry('full', { recursive: true })),
      removedMissing: await failure(() => root.removeEntry('full')),
      readOnlyCreate: await failure(() => readOnly.getFileHandle('ro.txt', { create: true })),
      readOnlyPermission: await readOnly.queryPermission({ mode: 'readwrite' }),
      readOnlyWritable: await failure(async () => await (await readOnly.getFileHandle('a.txt')).createWritable()),
      fileHandleOfDirectory: await failure(() => web.createFileSystemFileHandle(dir)),
      directoryHandleOfFile: await failure(() => web.createFileSystemDirectoryHandle(at('a.txt'))),
      outsideSandbox: await failure(() => web.createFileSystemFileHandle('/etc/hostname')),
      syncAccess: await failure(async () => await (await root.getFileHandle('a.txt')).createSyncAccessHandle())
    }
  })

  return o.results
}
