// Runs in the webview: socket:vm and socket:http cases (compared with Node by the test) and facts about the
// browser-side modules (worker_threads, i18n, language, location, navigation, hotkey, and the modules that
// throw NotSupportedError). PORT/CLOSED_PORT come from the test (esbuild define).
import { observeVm } from '../cases/vm.cases.ts'
import { observeHttp } from '../cases/http.cases.ts'
import { Observer, errorShape } from '../harness/observe.ts'

declare const PORT: string
declare const CLOSED_PORT: string
const load = async (name: string): Promise<any> => await import(name)
const result: Record<string, unknown> = {}
const o = new Observer()

try { result.vm = observeVm(await load('socket:vm')) } catch (error) { result.vm = { failedToRun: errorShape(error), message: String(error) } }
try { result.http = await observeHttp(await load('socket:http'), Number(PORT), Number(CLOSED_PORT)) } catch (error) { result.http = { failedToRun: errorShape(error), message: String(error) } }

const vm = await load('socket:vm')
o.see('vm timeout option', () => vm.runInNewContext('1', {}, { timeout: 10 }))

// worker_threads: a real module worker on the app's origin, workerData in, messages both ways, terminate.
const wt = await load('socket:worker_threads')
o.see('isMainThread', () => [wt.isMainThread, wt.parentPort, wt.threadId])
await o.seeAsync('worker round trip', async () => {
  wt.setEnvironmentData('greeting', 'hi')
  const worker = new wt.Worker('/worker.js', { workerData: { n: 20 } })
  const events: unknown[] = []
  worker.on('online', () => events.push('online'))
  const first = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject) })
  worker.postMessage(5)
  const second = await new Promise((resolve) => worker.once('message', resolve))
  const exited = new Promise((resolve) => worker.once('exit', resolve))
  const code = await worker.terminate()
  return [first, second, code, await exited, events, typeof worker.threadId]
})
await o.seeAsync('worker eval', async () => {
  const worker = new wt.Worker("import { parentPort, workerData } from 'socket:worker_threads'; parentPort.postMessage(workerData * 3)", { eval: true, workerData: 14 })
  const value = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject) })
  await worker.terminate()
  return value
})
await o.seeAsync('worker script missing', async () => {
  const worker = new wt.Worker('/no-such-worker.js')
  return await new Promise((resolve) => { worker.once('error', (e: Error) => resolve(['error', e instanceof Error])); setTimeout(() => resolve('no error'), 10_000) })
})
o.see('MessageChannel', () => typeof new wt.MessageChannel().port1.postMessage)
result.workerModule = (await load('socket:worker')).default === globalThis.Worker
result.sharedWorker = typeof (await load('socket:shared-worker')).SharedWorker

// i18n: locales/<lang>/messages.json and a configured path.
const i18n = await load('socket:i18n')
o.see('i18n messages', () => [
  i18n.getMessage('hello', ['Ada'], { locale: 'en' }),
  i18n.getMessage('hello', 'Ada', { locale: 'fr' }),
  i18n.getMessage('named', ['3'], { locale: 'en' }),
  i18n.getMessage('onlyEnglish', [], { locale: 'fr_CA' }),
  i18n.getMessage('hello', ['Ada'], { locale: 'de' }),
  i18n.getMessage('absent', [], { locale: 'en' }),
  i18n.getMessageDescription('hello', { locale: 'en' }),
  i18n.DEFAULT_LOCALE
])
o.see('i18n missing locale', () => i18n.getMessagesForLocale('xx'))
o.see('i18n direction', () => [i18n.getLocaleDirection('ar'), i18n.getLocaleDirection('en-US')])
o.see('i18n ui language', () => [typeof i18n.getUILanguage(), Array.isArray(i18n.getAcceptLanguages())])
o.see('i18n bad name', () => i18n.getMessage(5))

const language = await load('socket:language')
o.see('language', () => [language.codes.length, language.describe('en-US'), language.lookup('fren').map((r: any) => r.code), language.describe('zz')])

const location = (await load('socket:location')).default
o.see('location', () => [location.origin, location.protocol, location.pathname])

const navigation = (await load('socket:navigation')).default
await o.seeAsync('navigation', async () => {
  const changes: string[] = []
  navigation.addEventListener('currententrychange', () => changes.push(new URL(navigation.currentEntry.url).hash))
  const { finished } = navigation.navigate('#two', { state: { n: 2 } })
  const entry = await finished
  navigation.updateCurrentEntry({ state: { n: 3 } })
  return [new URL(entry.url).hash, navigation.currentEntry.getState(), navigation.canGoBack, navigation.entries().length, changes]
})

const hotkey = await load('socket:window/hotkey')
await o.seeAsync('hotkey window binding', async () => {
  const binding = await hotkey.bind('Ctrl + Shift + K')
  const seen: string[] = []
  binding.addEventListener('hotkey', () => seen.push('binding'))
  hotkey.default.addEventListener('hotkey', (e: any) => seen.push('bindings:' + e.binding.expression))
  const press = (init: KeyboardEventInit): boolean => globalThis.dispatchEvent(new KeyboardEvent('keydown', { cancelable: true, ...init }))
  const prevented = !press({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true })
  press({ key: 'k', code: 'KeyK', ctrlKey: true })
  await hotkey.unbind('ctrl+shift+k')
  press({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true })
  return [binding.expression, prevented, seen, hotkey.getBindings().length]
})
o.see('hotkey bad expression', () => hotkey.parse('ctrl + shift'))
await o.seeAsync('hotkey global', async () => { const b = await hotkey.bind('ctrl + g', { global: true }); return [typeof b.hostId, await hotkey.unbind(b)] })

// Modules that cannot work here say so by name.
await o.seeAsync('service-worker register', async () => await (await load('socket:service-worker')).register('/sw.js'))
await o.seeAsync('protocol-handlers', async () => { const m = await load('socket:protocol-handlers'); return [[...m.getHandlers()], m.hasHandler('ipfs:')] })
await o.seeAsync('conduit constructor', async () => { const { Conduit } = await load('socket:conduit'); return new Conduit({ id: 'not a number' }) })
await o.seeAsync('extension load', async () => await (await load('socket:extension')).load('foo'))
await o.seeAsync('unknown socket: module', async () => await load('socket:no-such-module'))
await o.seeAsync('fetch module', async () => { const m = await load('socket:fetch'); const r = await m.fetch(`http://127.0.0.1:${PORT}/f`); return [r.status, typeof m.Headers] })
await o.seeAsync('bootstrap hash mismatch', async () => { const { bootstrap } = await load('socket:bootstrap'); return await bootstrap({ url: `http://127.0.0.1:${PORT}/b`, dest: 'boot.bin', hash: 'ab' }).done })
await o.seeAsync('bootstrap ok', async () => {
  const { Bootstrap } = await load('socket:bootstrap')
  const { createHash } = await load('socket:crypto')
  const expected = createHash('sha512').update(JSON.stringify({ method: 'GET', url: '/b', body: '', type: null })).digest('hex')
  const task = new Bootstrap({ url: `http://127.0.0.1:${PORT}/b`, dest: 'boot.bin', hash: expected })
  let progress = 0
  task.on('progress', () => { progress++ })
  const dest = await task.run()
  const fs = await load('socket:fs/promises')
  return [dest, progress > 0, JSON.parse(await fs.readFile('boot.bin', 'utf8')).url]
})
result.facts = o.results
console.log('%s', '__RESULT__ ' + JSON.stringify(result))
