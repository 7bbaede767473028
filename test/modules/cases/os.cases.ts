// Observations of os: the host and the test runner are the same machine, so the platform facts agree.
// Runs on node:os in Node and on socket:os in the webview. Values that move while the test runs (uptime,
// free memory, CPU times) are observed as plausible ranges.
import type * as NodeOs from 'node:os'
import { Observer, type Observations } from '../harness/observe.ts'

export function observeOs (os: typeof NodeOs): Observations {
  const o = new Observer()
  o.see('EOL', () => os.EOL)
  o.see('devNull', () => os.devNull)
  o.see('arch', () => os.arch())
  o.see('platform', () => os.platform())
  o.see('type', () => os.type())
  o.see('release', () => os.release())
  o.see('version', () => os.version())
  o.see('machine', () => os.machine())
  o.see('endianness', () => os.endianness())
  o.see('homedir', () => os.homedir())
  o.see('tmpdir', () => os.tmpdir())
  o.see('constants.signals.SIGTERM', () => os.constants.signals.SIGTERM)
  o.see('constants.errno.ENOENT', () => os.constants.errno.ENOENT)
  o.see('constants, whole', () => os.constants)
  o.see('availableParallelism', () => os.availableParallelism())
  o.see('getPriority()', () => typeof os.getPriority())
  o.see('getPriority("x")', () => os.getPriority('x' as unknown as number))
  o.see('default export has every named function', () => Object.entries(os).filter(([name, value]) => name !== 'default' && typeof value === 'function')
    .map(([name]) => [name, typeof (os as unknown as { default: Record<string, unknown> }).default?.[name]]).filter(([, type]) => type !== 'function'))
  o.see('cpus', () => { const cpus = os.cpus(); return [cpus.length, cpus[0]?.model, typeof cpus[0]?.times.idle, cpus[0]?.times.idle >= 0] })
  o.see('uptime', () => { const up = os.uptime(); return typeof up === 'number' && up > 0 })
  o.see('freemem', () => { const free = os.freemem(); return typeof free === 'number' && free > 0 })
  o.see('hostname', () => os.hostname())
  o.see('totalmem', () => os.totalmem())
  o.see('freemem is at most totalmem', () => os.freemem() <= os.totalmem())
  o.see('loadavg', () => { const loads = os.loadavg(); return [Array.isArray(loads), loads.length, loads.every((n) => typeof n === 'number' && n >= 0)] })
  o.see('userInfo', () => { const info = os.userInfo(); return [Object.getPrototypeOf(info), { ...info }] })
  o.see('userInfo buffer', () => os.userInfo({ encoding: 'buffer' }).username)
  o.see('userInfo ignores options that are not objects', () => os.userInfo('buffer' as unknown as undefined).username)
  o.see('uptime is under ten years, in hundredths of a second', () => {
    const up = os.uptime()
    return [Number.isFinite(up) && up < 10 * 365 * 24 * 3600, Math.abs(up * 100 - Math.round(up * 100)) < 1e-6]
  })
  o.see('loopback interface', () => {
    const lo = os.networkInterfaces().lo ?? []
    return lo.filter((entry) => entry.family === 'IPv4').map(({ address, netmask, family, internal, cidr, mac }) => ({ address, netmask, family, internal, cidr, mac }))
  })
  o.see('interface names', () => Object.keys(os.networkInterfaces()).sort())
  return o.results
}
