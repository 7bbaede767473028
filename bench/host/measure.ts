// Process-level measurements shared by the host benchmarks: spawn a host, time its "ready" line, sample the memory
// of its whole process tree (WebKit's web and network processes included) until it exits.
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'

export function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

// The smallest and largest sample, written beside a median so the spread is visible.
export function spread (values: number[], digits = 0): string {
  return `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`
}

// What each process of a host is: the host itself, WebKit's web process, its network process, anything else.
export type Role = 'host' | 'web' | 'network' | 'other'
export const roles: Role[] = ['host', 'web', 'network', 'other']

function roleOf (pid: number, root: number, comm: string): Role {
  if (pid === root) return 'host'
  if (comm.startsWith('WebKitWebProces')) return 'web'
  if (comm.startsWith('WebKitNetworkPr')) return 'network'
  return 'other'
}

// The process and all its descendants, with their RSS and role. A child that has the host's own name has been
// forked and not yet exec'd its program (WebKit starting a process): its RSS is the host's pages counted a second
// time, so it is left out (it made single samples of every host's total jump by 100 MB and more).
export function processTree (root: number): Array<{ pid: number, role: Role, rssKb: number }> {
  const children = new Map<number, number[]>()
  const info = new Map<number, { comm: string, rssKb: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8')
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1])
      info.set(Number(entry), { comm: /Name:\s+(.*)/.exec(status)?.[1] ?? '', rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) })
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {}
  }
  const out: Array<{ pid: number, role: Role, rssKb: number }> = []
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.pop()!
    const found = info.get(pid)
    if (found && pid !== root && found.comm === info.get(root)?.comm) continue
    if (found) out.push({ pid, role: roleOf(pid, root, found.comm), rssKb: found.rssKb })
    queue.push(...(children.get(pid) ?? []))
  }
  return out
}

// The sum of RSS over the process and all its descendants.
export function treeRssKb (root: number): number {
  return processTree(root).reduce((sum, p) => sum + p.rssKb, 0)
}

// Proportional set size (shared pages divided among the processes that map them), as smem reports it.
export function pssKb (pid: number): number {
  try { return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) } catch { return 0 }
}

export type PerRole = Record<Role, number>
const perRole = (): PerRole => ({ host: 0, web: 0, network: 0, other: 0 })

export interface Sample {
  readyMs: number
  peakRssKb: number
  // Each role's own peak RSS over the run (the peaks need not fall at the same moment as the total's).
  peakRssKbByRole: PerRole
  // When each role's first process was first seen, ms after spawn (to the 25 ms sampling step).
  firstSeenMs: Partial<PerRole>
  // RSS and PSS per role `settleMs` after the ready line, when the caller asked for it (the page must still run).
  settled?: { rssKb: PerRole, pssKb: PerRole }
  report?: any
  stderr: string
}

export interface MeasureOptions {
  onLine?: (line: string) => void
  env?: NodeJS.ProcessEnv
  settleMs?: number
}

// Starts `command`, times the first stdout line starting with "ready", samples memory until exit. `extraEnv` (or
// `options.env`) adds to the environment (e.g. SOCKET_HOST_FAST_READ=0).
export function measure (command: string, args: string[], display: string, options: MeasureOptions | ((line: string) => void) = {}, extraEnv: NodeJS.ProcessEnv = {}): Promise<Sample> {
  const { onLine, env: optionEnv, settleMs } = typeof options === 'function' ? { onLine: options } as MeasureOptions : options
  const env = { ...extraEnv, ...optionEnv }
  const started = performance.now()
  const child = spawn(command, args, { env: { ...process.env, ...env, DISPLAY: display }, stdio: ['ignore', 'pipe', 'pipe'] })
  let readyMs = NaN
  let peak = 0
  const peakByRole = perRole()
  const firstSeen: Partial<PerRole> = {}
  let settled: Sample['settled']
  let report: any
  let buffer = ''
  let stderr = ''
  const sampler = setInterval(() => {
    const tree = processTree(child.pid!)
    peak = Math.max(peak, tree.reduce((sum, p) => sum + p.rssKb, 0))
    const now = perRole()
    for (const p of tree) {
      now[p.role] += p.rssKb
      firstSeen[p.role] ??= performance.now() - started
    }
    for (const role of roles) peakByRole[role] = Math.max(peakByRole[role], now[role])
  }, 25)
  let settleTimer: NodeJS.Timeout | undefined
  const settle = (): void => {
    const rssKb = perRole()
    const pss = perRole()
    for (const p of processTree(child.pid!)) {
      rssKb[p.role] += p.rssKb
      pss[p.role] += pssKb(p.pid)
    }
    settled = { rssKb, pssKb: pss }
  }
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk })
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk
    let newline
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      if (line.startsWith('ready') && Number.isNaN(readyMs)) {
        readyMs = performance.now() - started
        if (settleMs !== undefined) settleTimer = setTimeout(settle, settleMs)
      }
      if (line.startsWith('report ')) report = JSON.parse(line.slice(7))
      onLine?.(line)
    }
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), 120000)
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearInterval(sampler)
      clearTimeout(killer)
      clearTimeout(settleTimer)
      if (code !== 0 || Number.isNaN(readyMs)) reject(new Error(`${command} exited ${code}: ${stderr.slice(-2000)}`))
      else resolve({ readyMs, peakRssKb: peak, peakRssKbByRole: peakByRole, firstSeenMs: firstSeen, settled, report, stderr })
    })
  })
}

export function cpuCount (): number {
  return readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('processor')).length
}
