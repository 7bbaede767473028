// Observations of os.getPriority/setPriority on real processes: the runner itself (only ever set to the value
// it already has) and a `sleep` child of it. Runs on node:os + node:child_process in Node and on socket:os +
// socket:child_process in the webview; the host inherits the test runner's nice value, so both sides start
// alike. Never aims at any other process: a pid above pid_max (2^31 - 1) and -1 stand for "no such process".
import type * as NodeOs from 'node:os'
import type * as NodeChildProcess from 'node:child_process'
import { Observer, type Observations } from '../harness/observe.ts'

type Os = typeof NodeOs

function spawnSleep (cp: typeof NodeChildProcess): Promise<NodeChildProcess.ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = cp.spawn('sleep', ['30'])
    child.on('spawn', () => resolve(child))
    child.on('error', reject)
  })
}

export async function observePriority (os: Os, cp: typeof NodeChildProcess): Promise<Observations> {
  const o = new Observer()
  const own = os.getPriority()
  o.see('getPriority() is a nice value', () => [typeof own, own >= -20 && own <= 19])
  o.see('getPriority() equals getPriority(0)', () => os.getPriority(0) === own)
  o.see('setPriority(own value) with one argument', () => os.setPriority(own))
  o.see('setPriority(0, own value)', () => os.setPriority(0, own))

  const child = await spawnSleep(cp)
  const pid = child.pid as number
  try {
    o.see('a child inherits its parent\'s priority', () => os.getPriority(pid) === own)
    o.see('setPriority(child, 19) then getPriority(child)', () => { os.setPriority(pid, 19); return os.getPriority(pid) })
    // Raising it back needs CAP_SYS_NICE (root has it): EACCES otherwise, and the value stays.
    o.see('setPriority(child, 10): raising it', () => os.setPriority(pid, 10))
    o.see('getPriority(child) after raising', () => os.getPriority(pid))
    o.see('setPriority(child, 15): lowering it', () => { os.setPriority(pid, 15); return os.getPriority(pid) })
    o.see('setPriority(child, -20)', () => os.setPriority(pid, -20))
    o.see('setPriority(child, 19) again', () => { os.setPriority(pid, 19); return os.getPriority(pid) })

    o.see('getPriority no such process', () => os.getPriority(2147483647))
    o.see('getPriority pid -1', () => os.getPriority(-1))
    o.see('setPriority no such process', () => os.setPriority(2147483647, 19))
    o.see('setPriority pid -1', () => os.setPriority(-1, 19))
    o.see('getPriority pid string', () => os.getPriority('1' as unknown as number))
    o.see('getPriority pid null', () => os.getPriority(null as unknown as number))
    o.see('getPriority pid not an integer', () => os.getPriority(1.5))
    o.see('getPriority pid above int32', () => os.getPriority(2 ** 31))
    o.see('getPriority pid NaN', () => os.getPriority(Number.NaN))
    o.see('setPriority 20', () => os.setPriority(20))
    o.see('setPriority -21', () => os.setPriority(-21))
    o.see('setPriority one argument, a pid', () => os.setPriority(pid))
    o.see('setPriority priority string', () => os.setPriority(pid, '1' as unknown as number))
    o.see('setPriority priority not an integer', () => os.setPriority(pid, 5.5))
    o.see('setPriority nothing', () => (os.setPriority as (...args: unknown[]) => void)())
    o.see('setPriority pid string', () => os.setPriority('1' as unknown as number, 19))
    o.see('errors leave the child alone', () => os.getPriority(pid))
  } finally {
    child.kill('SIGKILL')
  }
  return o.results
}
