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

// The sum of RSS over the process and all its descendants.
export function treeRssKb (root: number): number {
  const children = new Map<number, number[]>()
  const rss = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8')
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1])
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      rss.set(Number(entry), kb)
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {}
  }
  let total = 0
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.pop()!
    total += rss.get(pid) ?? 0
    queue.push(...(children.get(pid) ?? []))
  }
  return total
}

export interface Sample { readyMs: number, peakRssKb: number, report?: any }

// Starts `command`, times the first stdout line starting with "ready", samples memory until exit. `env` adds to
// the environment (e.g. SOCKET_HOST_FAST_READ=0).
export function measure (command: string, args: string[], display: string, onLine?: (line: string) => void, env: NodeJS.ProcessEnv = {}): Promise<Sample> {
  const started = performance.now()
  const child = spawn(command, args, { env: { ...process.env, ...env, DISPLAY: display }, stdio: ['ignore', 'pipe', 'pipe'] })
  let readyMs = NaN
  let peak = 0
  let report: any
  let buffer = ''
  let stderr = ''
  const sampler = setInterval(() => { peak = Math.max(peak, treeRssKb(child.pid!)) }, 25)
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk })
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk
    let newline
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      if (line.startsWith('ready') && Number.isNaN(readyMs)) readyMs = performance.now() - started
      if (line.startsWith('report ')) report = JSON.parse(line.slice(7))
      onLine?.(line)
    }
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), 120000)
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearInterval(sampler)
      clearTimeout(killer)
      if (code !== 0 || Number.isNaN(readyMs)) reject(new Error(`${command} exited ${code}: ${stderr.slice(-2000)}`))
      else resolve({ readyMs, peakRssKb: peak, report })
    })
  })
}

export function cpuCount (): number {
  return readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('processor')).length
}
