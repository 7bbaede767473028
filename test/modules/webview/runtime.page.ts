// Runs in the webview: the runtime-only modules (ipc, process, application, window, timers, dns,
// child_process, crypto extras, stream, path's host facts, node: aliases). Each check records a value;
// runtime.webview.test.ts states what each must be.
import { Observer } from '../harness/observe.ts'

const load = async (name: string): Promise<any> => await import(name)
const o = new Observer()

const ipc = await load('socket:ipc')
const processModule = await load('socket:process')
const process = processModule.default
const application = await load('socket:application')
const timers = await load('socket:timers')
const timersPromises = await load('socket:timers/promises')
const dns = await load('socket:dns')
const childProcess = await load('socket:child_process')
const crypto = await load('socket:crypto')
const stream = await load('socket:stream')
const path = await load('socket:path')
const os = await load('socket:os')

// socket:ipc
await o.seeAsync('ipc.send primordials', async () => { const r = await ipc.send('platform.primordials'); return [r.err, typeof r.data.cwd, r.source] })
o.see('ipc.sendSync primordials', () => { const r = ipc.sendSync('platform.primordials'); return [r.err, r.data.platform, r[0], r[2]] })
await o.seeAsync('ipc.send unknown route', async () => { const r = await ipc.send('no.such.route'); return [r.err?.name, r.data] })
o.see('ipc.sendSync bad argument', () => { const r = ipc.sendSync('fs.stat', {}); return r.err?.name })
await o.seeAsync('ipc.request binary', async () => {
  const id = String(BigInt(Date.now()) * 1000n + 7n)
  const opened = await ipc.send('fs.open', { id, path: 'index.html', flags: 0, mode: 0 })
  const r = await ipc.request('fs.read', { id, size: 15, offset: 0 }, { responseType: 'arraybuffer' })
  await ipc.send('fs.close', { id })
  return [opened.err, r.data instanceof ArrayBuffer, new TextDecoder().decode(r.data)]
})
o.see('ipc.Message', () => { const m = ipc.Message.from('ipc://fs.stat?seq=R3&index=0&path=%2Fa%20b&n=5'); return [m.command, m.seq, m.index, m.get('path'), m.get('n'), m.has('nope')] })
o.see('ipc.Result tuple', () => { const r = new ipc.Result('id', null, 42, 'x.y'); const [err, data, source] = r; return [err, data, source, r.length] })
o.see('ipc.primordials', () => [ipc.primordials.platform, typeof ipc.primordials.version.full, Object.isFrozen(ipc.primordials)])
o.see('ipc constants', () => [ipc.OK, ipc.ERROR, ipc.TIMEOUT])
await o.seeAsync('ipc.createBinding', async () => { const r = await ipc.createBinding('platform').primordials(); return r.data.platform })

// socket:process
o.see('process.cwd', () => process.cwd())
o.see('process.platform/arch', () => [process.platform, processModule.platform, process.arch])
o.see('process.argv includes passthrough flag', () => process.argv.includes('--modules-test-flag'))
o.see('process.env is a writable copy', () => { process.env.SOCKET_TEST_X = '1'; return [process.env.SOCKET_TEST_X, typeof process.env] })
await o.seeAsync('process.nextTick order', async () => {
  const order: string[] = []
  await new Promise<void>((resolve) => { Promise.resolve().then(() => order.push('promise')); process.nextTick(() => { order.push('tick'); setTimeout(resolve, 0) }) })
  return order.length
})
o.see('process.hrtime', () => { const [s, ns] = process.hrtime(); const d = process.hrtime([s, ns]); return [typeof process.hrtime.bigint(), d[0] >= 0, ns < 1e9] })
o.see('process.uptime', () => process.uptime() >= 0)
o.see('process.memoryUsage rss', () => process.memoryUsage().rss > 10 * 1024 * 1024)
o.see('process is an EventEmitter', () => typeof process.on === 'function' && typeof process.emit === 'function')
o.see('process.version matches primordials', () => process.version === ipc.primordials.version.short)

// socket:path with host facts
o.see('path.resolve(".") is cwd', () => path.resolve('.') === process.cwd())
o.see('path.relative from cwd', () => path.relative(process.cwd(), `${process.cwd()}/a/b`))
o.see('path.HOME is os.homedir', () => path.HOME === os.homedir())
o.see('path.RESOURCES is cwd', () => path.RESOURCES === process.cwd())
o.see('path well-known are strings or null', () => ['DOWNLOADS', 'DOCUMENTS', 'DATA', 'CONFIG', 'CACHE', 'TMP'].map((k) => path[k] === null || typeof path[k] === 'string'))

// socket:application and socket:window
o.see('application basics', () => [application.getCurrentWindowIndex(), application.MAX_WINDOWS, application.config.meta_title, typeof application.runtimeVersion()])
await o.seeAsync('application.getScreenSize', async () => { const s = await application.getScreenSize(); return [s.width > 0, s.height > 0] })
await o.seeAsync('application.getWindows', async () => [...(await application.getWindows()).keys()])
await o.seeAsync('window title round trip', async () => {
  const current = await application.getCurrentWindow()
  await current.setTitle('modules test title')
  return [current.index, current.getTitle(), await (await application.getCurrentWindow()).getTitle()]
})
await o.seeAsync('createWindow then close', async () => {
  const w = await application.createWindow({ index: 3, path: '/index.html', title: 'second', width: 200, height: 150, headless: true })
  const listed = [...(await application.getWindows()).keys()]
  await w.close()
  await new Promise((resolve) => setTimeout(resolve, 100))
  const after = [...(await application.getWindows()).keys()]
  return [w.index, listed.includes(3), after.includes(3)]
})
await o.seeAsync('createWindow bad index', async () => { try { await application.createWindow({ index: 99 }); return 'no error' } catch (e) { return (e as { code?: string }).code } })
await o.seeAsync('window.send reaches this window', async () => {
  const current = await application.getCurrentWindow()
  const got = new Promise((resolve) => globalThis.addEventListener('modules-ping', (e) => resolve((e as CustomEvent).detail), { once: true }))
  await current.send({ event: 'modules-ping', value: { n: 1 } })
  return await Promise.race([got, new Promise((resolve) => setTimeout(() => resolve('timeout'), 3000))])
})

// socket:timers
await o.seeAsync('setImmediate is not throttled in a hidden page', async () => {
  const started = performance.now()
  for (let i = 0; i < 20; i++) await new Promise((resolve) => timers.setImmediate(resolve))
  return [document.hidden, performance.now() - started < 200]
})
await o.seeAsync('setImmediate before setTimeout', async () => {
  const order: string[] = []
  await new Promise<void>((resolve) => { timers.setTimeout(() => { order.push('timeout'); resolve() }, 20); timers.setImmediate(() => order.push('immediate')) })
  return order
})
await o.seeAsync('clearImmediate', async () => { let ran = false; const h = timers.setImmediate(() => { ran = true }); timers.clearImmediate(h); await timersPromises.setTimeout(10); return ran })
await o.seeAsync('timers/promises setTimeout value', async () => await timersPromises.setTimeout(5, 'v'))
await o.seeAsync('timers/promises abort', async () => { try { await timersPromises.setTimeout(1000, 'v', { signal: AbortSignal.timeout(5) }); return 'no error' } catch (e) { return (e as Error).name } })
await o.seeAsync('timers/promises setInterval', async () => { const seen: number[] = []; for await (const v of timersPromises.setInterval(2, 7)) { seen.push(v); if (seen.length === 3) break } return seen })

// socket:dns, socket:child_process
await o.seeAsync('dns.lookup literal', async () => await new Promise((resolve) => dns.lookup('127.0.0.1', (e: Error | null, a: string, f: number) => resolve([e, a, f]))))
await o.seeAsync('dns.promises.lookup localhost all', async () => await dns.promises.lookup('localhost', { all: true, family: 4 }))
const sortedAddresses = (list: Array<{ address: string, family: number }>): string[] => list.map((a) => `${a.family} ${a.address}`).sort()
await o.seeAsync('dns.lookup localhost all (host resolver)', async () => await new Promise((resolve) => dns.lookup('localhost', { all: true }, (e: Error | null, list: Array<{ address: string, family: number }>) => resolve(e ? e.message : sortedAddresses(list)))))
await o.seeAsync('dns.lookup the machine host name', async () => sortedAddresses(await dns.promises.lookup(String(process.argv.find((a: string) => a.startsWith('--dns-host=')) ?? '').slice(11), { all: true })))
await o.seeAsync('dns.lookup a failing name', async () => await new Promise((resolve) => dns.lookup('no-such-host.invalid', (e: any) => resolve(e ? [e.name, e.message, e.code, e.errno, e.syscall, e.hostname] : 'no error'))))
o.see('child_process.spawn returns a ChildProcess', () => childProcess.spawn('true') instanceof childProcess.ChildProcess)

// socket:crypto extras, socket:stream
await o.seeAsync('crypto.createDigest = createHash', async () => (await crypto.createDigest('SHA-256', new TextEncoder().encode('x'))).toString('hex') === crypto.createHash('sha256').update('x').digest('hex'))
o.see('crypto.rand64', () => typeof crypto.rand64())
await o.seeAsync('stream pipeline', async () => {
  const chunks: string[] = []
  await new Promise<void>((resolve, reject) => stream.pipeline(stream.Readable.from(['a', 'b', 'c']),
    new stream.Writable({ write (chunk: unknown, _e: string, cb: () => void) { chunks.push(String(chunk)); cb() } }), (e: Error | null) => e ? reject(e) : resolve()))
  return chunks.join('')
})

// node: aliases share the socket: instance
await o.seeAsync('node: aliases', async () => [(await load('node:fs')).readFile === (await load('socket:fs')).readFile, (await load('node:path')).join === path.join])

await o.seeAsync('node: extras', async () => [
  (await load('node:constants')).default.ENOENT,
  (await load('node:sys')).format('%d', 5),
  typeof (await load('node:perf_hooks')).performance.now(),
  typeof (await load('node:console')).log,
  (await load('node:tty')).isatty(1),
  typeof (await load('node:stream/web')).ReadableStream,
  (await load('socket:ip')).isIP('::1'),
  await (async () => { try { (await load('node:net')).connect(); return 'no error' } catch (e) { return (e as Error).name } })()
])

console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
