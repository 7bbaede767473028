// Observations of process: the shapes Node gives (hrtime and its argument checks, nextTick, memoryUsage,
// env's string coercion, the EventEmitter surface), on node:process in Node and on socket:process in the
// webview. Values that differ by design (argv, cwd, versions, title) are observed by type only.
import type NodeProcess from 'node:process'
import { Observer, type Observations } from '../harness/observe.ts'

type Process = typeof NodeProcess

export async function observeProcess (module: { default: Process }): Promise<Observations> {
  const process = module.default
  const o = new Observer()
  o.see('named exports are the default\'s', () => ['argv', 'env', 'platform', 'arch', 'nextTick', 'hrtime', 'cwd', 'exit', 'uptime', 'memoryUsage']
    .map((name) => [name, typeof (module as unknown as Record<string, unknown>)[name]]))
  o.see('platform', () => process.platform)
  o.see('arch', () => process.arch)
  o.see('types', () => ({
    argv: Array.isArray(process.argv) && process.argv.every((a) => typeof a === 'string'),
    argv0: typeof process.argv0,
    cwd: typeof process.cwd() === 'string' && process.cwd().startsWith('/'),
    version: typeof process.version,
    versions: typeof process.versions,
    title: typeof process.title,
    uptime: typeof process.uptime() === 'number' && process.uptime() >= 0,
    exitCode: process.exitCode,
    exit: typeof process.exit
  }))
  o.see('hrtime()', () => { const t = process.hrtime(); return [t.length, Number.isInteger(t[0]), Number.isInteger(t[1]) && t[1] >= 0 && t[1] < 1e9] })
  o.see('hrtime(previous) is a difference', () => { const start = process.hrtime(); const d = process.hrtime(start); return [d.length, d[0] >= 0 && d[0] < 5, d[1] >= 0 && d[1] < 1e9] })
  o.see('hrtime.bigint()', () => { const a = process.hrtime.bigint(); const b = process.hrtime.bigint(); return [typeof a, b >= a] })
  o.see('hrtime("x")', () => process.hrtime('x' as unknown as [number, number]))
  o.see('hrtime([1])', () => process.hrtime([1] as unknown as [number, number]))
  o.see('hrtime([1, 2, 3])', () => process.hrtime([1, 2, 3] as unknown as [number, number]))
  o.see('memoryUsage() keys', () => Object.keys(process.memoryUsage()).sort())
  o.see('memoryUsage() values', () => Object.values(process.memoryUsage()).every((n) => typeof n === 'number' && n >= 0))
  o.see('memoryUsage.rss()', () => { const rss = process.memoryUsage.rss(); return typeof rss === 'number' && rss > 0 })
  // Only refused codes: an accepted one would end the run.
  for (const code of ['x', '', 1.5, {}]) o.see(`exit(${JSON.stringify(code)})`, () => process.exit(code as number))
  o.see('nextTick(not a function)', () => process.nextTick(42 as unknown as () => void))
  await o.seeAsync('nextTick passes its arguments, in order', async () => {
    const seen: unknown[] = []
    await new Promise<void>((resolve) => {
      process.nextTick((a: number, b: string) => seen.push([a, b]), 1, 'two')
      process.nextTick(() => { seen.push('second'); resolve() })
    })
    return seen
  })
  o.see('env values become strings', () => {
    const key = 'SOCKET_COMPAT_AUDIT_ENV'
    process.env[key] = 1 as unknown as string
    const set = process.env[key]
    const listed = Object.keys(process.env).includes(key)
    delete process.env[key]
    return [typeof set, set, listed, process.env[key], key in process.env]
  })
  o.see('env.undefined becomes "undefined"', () => {
    const key = 'SOCKET_COMPAT_AUDIT_UNDEFINED'
    process.env[key] = undefined
    const value = process.env[key]
    delete process.env[key]
    return value
  })
  o.see('an EventEmitter', () => {
    // An event name of the app's own (Node's typings list only its known events).
    const emitter = process as unknown as import('node:events').EventEmitter
    let got: unknown
    const listener = (value: unknown): void => { got = value }
    const chained = emitter.on('compat-audit', listener) === emitter
    emitter.emit('compat-audit', 7)
    emitter.off('compat-audit', listener)
    return [chained, got, emitter.listenerCount('compat-audit')]
  })
  return o.results
}
